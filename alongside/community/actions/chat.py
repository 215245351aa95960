"""Chat rooms and their messages."""

from django.db import IntegrityError, transaction
from django.db.models import Q

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
from alongside.community.permissions.roles import is_moderator
from alongside.community.realtime import broadcast_message, shut_member_out_of_room
from alongside.community.text import NO_RISK, TextPurpose, prepare_member_text
from alongside.safety.alerts import raise_alert
from alongside.safety.risk.stored import apply_risk
from alongside.safety.suspensions import check_not_suspended

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


def _moderator_checking_in(room: Room, author) -> bool:
    """A moderator writing to a member in a conversation from the moderators: asking
    "are you having thoughts of suicide?" doesn't put the moderator at risk, so it isn't
    flagged. A member's replies, and a moderator who is the one being contacted, are."""
    if not (room.is_moderator_conversation and is_moderator(author)):
        return False
    conversation = room.conversation
    pair = (conversation.first_user, conversation.second_user)
    other = pair[1] if pair[0].pk == author.pk else pair[0]
    return not is_moderator(other)


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

    The risk check's result is stored with the message and raises a safety alert. An
    urgent message is held for a moderator: it is never broadcast, and in a conversation
    the other member is not notified and their unread count and list order don't move.
    What the writer is shown is `safety.support.writer_support(risk=message.risk, ...)`.

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
    risk = NO_RISK if _moderator_checking_in(room, author) else text.risk
    check_not_suspended(author, risk=risk, room=room)
    check_chat_rate(author)
    try:
        with transaction.atomic():
            message = Message(
                room=room,
                author=author,
                body=text.source,
                body_html=text.html,
                client_id=client_id,
            )
            apply_risk(message, risk)
            message.save()
            raise_alert(content=message, member=author)
            mark_room_read(room=room, user=author, up_to=message.pk)
            if message.status == ContentStatus.VISIBLE:
                _publish(message)
    except IntegrityError:
        # The same client_id raced in from another connection: that copy won.
        existing = Message.objects.filter(room=room, author=author, client_id=client_id).first()
        if existing is None:
            raise
        return existing
    return message


def _publish(message: Message) -> None:
    """What follows a message becoming visible to the room: in a conversation, the list
    order and the other member's notification; after commit, the broadcast."""
    room = message.room
    if room.kind == RoomKind.CONVERSATION:
        # Never back: a released held message is older than what came after it.
        newer = Q(last_message_at__isnull=True) | Q(last_message_at__lt=message.created_at)
        Conversation.objects.filter(newer, room=room).update(last_message_at=message.created_at)
        notify_new_message(conversation=room.conversation, message=message)
    transaction.on_commit(lambda: broadcast_message(message))


@transaction.atomic
def publish_released_message(message: Message) -> None:
    """For the moderation screens: call after a moderator releases a held message (its
    status set to visible and saved), so that the room hears of it as of any other."""
    if message.status == ContentStatus.VISIBLE and message.deleted_at is None:
        _publish(message)


def mark_room_read(*, room: Room, user, up_to: int) -> None:
    """Move `user`'s read marker in `room` forward to message id `up_to` (never back)."""
    marker, created = ReadMarker.objects.get_or_create(
        room=room, user=user, defaults={"last_read_message_id": up_to}
    )
    if not created and marker.last_read_message_id < up_to:
        ReadMarker.objects.filter(pk=marker.pk, last_read_message_id__lt=up_to).update(
            last_read_message_id=up_to
        )
