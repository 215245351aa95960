"""Reads for chat rooms: messages in id order, who is here now, and a room page's context."""

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse

from alongside.community.models import Message, Room, RoomPresence
from alongside.community.selectors.protections import Protections, protections_for

PAGE_SIZE = 50
RESUME_BATCH = 200


def visible_messages(room: Room) -> QuerySet[Message]:
    """Messages every reader of the room may see, with what a message line shows."""
    return (
        Message.objects.visible().filter(room=room).select_related("author__profile").order_by("id")
    )


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]  # oldest first
    has_older: bool


def messages_before(room: Room, *, before: int | None = None, limit: int = PAGE_SIZE):
    """The `limit` newest visible messages (older than id `before`), oldest first."""
    queryset = visible_messages(room)
    if before is not None:
        queryset = queryset.filter(id__lt=before)
    newest_first = list(queryset.order_by("-id")[: limit + 1])
    return MessagePage(messages=newest_first[:limit][::-1], has_older=len(newest_first) > limit)


def messages_after(room: Room, *, after: int, limit: int = RESUME_BATCH) -> list[Message]:
    """Visible messages with id greater than `after`, oldest first, at most `limit`."""
    return list(visible_messages(room).filter(id__gt=after)[:limit])


def latest_message_id(room: Room) -> int:
    return visible_messages(room).order_by("-id").values_list("id", flat=True).first() or 0


def present_users(room: Room, *, protections: Protections) -> list:
    """Members with a live connection to the room, by name, without anyone hidden from the
    viewer by a block (either way)."""
    from alongside.community.actions.presence import stale_before

    user_ids = set(
        RoomPresence.objects.filter(room=room, last_seen_at__gte=stale_before()).values_list(
            "user_id", flat=True
        )
    )
    user_ids = {pk for pk in user_ids if not protections.hides_presence_of(pk)}
    if not user_ids:
        return []
    users = get_user_model().objects.filter(pk__in=user_ids).select_related("profile")
    return sorted(users, key=lambda user: (user.profile.display_name.casefold(), user.pk))


def room_context(*, user, room: Room, before: int | None = None) -> dict:
    """What templates/community/chat/_room.html needs, except `send_url` (which depends on
    the page: a space, a group or a conversation)."""
    protections = protections_for(user)
    page = messages_before(room, before=before)
    return {
        "room": room,
        "messages": page.messages,
        "has_older": page.has_older,
        "latest_id": page.messages[-1].pk if page.messages else 0,
        "protections": protections,
        "present": present_users(room, protections=protections),
        "history_url": reverse("community:chat_history", kwargs={"room_id": room.pk}),
        "client_id": str(uuid.uuid4()),
    }


def space_by_slug(slug: str):
    """The space with this slug, or None. Who may read its room is decided by
    community.permissions.rooms.can_read_room."""
    from alongside.community.models import Space

    return Space.objects.filter(slug=slug).first()


def room_title(room: Room) -> str:
    if room.space_id:
        return room.space.name
    if room.group_id:
        return room.group.name
    return "Conversation"
