"""The safety net in the forum API: `safety` in what writing returns, held posts and threads
seen by nobody but their writer, and suspended members refused in plain words."""

import pytest

from alongside.community.choices import ContentStatus
from alongside.community.models import Post, Thread
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by
from alongside.safety.models import SafetyAlert, Suspension
from alongside.safety.support import URGENT_MESSAGE

pytestmark = pytest.mark.django_db
API = "/api/v1/community"
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
ORDINARY = "A slow walk by the river helped me today."


def send(client, url, body, method="post"):
    return getattr(client, method)(url, body, content_type="application/json")


@pytest.fixture
def thread(member, other_member):
    space = space_for(member, other_member)
    return thread_by(other_member, space=space, title="Evenings are hard", body="Anyone else?")


def test_an_urgent_reply_answers_with_support_and_is_held(client_for, member, thread):
    response = send(client_for(member), f"{API}/threads/{thread.pk}/posts", {"body": URGENT})

    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "held"
    safety = data["safety"]
    assert safety["level"] == "urgent" and safety["held"] is True
    assert safety["message"] == URGENT_MESSAGE
    assert "moderator will check in" in safety["held_message"]
    names = [resource["name"] for resource in safety["resources"]]
    assert 2 <= len(names) <= 3 and "Samaritans" in names
    assert SafetyAlert.objects.get().post_id == data["id"]


def test_nobody_else_reads_a_held_reply(client_for, member, other_member, thread):
    held = send(client_for(member), f"{API}/threads/{thread.pk}/posts", {"body": URGENT}).json()

    others = client_for(other_member).get(f"{API}/threads/{thread.pk}").json()
    assert held["id"] not in [post["id"] for post in others["posts"]]
    assert others["reply_count"] == 0
    own = client_for(member).get(f"{API}/threads/{thread.pk}").json()
    assert [post["status"] for post in own["posts"] if post["id"] == held["id"]] == ["held"]


def test_an_urgent_thread_is_held_and_unlisted_for_others(client_for, member, other_member):
    space = space_for(member, other_member)
    body = {"title": "Tonight", "body": URGENT}
    response = send(client_for(member), f"{API}/spaces/{space.slug}/threads", body)

    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "held" and data["safety"]["level"] == "urgent"
    listed = client_for(other_member).get(f"{API}/spaces/{space.slug}/threads").json()
    assert listed["count"] == 0
    assert client_for(other_member).get(f"{API}/threads/{data['id']}").status_code == 404
    own = client_for(member).get(f"{API}/threads/{data['id']}")
    assert own.status_code == 200 and own.json()["posts"][0]["body"] == URGENT


def test_concern_is_posted_with_gentle_support(client_for, member, thread):
    response = send(client_for(member), f"{API}/threads/{thread.pk}/posts", {"body": CONCERN})

    data = response.json()
    assert data["status"] == "visible"
    assert data["safety"]["level"] == "concern" and data["safety"]["held"] is False
    assert data["safety"]["held_message"] == ""
    assert SafetyAlert.objects.get().level == "concern"


def test_ordinary_writing_answers_safety_null(client_for, member, other_member, thread):
    response = send(client_for(member), f"{API}/threads/{thread.pk}/posts", {"body": ORDINARY})
    assert response.status_code == 201 and response.json()["safety"] is None
    space = space_for(member)
    started = send(client_for(member), f"{API}/spaces/{space.slug}/threads", {
        "title": "Small wins", "body": ORDINARY,
    })  # fmt: skip
    assert started.json()["safety"] is None
    assert not SafetyAlert.objects.exists()


def test_an_edit_that_becomes_urgent_is_held_again(client_for, member, thread):
    post = reply_by(member, thread, body=ORDINARY)
    response = send(client_for(member), f"{API}/posts/{post.pk}", {"body": URGENT}, "patch")

    assert response.status_code == 200
    assert response.json()["status"] == "held"
    assert response.json()["safety"]["level"] == "urgent"
    post.refresh_from_db()
    assert post.status == ContentStatus.HELD


def test_a_suspended_member_gets_a_plain_words_refusal(client_for, member, thread):
    Suspension.objects.create(member=member, reason="Paused while we talk")
    posts, threads = Post.objects.count(), Thread.objects.count()
    client = client_for(member)

    response = send(client, f"{API}/threads/{thread.pk}/posts", {"body": CONCERN})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("A moderator has paused your posting")
    started = send(client, f"{API}/spaces/{thread.space.slug}/threads", {
        "title": "Hello", "body": ORDINARY,
    })  # fmt: skip
    assert started.status_code == 409
    assert (Post.objects.count(), Thread.objects.count()) == (posts, threads)
    assert not SafetyAlert.objects.exists()
