"""Chat rooms and their messages."""

from django.db import IntegrityError, transaction

from alongside.common.ratelimit import CHAT
from alongside.community.choices import ContentStatus, RoomKind
from alongside.community.errors import ChatRateLimited
from alongside.community.models import (
    MESSAGE_MAX_LENGTH,
    Conversation,
    Message,
    ReadMarker,
    Room,
    Space,
)
from alongside.community.notifications import notify_new_message
from alongside.community.realtime import broadcast_message, shut_member_out_of_room
from alongside.community.text import TextPurpose, prepare_member_text

CLIENT_ID_MAX_LENGTH = 64


def room_for_space(space: Space) -> Room:
    room, _ = Room.objects.get_or_create(space=space, defaults={"kind": RoomKind.SPACE})
    return room


def room_for_group(group) -> Room:
    room, _ = Room.objects.get_or_create(group=group, defaults={"kind": RoomKind.GROUP})
    return room


def shut_out_of_group_chat(*, group, user) -> None:
    """`user` is no longer in `group`: after commit, close their open connections to the
    group's chat room, so that not one more message reaches them."""
    room_id = Room.objects.filter(group=group).values_list("pk", flat=True).first()
    if room_id is not None:
        transaction.on_commit(lambda: shut_member_out_of_room(room_id, user.pk))


def check_chat_rate(user) -> None:
    wait = CHAT.hit(str(user.pk))
    if wait:
        raise ChatRateLimited(
            f"You're sending messages very quickly. Please wait {wait} seconds and send "
            "that one again."
        )


@transaction.atomic
def send_message(*, room: Room, author, body: str, client_id: str = "") -> Message:
    """Store a chat or direct message, then (after commit) broadcast it to the room. In a
    1:1 conversation the other member is notified.

    Sending the same `client_id` again (a client retrying after a dropped connection)
    returns the message already stored instead of storing a second copy."""
    client_id = (client_id or "")[:CLIENT_ID_MAX_LENGTH]
    if client_id:
        existing = Message.objects.filter(room=room, author=author, client_id=client_id).first()
        if existing is not None:
            return existing
    purpose = (
        TextPurpose.DIRECT_MESSAGE if room.kind == RoomKind.CONVERSATION else TextPurpose.MESSAGE
    )
    text = prepare_member_text(
        text=body, author=author, purpose=purpose, max_length=MESSAGE_MAX_LENGTH
    )
    check_chat_rate(author)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                room=room,
                author=author,
                body=text.source,
                body_html=text.html,
                client_id=client_id,
            )
            if room.kind == RoomKind.CONVERSATION:
                Conversation.objects.filter(room=room).update(last_message_at=message.created_at)
                notify_new_message(conversation=room.conversation, message=message)
            mark_room_read(room=room, user=author, up_to=message.pk)
            if message.status == ContentStatus.VISIBLE:
                transaction.on_commit(lambda: broadcast_message(message))
    except IntegrityError:
        # The same client_id raced in from another connection: that copy won.
        existing = Message.objects.filter(room=room, author=author, client_id=client_id).first()
        if existing is None:
            raise
        return existing
    return message


def mark_room_read(*, room: Room, user, up_to: int) -> None:
    """Move `user`'s read marker in `room` forward to message id `up_to` (never back)."""
    marker, created = ReadMarker.objects.get_or_create(
        room=room, user=user, defaults={"last_read_message_id": up_to}
    )
    if not created and marker.last_read_message_id < up_to:
        ReadMarker.objects.filter(pk=marker.pk, last_read_message_id__lt=up_to).update(
            last_read_message_id=up_to
        )
