"""/api/v1/community/coping and /search: same validation as the pages, the standard error
shape, and never a 500 on bad input."""

import json

import pytest

from alongside.accounts.tests.factories import TopicFactory
from alongside.community.choices import ContentStatus
from alongside.community.models import CopingComment, CopingStrategy, Notification
from alongside.community.tests.factories import PostFactory, ThreadFactory
from alongside.community.tests.factories_coping import (
    CopingCommentFactory,
    CopingStrategyFactory,
    helped_by,
)

BASE = "/api/v1/community"


def send(client, method, url, body=None):
    data = body if isinstance(body, str) else json.dumps(body or {})
    return getattr(client, method)(url, data, content_type="application/json")


def assert_refused(response, *, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Some fields need correcting."
    assert message in " ".join(body["errors"][field]), body["errors"]


NEW = {"title": "Box breathing", "what_it_is": "In, hold, out.", "when_it_helps": "Panic."}


def test_the_api_needs_authentication(db, client):
    assert client.get(f"{BASE}/coping").status_code == 401
    assert send(client, "post", f"{BASE}/coping", NEW).status_code == 401
    assert client.get(f"{BASE}/search?q=x").status_code == 401


def test_share_read_edit_and_delete(client_for, member):
    topic = TopicFactory(name="Panic")
    client = client_for(member)
    response = send(client, "post", f"{BASE}/coping", {**NEW, "topics": [topic.slug]})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["title"] == "Box breathing"
    assert created["topics"] == ["panic"]
    assert created["author"] == "Robin" and created["is_own"] is True
    url = f"{BASE}/coping/{created['id']}"
    assert client.get(url).json()["what_it_is_html"] == "<p>In, hold, out.</p>\n"
    changed = send(client, "patch", url, {"title": "Square breathing"}).json()
    assert changed["title"] == "Square breathing"
    assert changed["topics"] == ["panic"]
    assert changed["edited_at"] is not None
    assert client.delete(url).status_code == 204
    assert CopingStrategy.objects.get().status == ContentStatus.DELETED
    assert client.get(url).status_code == 404


def test_the_list_sorts_filters_and_pages(client_for, member, other_member):
    topic = TopicFactory(name="Sleep")
    plain = CopingStrategyFactory(title="Plain")
    helpful = CopingStrategyFactory(title="Helpful", what_it_is="Warm milk at night.")
    helpful.topics.add(topic)
    helped_by(helpful, other_member)
    client = client_for(member)
    body = client.get(f"{BASE}/coping").json()
    assert [item["title"] for item in body["items"]] == ["Helpful", "Plain"]
    assert body["count"] == 2
    assert body["items"][0]["helped_count"] == 1
    assert client.get(f"{BASE}/coping?topic=sleep").json()["count"] == 1
    assert client.get(f"{BASE}/coping?q=warm+MILK").json()["items"][0]["title"] == "Helpful"
    page = client.get(f"{BASE}/coping?limit=1&offset=1").json()
    assert [item["id"] for item in page["items"]] == [plain.pk]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("topic=nope", "topic", "Choose a topic from the list."),
        ("limit=0", "limit", "Give a limit from 1 to 100."),
        ("offset=-1", "offset", "Give an offset from 0 to 1,000,000."),
        ("offset=100000000000000000000", "offset", "Give an offset from 0 to 1,000,000."),
        ("q=" + "a" * 201, "q", "Please shorten this to 200"),
    ],
)
def test_bad_list_filters_are_refused(client_for, member, query, field, message):
    assert_refused(client_for(member).get(f"{BASE}/coping?{query}"), field=field, message=message)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({**NEW, "title": ""}, "title", "Please fill in “Title”."),
        ({**NEW, "what_it_is": "a" * 50_000}, "what_it_is", "Please shorten this to 5000"),
        ({**NEW, "topics": ["nope"]}, "topics", "Choose topics from the list."),
        ({**NEW, "topics": ["\ud800"]}, "topics", "Choose topics from the list."),
        ({**NEW, "when_it_helps": "\ud800"}, "when_it_helps", "Write something"),
        ({"title": "Only a title"}, "what_it_is", "This field is required."),
        ({**NEW, "extra": 1}, "extra", "This field isn't recognised."),
    ],
)
def test_bad_strategies_are_refused_and_nothing_is_stored(client_for, member, body, field, message):
    assert_refused(
        send(client_for(member), "post", f"{BASE}/coping", body), field=field, message=message
    )
    assert not CopingStrategy.objects.exists()


def test_a_lone_surrogate_is_stripped_never_a_500(client_for, member):
    body = json.dumps({**NEW, "title": "Calm \ud800 water"})
    response = send(client_for(member), "post", f"{BASE}/coping", body)
    assert response.status_code in (201, 422), response.content
    if response.status_code == 201:
        assert response.json()["title"] == "Calm water"


def test_json_that_isnt_json_is_refused(client_for, member):
    response = send(client_for(member), "post", f"{BASE}/coping", "{not json")
    assert response.status_code == 422


def test_nobody_else_can_change_or_delete_a_strategy(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member, title="Sam's")
    client = client_for(member)
    url = f"{BASE}/coping/{strategy.pk}"
    assert send(client, "patch", url, {"title": "Mine now"}).status_code == 403
    assert client.delete(url).status_code == 403
    strategy.refresh_from_db()
    assert (strategy.title, strategy.status) == ("Sam's", ContentStatus.VISIBLE)


def test_held_strategies_are_not_found(client_for, member):
    strategy = CopingStrategyFactory(status=ContentStatus.HELD)
    assert client_for(member).get(f"{BASE}/coping/{strategy.pk}").status_code == 404
    assert client_for(member).get(f"{BASE}/coping/999999").status_code == 404


def test_helped_can_be_said_once_and_taken_back(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    client = client_for(member)
    url = f"{BASE}/coping/{strategy.pk}/helped"
    assert send(client, "post", url).json() == {"helped_count": 1, "found_helpful": True}
    assert send(client, "post", url).json() == {"helped_count": 1, "found_helpful": True}
    assert client.delete(url).json() == {"helped_count": 0, "found_helpful": False}


def test_you_cannot_mark_your_own_strategy_helpful(client_for, member):
    strategy = CopingStrategyFactory(author=member)
    response = send(client_for(member), "post", f"{BASE}/coping/{strategy.pk}/helped")
    assert response.status_code == 403
    assert response.json()["detail"] == "You can't mark your own strategy as helpful."


def test_comments_are_listed_written_and_deleted(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member, title="Music")
    CopingCommentFactory(strategy=strategy, body="Held one", status=ContentStatus.HELD)
    client = client_for(member)
    url = f"{BASE}/coping/{strategy.pk}/comments"
    response = send(client, "post", url, {"body": "Lovely *idea*"})
    assert response.status_code == 201, response.content
    comment = response.json()
    assert comment["body_html"] == "<p>Lovely <em>idea</em></p>\n"
    assert Notification.objects.get(user=other_member).text == "Robin commented on “Music”."
    assert [item["body"] for item in client.get(url).json()] == ["Lovely *idea*"]
    assert client.delete(f"{BASE}/coping/comments/{comment['id']}").status_code == 204
    assert client.get(url).json() == []


def test_bad_comments_are_refused(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    url = f"{BASE}/coping/{strategy.pk}/comments"
    client = client_for(member)
    assert_refused(send(client, "post", url, {"body": ""}), field="body", message="Please fill in")
    assert_refused(
        send(client, "post", url, {"body": "a" * 50_000}), field="body", message="shorten"
    )
    assert_refused(send(client, "post", url, {"body": "\ud800"}), field="body", message="Write")
    assert not CopingComment.objects.exists()


def test_nobody_else_can_delete_a_comment(client_for, member, other_member):
    comment = CopingCommentFactory(author=other_member)
    assert client_for(member).delete(f"{BASE}/coping/comments/{comment.pk}").status_code == 403


def test_posting_too_fast_is_a_conflict_with_a_plain_message(client_for, member):
    client = client_for(member)
    for _ in range(10):
        assert send(client, "post", f"{BASE}/coping", NEW).status_code == 201
    response = send(client, "post", f"{BASE}/coping", NEW)
    assert response.status_code == 409
    assert "posting very quickly" in response.json()["detail"]


def test_search_finds_threads_and_strategies(client_for, member):
    thread = ThreadFactory(title="Long nights")
    PostFactory(thread=thread, body="Opening.")
    PostFactory(thread=thread, body="A weighted blanket helps me.")
    PostFactory(thread=thread, body="Blanket secret", status=ContentStatus.HELD)
    CopingStrategyFactory(title="Blanket fort", what_it_is="Build one.")
    body = client_for(member).get(f"{BASE}/search?q=blanket").json()
    assert body["count"] == 2
    assert {(item["kind"], item["title"]) for item in body["items"]} == {
        ("thread", "Long nights"),
        ("coping_strategy", "Blanket fort"),
    }
    assert client_for(member).get(f"{BASE}/search?q=secret").json()["count"] == 0


def test_search_refuses_bad_input(client_for, member):
    client = client_for(member)
    assert_refused(client.get(f"{BASE}/search?q={'a' * 201}"), field="q", message="200")
    assert_refused(client.get(f"{BASE}/search?limit=500"), field="limit", message="1 to 100")
    assert client.get(f"{BASE}/search?q=%ED%A0%80").status_code == 200  # invalid UTF-8
    assert client.get(f"{BASE}/search").json()["count"] == 0


def test_the_list_takes_the_same_queries_however_many(
    client_for, member, django_assert_max_num_queries
):
    for _ in range(2):
        CopingStrategyFactory().topics.add(TopicFactory(name="Grief"))
    client = client_for(member)
    with django_assert_max_num_queries(30) as few:
        client.get(f"{BASE}/coping")
    for _ in range(15):
        CopingStrategyFactory().topics.add(TopicFactory(name="Grief"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{BASE}/coping").json()["items"]) == 17
