"""The safety net on the chat and conversation pages without JavaScript: what the writer of
a flagged message sees, that a held message stays theirs alone (history, unread counts,
notifications, the conversation list), and that a suspended member is refused."""

import pytest
from django.urls import reverse

from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.models import Conversation, Message, Notification
from alongside.community.selectors.conversations import (
    conversations_for,
    nav_counts,
    unread_message_count,
)
from alongside.community.tests.factories import conversation_between
from alongside.community.tests.factories_chat import space_room_for
from alongside.community.tests.factories_members import allow_messages, page_text
from alongside.safety.models import SafetyAlert, Suspension
from alongside.safety.support import CONCERN_MESSAGE

URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
WAITING = "Waiting for a moderator: only you can see this."


def space_url(room):
    return reverse("community:chat_space", kwargs={"slug": room.space.slug})


def send_url(room):
    return reverse("community:chat_send", kwargs={"room_id": room.pk})


def history_url(room):
    return reverse("community:chat_history", kwargs={"room_id": room.pk})


def conversation_url(conversation):
    return reverse("community:conversation", args=[conversation.pk])


def test_an_urgent_room_message_takes_its_writer_to_support_and_is_held(client, member):
    room = space_room_for(member)
    client.force_login(member)
    response = client.post(send_url(room), {"body": URGENT, "client_id": "form-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:writer_support")
    message = Message.objects.get()
    assert message.status == ContentStatus.HELD
    assert message.risk_level == "urgent"
    assert SafetyAlert.objects.get(message=message).level == "urgent"

    support_page = page_text(client.get(response["Location"]))
    assert "moderator will check in" in support_page


def test_the_writer_still_sees_their_held_message_and_nobody_else_does(
    client, member, other_member
):
    room = space_room_for(member, other_member)
    client.force_login(member)
    client.post(send_url(room), {"body": URGENT, "client_id": "form-2"})
    for url in (space_url(room), history_url(room)):
        text = page_text(client.get(url))
        assert URGENT in text
        assert WAITING in text

    client.force_login(other_member)
    for url in (space_url(room), history_url(room)):
        text = page_text(client.get(url))
        assert URGENT not in text
        assert "Waiting for a moderator" not in text


def test_a_concern_is_posted_and_the_room_page_shows_a_gentle_note(client, member):
    room = space_room_for(member)
    client.force_login(member)
    response = client.post(send_url(room), {"body": CONCERN, "client_id": "form-3"}, follow=True)
    message = Message.objects.get()
    assert response.redirect_chain[-1][0] == f"{space_url(room)}#message-{message.pk}"
    assert message.status == ContentStatus.VISIBLE
    assert SafetyAlert.objects.get(message=message).level == "concern"
    text = page_text(response)
    assert CONCERN_MESSAGE in text
    assert WAITING not in text


def test_a_suspended_member_is_told_next_to_the_box_and_keeps_their_words(
    client, member, moderator
):
    room = space_room_for(member)
    Suspension.objects.create(member=member, suspended_by=moderator, reason="Too many links")
    client.force_login(member)
    response = client.post(send_url(room), {"body": "Hello everyone", "client_id": "form-4"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "paused your posting and messages" in page_text(response)
    assert ">Hello everyone</textarea>" in html
    assert not Message.objects.exists()


# ---- Conversations ------------------------------------------------------------------------


@pytest.fixture
def conversation(member, other_member):
    allow_messages(member, other_member)
    return conversation_between(member, other_member)


def test_a_held_direct_message_doesnt_reach_the_other_member_at_all(
    client, member, other_member, conversation
):
    client.force_login(member)
    client.post(conversation_url(conversation), {"body": "How was your day?"})
    conversation.refresh_from_db()
    before = conversation.last_message_at
    Notification.objects.all().delete()

    response = client.post(conversation_url(conversation), {"body": URGENT, "client_id": "dm-1"})
    assert response["Location"] == reverse("safety:writer_support")
    held = Message.objects.get(body=URGENT)
    assert held.status == ContentStatus.HELD
    assert SafetyAlert.objects.get(message=held).level == "urgent"

    conversation.refresh_from_db()
    assert conversation.last_message_at == before
    assert not Notification.objects.filter(user=other_member, kind=NotificationKind.MESSAGE)
    assert unread_message_count(user=other_member) == 1  # the first message only
    assert nav_counts(user=other_member)["unread_messages"] == 1
    assert [c.unread for c in conversations_for(user=other_member)] == [1]

    mine = page_text(client.get(conversation_url(conversation)))
    assert URGENT in mine and WAITING in mine
    assert "Seen by" not in mine

    client.force_login(other_member)
    theirs = page_text(client.get(conversation_url(conversation)))
    assert "How was your day?" in theirs
    assert URGENT not in theirs and "Waiting for a moderator" not in theirs
    assert nav_counts(user=other_member)["unread_messages"] == 0


def test_a_concern_in_a_direct_message_is_delivered_as_usual(
    client, member, other_member, conversation
):
    client.force_login(member)
    response = client.post(conversation_url(conversation), {"body": CONCERN}, follow=True)
    assert CONCERN_MESSAGE in page_text(response)
    assert unread_message_count(user=other_member) == 1
    assert Notification.objects.filter(user=other_member, kind=NotificationKind.MESSAGE).exists()
    assert Conversation.objects.get().last_message_at is not None


def test_a_suspended_member_sees_why_on_the_conversation_page_and_cant_send(
    client, member, other_member, moderator, conversation
):
    Suspension.objects.create(member=member, suspended_by=moderator, reason="Spam")
    client.force_login(member)
    page = client.get(conversation_url(conversation))
    assert "paused your posting and messages" in page_text(page)
    assert b"<textarea" not in page.content

    response = client.post(conversation_url(conversation), {"body": "Are you there?"})
    assert response.status_code == 400
    assert "paused your posting and messages" in page_text(response)
    assert b">Are you there?</textarea>" in response.content
    assert not Message.objects.exists()
    assert not Notification.objects.filter(user=other_member).exists()
