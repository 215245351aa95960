"""/api/v1/resources: anyone reads the published library; coordinators change it with the
same checks and messages as the pages."""

import json

import pytest

from alongside.accounts.models import Topic
from alongside.staff.models import ResourceLink
from alongside.staff.tests.test_resource_selectors import entry

URL = "/api/v1/resources"
NEW_PAGE = {
    "title": "Preparing for your first group",
    "summary": "What to expect.",
    "body": "You can just *listen*.",
}


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(slug="carers-test", defaults={"name": "Carers test"})[0]


def send(client, method, path, payload):
    return getattr(client, method)(path, json.dumps(payload), content_type="application/json")


def test_anyone_lists_published_entries_filtered_by_topic(client, topic):
    entry("General", position=0)
    entry("Carers", topics=[topic], position=1, url="https://carers.example/")
    entry("Draft", published=False)

    everything = client.get(URL).json()
    assert everything["count"] == 2
    assert [item["title"] for item in everything["items"]] == ["General", "Carers"]
    assert everything["items"][0]["page_url"] == "/information/general/"
    assert everything["items"][1]["url"] == "https://carers.example/"
    assert everything["items"][1]["topics"] == ["carers-test"]

    about_carers = client.get(URL, {"topic": "carers-test"}).json()
    assert [item["title"] for item in about_carers["items"]] == ["Carers"]
    assert client.get(URL, {"topic": "x" * 5000}).json()["count"] == 0
    assert client.get(URL, {"topic": "carers-test\x00"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"limit": 10**30}, "limit")],
)
def test_bad_paging_is_explained(client, db, query, field):
    response = client.get(URL, query)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_the_list_query_count_does_not_grow(client, topic, django_assert_max_num_queries):
    for n in range(2):
        entry(f"E{n}", topics=[topic])
    with django_assert_max_num_queries(3) as few:
        client.get(URL)
    for n in range(2, 12):
        entry(f"E{n}", topics=[topic])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).json()["count"] == 12


def test_one_entry_is_readable_unless_unpublished(client, client_for, coordinator, db):
    shown, draft = entry("Shown"), entry("Draft", published=False)
    assert client.get(f"{URL}/{shown.pk}").json()["title"] == "Shown"
    assert client.get(f"{URL}/{draft.pk}").status_code == 404
    assert client.get(f"{URL}/999999").status_code == 404
    assert client.get(f"{URL}/not-a-number").status_code == 422
    assert client_for(coordinator).get(f"{URL}/{draft.pk}").json()["title"] == "Draft"


def test_a_coordinator_adds_changes_and_deletes(client_for, coordinator, topic):
    client = client_for(coordinator)
    created = send(client, "post", URL, {**NEW_PAGE, "topics": ["carers-test"]})
    assert created.status_code == 201
    body = created.json()
    assert body["slug"] == "preparing-for-your-first-group"
    assert body["body_html"] == "<p>You can just <em>listen</em>.</p>\n"
    assert body["topics"] == ["carers-test"]

    changed = send(client, "patch", f"{URL}/{body['id']}", {"title": "First group", "topics": []})
    assert changed.status_code == 200
    assert changed.json()["title"] == "First group" and changed.json()["topics"] == []
    assert changed.json()["body_html"] == body["body_html"]

    to_link = send(
        client, "patch", f"{URL}/{body['id']}", {"body": "", "url": "https://x.example/"}
    )
    assert to_link.json()["url"] == "https://x.example/" and to_link.json()["page_url"] == ""

    assert client.delete(f"{URL}/{body['id']}").status_code == 204
    assert not ResourceLink.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({**NEW_PAGE, "url": "javascript:alert(1)", "body": ""}, "url", "https://"),
        ({**NEW_PAGE, "url": "https://x.example/"}, "url", "not both"),
        ({**NEW_PAGE, "body": ""}, "url", "Give either a link to another site or page text."),
        ({**NEW_PAGE, "title": "t" * 121}, "title", "Keep this to 120 characters"),
        ({**NEW_PAGE, "title": "\x00"}, "title", "Null characters are not allowed."),
        ({**NEW_PAGE, "position": -5}, "position", "Enter a whole number from 0 to 1000."),
        ({**NEW_PAGE, "position": 10**30}, "position", "Enter a whole number from 0 to 1000."),
        ({**NEW_PAGE, "topics": ["nope"]}, "topics", "Choose topics from the list."),
        ({**NEW_PAGE, "topics": "carers"}, "topics", ""),
        ({**NEW_PAGE, "title": 5}, "title", ""),
        ({**NEW_PAGE, "surprise": 1}, "surprise", "This field isn't recognised."),
        ({"title": "Only a title"}, "summary", "This field is required."),
    ],
)
def test_bad_input_is_a_422_with_the_pages_messages(
    client_for, coordinator, payload, field, message
):
    response = send(client_for(coordinator), "post", URL, payload)
    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][field])
    assert not ResourceLink.objects.exists()


def test_junk_bodies_never_500(client_for, coordinator):
    client = client_for(coordinator)
    resource = entry("Steady")
    too_many_topics = json.dumps({"title": "t", "summary": "s", "topics": ["x"] * 70000})
    for junk in ["not json", "[]", "null", '{"title": null}', "\x00", too_many_topics]:
        for method, path in [("post", URL), ("patch", f"{URL}/{resource.pk}")]:
            response = getattr(client, method)(path, junk, content_type="application/json")
            assert response.status_code in (400, 422), (method, junk)
    resource.refresh_from_db()
    assert resource.title == "Steady"


def test_a_bad_patch_changes_nothing(client_for, coordinator):
    resource = entry("Steady", body="Kept")
    response = send(
        client_for(coordinator), "patch", f"{URL}/{resource.pk}", {"url": "https://x.example/"}
    )
    assert response.status_code == 422
    resource.refresh_from_db()
    assert resource.url == "" and resource.body == "Kept"


@pytest.mark.parametrize("persona", ["member", "moderator", "peer_supporter"])
def test_others_may_not_change_the_library(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    resource = entry("Steady")
    assert send(client, "post", URL, NEW_PAGE).status_code == 403
    assert send(client, "patch", f"{URL}/{resource.pk}", {"title": "Mine"}).status_code == 403
    assert client.delete(f"{URL}/{resource.pk}").status_code == 403
    assert ResourceLink.objects.get().title == "Steady"


def test_signed_out_callers_may_not_change_the_library(client, db):
    resource = entry("Steady")
    assert send(client, "post", URL, NEW_PAGE).status_code == 401
    assert client.delete(f"{URL}/{resource.pk}").status_code == 401
