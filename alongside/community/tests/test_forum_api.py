"""/api/v1/community forum endpoints: same checks as the pages, errors in the standard shape."""

import pytest

from alongside.community.choices import ContentStatus
from alongside.community.models import Notification, Post, PostRevision, Reaction, Space, Thread
from alongside.community.tests.factories import SpaceFactory
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by

pytestmark = pytest.mark.django_db
API = "/api/v1/community"


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def test_anonymous_callers_are_refused(client):
    assert client.get(f"{API}/spaces").status_code == 401


def test_coordinators_create_and_change_spaces(client_for, coordinator):
    client = client_for(coordinator)
    body = {"name": "Carers", "description": "For carers.", "guidelines": "Be kind."}
    response = post(client, f"{API}/spaces", body)
    assert response.status_code == 201
    assert response.json()["slug"] == "carers"
    response = patch(client, f"{API}/spaces/carers", {"guidelines": "Be kinder."})
    assert response.json()["guidelines_version"] == 2
    response = patch(client, f"{API}/spaces/carers", {"is_archived": True})
    assert response.json()["is_archived"] is True


def test_members_cannot_create_spaces(client_for, member):
    body = {"name": "Mine", "description": "x", "guidelines": "y"}
    response = post(client_for(member), f"{API}/spaces", body)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only coordinators can create and change spaces."
    assert not Space.objects.exists()


def test_space_mistakes_are_422_with_field_errors(client_for, coordinator):
    response = post(
        client_for(coordinator), f"{API}/spaces", {"name": "", "description": "", "guidelines": ""}
    )
    assert response.status_code == 422
    assert response.json()["errors"]["description"] == ["Say what this space is for."]


def test_listing_spaces_and_threads(client_for, member, other_member):
    space = space_for(member, other_member, name="Bereavement")
    thread_by(member, space=space, title="First")
    thread_by(other_member, space=space, title="Second")
    client = client_for(member)
    spaces = client.get(f"{API}/spaces").json()
    assert spaces[0]["name"] == "Bereavement" and spaces[0]["thread_count"] == 2
    page = client.get(f"{API}/spaces/{space.slug}/threads?limit=1&offset=0").json()
    assert page["count"] == 2
    assert [item["title"] for item in page["items"]] == ["Second"]
    assert page["items"][0]["is_new"] is True
    assert client.get(f"{API}/spaces/{space.slug}/threads?limit=0").status_code == 422


def test_starting_a_thread_needs_the_guidelines(client_for, member):
    space = SpaceFactory()
    client = client_for(member)
    url = f"{API}/spaces/{space.slug}/threads"
    body = {"title": "Hello", "body": "First time here.", "content_warning": "Loss"}
    refused = post(client, url, body)
    assert refused.status_code == 409
    assert "guidelines" in refused.json()["detail"]
    assert not Thread.objects.exists()
    response = post(client, url, {**body, "accept_guidelines_version": 1})
    assert response.status_code == 201
    data = response.json()
    assert data["posts"][0]["content_warning"] == "Loss"
    assert data["guidelines_accepted"] is True


def test_empty_and_huge_posts_are_422(client_for, member):
    space = space_for(member)
    url = f"{API}/spaces/{space.slug}/threads"
    response = post(client_for(member), url, {"title": "Hi", "body": ""})
    assert response.status_code == 422
    assert response.json()["errors"]["body"] == ["Write something in your post first."]
    response = post(client_for(member), url, {"title": "Hi", "body": "z" * 50_000})
    assert response.status_code == 422
    assert "50,000 characters long" in response.json()["errors"]["body"][0]
    assert not Post.objects.exists()


def test_replying_quoting_editing_deleting(client_for, member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space, title="Tips")
    opening = thread.posts.get()
    client = client_for(other_member)
    response = post(
        client,
        f"{API}/threads/{thread.pk}/posts",
        {"body": "Walking helps @Robin", "quoted_post_id": opening.pk},
    )
    assert response.status_code == 201
    reply_id = response.json()["id"]
    assert response.json()["quoted_post_id"] == opening.pk
    assert Notification.objects.filter(user=member).count() == 1  # reply, mention folded in
    edited = patch(client, f"{API}/posts/{reply_id}", {"body": "Walking helps me."})
    assert edited.json()["edited_at"] is not None
    assert PostRevision.objects.get(post_id=reply_id).body == "Walking helps @Robin"
    assert client.delete(f"{API}/posts/{reply_id}").status_code == 204
    detail = client.get(f"{API}/threads/{thread.pk}").json()
    assert detail["posts"][1]["status"] == ContentStatus.DELETED
    assert detail["posts"][1]["body"] == ""


def test_quoting_a_post_elsewhere_is_422(client_for, member):
    first = thread_by(member)
    second = thread_by(member, space=first.space)
    response = post(
        client_for(member),
        f"{API}/threads/{second.pk}/posts",
        {"body": "Hi", "quoted_post_id": first.posts.get().pk},
    )
    assert response.status_code == 422
    assert "quoted_post_id" in response.json()["errors"]


def test_someone_elses_post_cannot_be_changed(client_for, member, other_member):
    post_id = thread_by(member, body="Mine").posts.get().pk
    client = client_for(other_member)
    assert patch(client, f"{API}/posts/{post_id}", {"body": "Changed"}).status_code == 403
    assert client.delete(f"{API}/posts/{post_id}").status_code == 403
    assert Post.objects.get().body == "Mine"


def test_revisions_are_for_moderators(client_for, member, moderator):
    post_id = thread_by(member, body="Before").posts.get().pk
    patch(client_for(member), f"{API}/posts/{post_id}", {"body": "After"})
    assert client_for(member).get(f"{API}/posts/{post_id}/revisions").status_code == 404
    revisions = client_for(moderator).get(f"{API}/posts/{post_id}/revisions").json()
    assert revisions[0]["body"] == "Before"


def test_reactions_and_mute(client_for, member, other_member):
    thread = thread_by(member, space=space_for(member, other_member))
    post_id = thread.posts.get().pk
    client = client_for(other_member)
    response = post(client, f"{API}/posts/{post_id}/reactions/helped")
    helped = next(r for r in response.json()["reactions"] if r["kind"] == "helped")
    assert helped == {
        "kind": "helped",
        "label": "This helped me",
        "count": 1,
        "names": ["Sam"],
        "mine": True,
    }
    assert client.delete(f"{API}/posts/{post_id}/reactions/helped").status_code == 200
    assert not Reaction.objects.exists()
    assert post(client, f"{API}/posts/{post_id}/reactions/like").status_code == 422
    own = post(client_for(member), f"{API}/posts/{post_id}/reactions/helped")
    assert own.status_code == 403
    assert post(client, f"{API}/threads/{thread.pk}/mute").json() == {"muted": True}
    reply_by(other_member, thread)
    assert client.delete(f"{API}/threads/{thread.pk}/mute").json() == {"muted": False}


def test_hidden_threads_are_404(client_for, member):
    thread = thread_by(member)
    Thread.objects.filter(pk=thread.pk).update(status=ContentStatus.HIDDEN)
    assert client_for(member).get(f"{API}/threads/{thread.pk}").status_code == 404
    archived = SpaceFactory(is_archived=True)
    assert client_for(member).get(f"{API}/spaces/{archived.slug}").status_code == 404


def test_every_forum_endpoint_documents_its_errors(client):
    schema = client.get("/api/v1/openapi.json").json()
    forum_paths = {
        path: operations
        for path, operations in schema["paths"].items()
        if path.startswith(f"{API}/spaces") or path.startswith((f"{API}/threads", f"{API}/posts"))
    }
    assert len(forum_paths) == 10
    for path, operations in forum_paths.items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"401", "403", "404", "422"} <= documented, (method, path)
    refusing = schema["paths"][f"{API}/spaces/{{slug}}/threads"]["post"]["responses"]
    assert "409" in refusing


def test_api_lists_take_the_same_queries_however_long(
    client_for, member, other_member, django_assert_max_num_queries
):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    for n in range(6):
        thread_by(other_member, space=space, title=f"Thread {n}")
        reply_by(other_member, thread, body=f"Reply {n}")
    client = client_for(member)
    client.get(f"{API}/spaces")  # the session is loaded once, outside the count
    with django_assert_max_num_queries(10):
        assert len(client.get(f"{API}/spaces/{space.slug}/threads").json()["items"]) == 7
    with django_assert_max_num_queries(22):
        assert len(client.get(f"{API}/threads/{thread.pk}").json()["posts"]) == 7


def test_space_topics_through_the_api(client_for, coordinator):
    from alongside.accounts.tests.factories import TopicFactory

    TopicFactory(slug="carers-topic", name="Caring")
    client = client_for(coordinator)
    body = {"name": "Carers", "description": "x", "guidelines": "y", "topics": ["carers-topic"]}
    assert post(client, f"{API}/spaces", body).json()["topics"] == ["carers-topic"]
    response = patch(client, f"{API}/spaces/carers", {"topics": ["no-such-topic"]})
    assert response.status_code == 422 and "topics" in response.json()["errors"]
    assert patch(client, f"{API}/spaces/carers", {"description": "For carers."}).json()[
        "topics"
    ] == ["carers-topic"]
