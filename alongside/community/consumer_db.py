"""The chat websocket's database work (alongside/community/consumers.py runs each of these
in a thread with database_sync_to_async; the event loop never touches the ORM), and the
frames it answers with."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from alongside.community.actions import presence
from alongside.community.actions.chat import mark_room_read, send_message
from alongside.community.choices import ContentStatus
from alongside.community.errors import ChatRateLimited, CommunityActionError
from alongside.community.permissions.rooms import (
    access_room_by_id,
    can_read_room,
    check_send_message_permission,
)
from alongside.community.realtime import message_payload
from alongside.community.selectors.chat import latest_message_id, messages_after, present_users
from alongside.community.selectors.protections import NO_PROTECTIONS, protections_for
from alongside.safety.support import writer_support

# "Who is here now" names at most this many members (and says how many more).
PRESENT_SHOWN = 100


def open_room(user, room_id):
    """The room, the member's protections and how others see them, or Nones if they may
    not read it. (The profile is read here: the ORM can't be used from the event loop.)"""
    try:
        room = access_room_by_id(user=user, room_id=room_id)
    except Http404:
        return None, None, None
    return room, protections_for(user), {"id": user.pk, "name": user.profile.display_name}


def present(room) -> dict:
    """Who is here now: the first PRESENT_SHOWN by name, and how many more. Each
    connection filters the names through its own member's protections."""
    users = present_users(room, protections=NO_PROTECTIONS)
    return {
        "present": [
            {"id": user.pk, "name": user.profile.display_name} for user in users[:PRESENT_SHOWN]
        ],
        "more": max(0, len(users) - PRESENT_SHOWN),
    }


def join(room, user, channel_name) -> tuple[int, dict]:
    presence.sweep_stale_presence()  # rows left by a worker that died
    presence.join_room(room=room, user=user, channel_name=channel_name)
    return latest_message_id(room), present(room)


def leave(channel_name) -> None:
    presence.leave_room(channel_name=channel_name)


def heartbeat(user, room, channel_name):
    """Refresh presence, and the member's protections and access (a block or a removal from
    the group since connecting takes effect within one ping)."""
    presence.refresh_presence(channel_name=channel_name)
    if not still_allowed(user, room):
        return None
    return protections_for(user)


def send(user, room_id, body, client_id) -> tuple[list[dict], dict | None]:
    """Store the message. Returns the frames for the sender (the ack, and a `support`
    frame when the risk check found something) and, for a held message, its payload (the
    sender still sees it, marked as waiting; nobody else hears of it)."""
    try:
        room = access_room_by_id(user=user, room_id=room_id)
        check_send_message_permission(user, room)
        message = send_message(room=room, author=user, body=body, client_id=client_id)
    except Http404:
        return [error_frame("forbidden", "You can't write in this room any more.", client_id)], None
    except PermissionDenied as error:
        return [
            error_frame("forbidden", str(error) or "You can't write in this room.", client_id)
        ], None
    except ChatRateLimited as error:
        return [error_frame("rate_limited", " ".join(error.messages), client_id)], None
    except CommunityActionError as error:  # a moderator has paused their posting
        return [error_frame("forbidden", " ".join(error.messages), client_id)], None
    except ValidationError as error:  # MemberTextError
        return [error_frame("invalid", " ".join(error.messages), client_id)], None
    held = message.status == ContentStatus.HELD
    frames = [{"type": "sent", "client_id": client_id, "id": message.pk, "held": held}]
    support = writer_support(user=user, risk=message.risk, held=held)
    if support is not None:
        frames.append(
            {
                "type": "support",
                "client_id": client_id,
                "message_id": message.pk,
                "held": held,
                "support": support.as_dict(),
            }
        )
    return frames, (payload(message) if held else None)


def payload(message) -> dict:
    """A message as its reader gets it; `held` is only ever true on the reader's own."""
    return {**message_payload(message), "held": message.status == ContentStatus.HELD}


def still_allowed(user, room) -> bool:
    room.refresh_from_db()
    return can_read_room(user, room)


def messages_after_for(user, room, after) -> list[dict] | None:
    """Messages after `after`, or None if the member may no longer read the room."""
    if not still_allowed(user, room):
        return None
    return [payload(message) for message in messages_after(room, after=after, viewer=user)]


def mark_read(room, user, up_to) -> bool:
    if not still_allowed(user, room):
        return False
    mark_room_read(room=room, user=user, up_to=min(up_to, latest_message_id(room)))
    return True


def error_frame(code: str, message: str, client_id=None) -> dict:
    frame = {"type": "error", "code": code, "message": message}
    if client_id is not None:
        frame["client_id"] = client_id
    return frame
