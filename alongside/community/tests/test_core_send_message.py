"""Sending a chat message: stored once, then broadcast after commit."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from alongside.community.actions.chat import send_message
from alongside.community.errors import CommunityActionError
from alongside.community.models import Message, ReadMarker
from alongside.community.tests.factories import SpaceRoomFactory
from alongside.community.text import MemberTextError


@pytest.fixture
def room(db):
    return SpaceRoomFactory()


def _listen(room) -> str:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(room.channel_group, channel)
    return channel


def _receive(channel) -> dict:
    return async_to_sync(get_channel_layer().receive)(channel)


def test_a_message_is_stored_and_broadcast_only_after_commit(
    room, member, django_capture_on_commit_callbacks
):
    channel = _listen(room)
    with django_capture_on_commit_callbacks() as callbacks:
        message = send_message(room=room, author=member, body="Hello *everyone*")
    assert Message.objects.get(pk=message.pk).body_html == "<p>Hello <em>everyone</em></p>\n"
    assert len(callbacks) == 1  # nothing went out before the commit

    for callback in callbacks:
        callback()
    event = _receive(channel)
    assert event["type"] == "chat.message"
    assert event["message"]["id"] == message.pk
    assert event["message"]["author"] == {"id": member.pk, "name": "Robin"}


def test_the_same_client_id_stores_one_message(room, member):
    first = send_message(room=room, author=member, body="Hi", client_id="abc-1")
    again = send_message(room=room, author=member, body="Hi", client_id="abc-1")
    assert again.pk == first.pk
    assert Message.objects.filter(room=room).count() == 1


def test_sending_moves_the_senders_read_marker(room, member):
    message = send_message(room=room, author=member, body="Hi")
    assert ReadMarker.objects.get(room=room, user=member).last_read_message_id == message.pk


@pytest.mark.parametrize("body", ["", "   ", "x" * 4_001])
def test_empty_or_over_long_messages_store_nothing(room, member, body):
    with pytest.raises(MemberTextError):
        send_message(room=room, author=member, body=body)
    assert not Message.objects.exists()


def test_a_flood_is_refused_in_plain_words_and_stores_only_what_was_allowed(room, member):
    sent, refused = 0, []
    for n in range(20):
        try:
            send_message(room=room, author=member, body=f"message {n}")
            sent += 1
        except CommunityActionError as error:
            refused.append(error.messages[0])
    # Eight per five-second window; the loop may straddle two windows.
    assert 8 <= sent <= 16
    assert Message.objects.count() == sent
    assert refused[0].startswith("You're sending messages very quickly. Please wait")


def test_a_direct_message_from_any_surface_notifies_the_other_member_once(member, other_member):
    from alongside.community.models import Notification
    from alongside.community.tests.factories import conversation_between

    room = conversation_between(member, other_member).room
    send_message(room=room, author=member, body="Hello Sam")
    send_message(room=room, author=member, body="Are you around later?")

    notification = Notification.objects.get(user=other_member)
    assert notification.text == "Robin sent you a message"
    assert not Notification.objects.filter(user=member).exists()
