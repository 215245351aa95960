"""1:1 conversations: who may start one, the list with unread counts, the page, read
markers, sending without JavaScript, and the "new message" notification."""

import pytest

from alongside.accounts.tests.factories import UserFactory
from alongside.community.actions.chat import send_message
from alongside.community.actions.conversations import (
    start_conversation,
    start_match_conversation,
)
from alongside.community.choices import ConversationKind, NotificationKind
from alongside.community.models import Conversation, Message, Notification, ReadMarker
from alongside.community.selectors.conversations import unread_message_count
from alongside.community.tests.factories import MessageFactory, conversation_between
from alongside.community.tests.factories_members import allow_messages, page_text


def _message(conversation, author, body="Hello there"):
    return MessageFactory(room=conversation.room, author=author, body=body)


def test_new_members_dont_accept_direct_messages(client_for, member, other_member):
    client = client_for(member)
    response = client.get(f"/community/messages/new/{other_member.pk}/")
    assert response.status_code == 403
    assert "Turn on direct messages in your community settings" in page_text(response)

    allow_messages(member)
    assert "Sam doesn't accept direct messages." in page_text(
        client.get(f"/members/{other_member.pk}/")
    )
    assert client.post(f"/community/messages/new/{other_member.pk}/").status_code == 403
    assert not Conversation.objects.exists()


def test_both_allowing_lets_one_start_a_conversation(client_for, member, other_member):
    allow_messages(member, other_member)
    client = client_for(member)
    assert "Send a message" in page_text(client.get(f"/members/{other_member.pk}/"))
    response = client.post(f"/community/messages/new/{other_member.pk}/")
    conversation = Conversation.objects.get()
    assert response["Location"] == f"/community/messages/{conversation.pk}/"
    assert conversation.kind == ConversationKind.DIRECT
    assert set(conversation.participant_ids()) == {member.pk, other_member.pk}
    # Starting again finds the same one.
    client.post(f"/community/messages/new/{other_member.pk}/")
    assert Conversation.objects.count() == 1


def test_you_cant_message_yourself(client_for, member):
    allow_messages(member)
    assert client_for(member).post(f"/community/messages/new/{member.pk}/").status_code == 403


def test_match_conversations_need_no_setting(member, peer_supporter):
    conversation = start_match_conversation(first=peer_supporter, second=member)
    assert conversation.kind == ConversationKind.MATCH
    assert conversation.first_user_id < conversation.second_user_id
    message = send_message(room=conversation.room, author=member, body="Hi Alex")
    assert message.room_id == conversation.room_id


def test_non_participants_get_404(client_for, member, other_member):
    conversation = conversation_between(member, other_member)
    outsider = UserFactory()
    client = client_for(outsider)
    assert client.get(f"/community/messages/{conversation.pk}/").status_code == 404
    assert client.post(f"/community/messages/{conversation.pk}/", {"body": "hi"}).status_code == 404
    assert client.get("/community/messages/999999/").status_code == 404


def test_the_list_shows_unread_counts_in_one_query(
    client_for, member, other_member, django_assert_max_num_queries
):
    first = conversation_between(member, other_member)
    for _ in range(3):
        _message(first, other_member)
    others = [conversation_between(member, UserFactory()) for _ in range(4)]
    for conversation in others:
        _message(
            conversation,
            conversation.second_user
            if conversation.first_user == member
            else conversation.first_user,
        )
    _message(first, member)  # my own message doesn't count
    client = client_for(member)
    client.get("/community/settings/")  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get("/community/messages/")
    page = page_text(response)
    assert "3 unread" in page
    assert "Sam" in page
    assert unread_message_count(user=member) == 7
    assert "Messages (7 unread)" in page


def test_opening_a_conversation_marks_it_read_and_shows_seen(client_for, member, other_member):
    conversation = conversation_between(member, other_member)
    _message(conversation, other_member, "How are you doing?")
    mine = _message(conversation, member, "Better today, thanks")
    client = client_for(member)
    response = client.get(f"/community/messages/{conversation.pk}/")
    assert f'data-chat-room="{conversation.room_id}"' in response.content.decode()
    page = page_text(response)
    assert "How are you doing?" in page
    assert "Seen by Sam" not in page
    assert unread_message_count(user=member) == 0

    ReadMarker.objects.create(
        room=conversation.room, user=other_member, last_read_message_id=mine.pk
    )
    assert "Seen by Sam" in page_text(client.get(f"/community/messages/{conversation.pk}/"))


def test_sending_by_post_stores_and_notifies_once(client_for, member, other_member):
    allow_messages(member, other_member)
    conversation = start_conversation(actor=member, other=other_member)
    client = client_for(member)
    url = f"/community/messages/{conversation.pk}/"
    assert client.post(url, {"body": "Thinking of you", "client_id": "a1"}).status_code == 302
    assert client.post(url, {"body": "And again", "client_id": "a2"}).status_code == 302
    assert Message.objects.filter(room=conversation.room).count() == 2
    notifications = Notification.objects.filter(user=other_member, kind=NotificationKind.MESSAGE)
    assert notifications.count() == 1
    assert notifications.get().text == "Robin sent you a message"
    assert notifications.get().url == url
    # Once read, the next message notifies again.
    notifications.update(read_at="2026-01-01T00:00:00Z")
    client.post(url, {"body": "Third", "client_id": "a3"})
    assert notifications.count() == 2


def test_an_empty_message_is_refused_with_a_clear_message(client_for, member, other_member):
    allow_messages(member, other_member)
    conversation = start_conversation(actor=member, other=other_member)
    response = client_for(member).post(f"/community/messages/{conversation.pk}/", {"body": "  "})
    assert response.status_code == 400
    assert "Write something in your message first." in page_text(response)
    assert not Message.objects.exists()


def test_after_a_block_the_page_says_why_you_cant_write(client_for, member, other_member):
    allow_messages(member, other_member)
    conversation = start_conversation(actor=member, other=other_member)
    client_for(other_member).post(f"/community/members/{member.pk}/block/")
    client = client_for(member)
    response = client.post(f"/community/messages/{conversation.pk}/", {"body": "Hello?"})
    assert response.status_code == 403
    assert "doesn't accept direct messages" in page_text(response)
    assert not Message.objects.exists()


@pytest.mark.parametrize("before", ["abc", "-1", ""])
def test_a_bad_before_parameter_is_ignored(client_for, member, other_member, before):
    conversation = conversation_between(member, other_member)
    response = client_for(member).get(f"/community/messages/{conversation.pk}/?before={before}")
    assert response.status_code == 200
