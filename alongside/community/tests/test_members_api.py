"""/api/v1/community: settings, blocks, conversations, reports and notifications."""

import pytest

from alongside.accounts.tests.factories import UserFactory
from alongside.community.models import Block, CommunitySettings, Conversation, Notification
from alongside.community.tests.factories import MessageFactory, PostFactory, conversation_between
from alongside.community.tests.factories_members import (
    BlockFactory,
    NotificationFactory,
    allow_messages,
)
from alongside.safety.models import Report

API = "/api/v1/community"


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def test_visitors_get_401(client):
    response = client.get(f"{API}/settings")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_settings_read_and_patch(client_for, member):
    client = client_for(member)
    assert client.get(f"{API}/settings").json() == {
        "allow_direct_messages": False,
        "muted_words": [],
        "email_digest": "never",
        "break_until": None,
    }
    response = patch(
        client, f"{API}/settings", {"allow_direct_messages": True, "muted_words": ["exams"]}
    )
    assert response.status_code == 200
    assert response.json()["allow_direct_messages"] is True
    assert response.json()["muted_words"] == ["exams"]
    response = patch(client, f"{API}/settings", {"break_for": "1w"})
    assert response.json()["break_until"] is not None
    assert response.json()["muted_words"] == ["exams"]  # unchanged
    response = patch(client, f"{API}/settings", {"break_for": "none"})
    assert response.json()["break_until"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"muted_words": ["x" * 41]}, "muted_words"),
        ({"muted_words": [f"w{n}" for n in range(51)]}, "muted_words"),
        ({"email_digest": "hourly"}, "email_digest"),
        ({"break_for": "forever"}, "break_for"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_settings_get_422_and_change_nothing(client_for, member, body, field):
    response = patch(client_for(member), f"{API}/settings", body)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not CommunitySettings.objects.filter(user=member).exists()


def test_blocks(client_for, member, other_member):
    client = client_for(member)
    response = post(client, f"{API}/blocks", {"member_id": other_member.pk})
    assert response.status_code == 201
    assert response.json() == {"id": other_member.pk, "display_name": "Sam"}
    assert client.get(f"{API}/blocks").json() == [{"id": other_member.pk, "display_name": "Sam"}]
    assert client.delete(f"{API}/blocks/{other_member.pk}").status_code == 204
    assert not Block.objects.exists()


def test_blocking_yourself_or_nobody(client_for, member):
    client = client_for(member)
    response = post(client, f"{API}/blocks", {"member_id": member.pk})
    assert response.status_code == 403
    assert response.json()["detail"] == "You can't block yourself."
    assert post(client, f"{API}/blocks", {"member_id": 999999}).status_code == 404


def test_conversations_need_both_to_allow(client_for, member, other_member):
    client = client_for(member)
    response = post(client, f"{API}/conversations", {"with_member_id": other_member.pk})
    assert response.status_code == 403
    allow_messages(member, other_member)
    response = post(client, f"{API}/conversations", {"with_member_id": other_member.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["other_member"] == {"id": other_member.pk, "display_name": "Sam"}
    assert body["unread"] == 0
    assert Conversation.objects.count() == 1


def test_a_blocked_member_cannot_dm_through_the_api(client_for, member, other_member):
    allow_messages(member, other_member)
    BlockFactory(blocker=other_member, blocked=member)
    response = post(client_for(member), f"{API}/conversations", {"with_member_id": other_member.pk})
    assert response.status_code == 403
    assert response.json()["detail"] == "This member doesn't accept direct messages."
    assert not Conversation.objects.exists()


def test_conversation_list_and_detail(client_for, member, other_member):
    conversation = conversation_between(member, other_member)
    MessageFactory(room=conversation.room, author=other_member, body="Hi Robin")
    client = client_for(member)
    listed = client.get(f"{API}/conversations").json()
    assert [(item["id"], item["unread"]) for item in listed] == [(conversation.pk, 1)]
    detail = client.get(f"{API}/conversations/{conversation.pk}").json()
    assert detail["messages"][0]["body_html"] == "<p>Hi Robin</p>\n"
    assert detail["messages"][0]["collapsed"] == ""
    assert detail["seen_message_id"] is None


def test_non_participants_get_404_from_the_api(client_for, member, other_member):
    conversation = conversation_between(member, other_member)
    client = client_for(UserFactory())
    response = client.get(f"{API}/conversations/{conversation.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_reports(client_for, member, other_member):
    post_ = PostFactory(author=other_member)
    client = client_for(member)
    body = {"target": "post", "object_id": post_.pk, "reason": "unkind", "details": "Rude."}
    response = post(client, f"{API}/reports", body)
    assert response.status_code == 201
    assert response.json()["status"] == "open"
    assert Report.objects.get().reported_member == other_member
    again = post(client, f"{API}/reports", body)
    assert again.status_code == 409
    assert "already reported" in again.json()["detail"]
    bad = post(client, f"{API}/reports", {**body, "reason": "meh"})
    assert bad.status_code == 422
    assert "reason" in bad.json()["errors"]
    missing = post(client, f"{API}/reports", {**body, "object_id": 999999})
    assert missing.status_code == 404
    assert Report.objects.count() == 1


def test_notifications(client_for, member, other_member):
    read = NotificationFactory(user=member, read_at="2026-01-01T00:00:00Z")
    unread = NotificationFactory(user=member)
    theirs = NotificationFactory(user=other_member)
    client = client_for(member)
    assert [item["id"] for item in client.get(f"{API}/notifications").json()] == [
        unread.pk,
        read.pk,
    ]
    assert [item["id"] for item in client.get(f"{API}/notifications?unread=1").json()] == [
        unread.pk
    ]
    response = post(client, f"{API}/notifications/{unread.pk}/read")
    assert response.json()["read_at"] is not None
    assert post(client, f"{API}/notifications/{theirs.pk}/read").status_code == 404
    NotificationFactory.create_batch(2, user=member)
    assert post(client, f"{API}/notifications/read-all").json() == {"marked": 2}
    assert not Notification.objects.filter(user=member, read_at=None).exists()


def test_the_conversation_list_keeps_its_query_count(
    client_for, member, django_assert_max_num_queries
):
    for _ in range(6):
        conversation = conversation_between(member, UserFactory())
        other = conversation.other_participant_id(member.pk)
        MessageFactory(room=conversation.room, author_id=other)
    client = client_for(member)
    client.get(f"{API}/settings")
    with django_assert_max_num_queries(4):  # session, user, the list
        response = client.get(f"{API}/conversations")
    assert [item["unread"] for item in response.json()] == [1] * 6


def test_impossible_ids_are_404(client_for, member, other_member):
    client = client_for(member)
    huge = 10**30
    assert client.get(f"{API}/conversations/{huge}").status_code == 404
    assert post(client, f"{API}/notifications/{huge}/read").status_code == 404
    assert post(client, f"{API}/blocks", {"member_id": huge}).status_code == 404
    body = {"target": "post", "object_id": huge, "reason": "spam"}
    assert post(client, f"{API}/reports", body).status_code == 404
    conversation = conversation_between(member, other_member)
    assert client.get(f"{API}/conversations/{conversation.pk}?before={huge}").status_code == 200
