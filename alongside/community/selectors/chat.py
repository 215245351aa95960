"""Reads for chat rooms: messages in id order, who is here now, and a room page's context."""

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.models import Message, Room, RoomPresence
from alongside.community.selectors.protections import Protections, protections_for

PAGE_SIZE = 50
RESUME_BATCH = 200


def visible_messages(room: Room) -> QuerySet[Message]:
    """Messages every reader of the room may see, with what a message line shows."""
    return (
        Message.objects.visible().filter(room=room).select_related("author__profile").order_by("id")
    )


def own_held_q(viewer) -> Q:
    """The viewer's own messages waiting for a moderator: shown to them (marked as
    waiting) and to nobody else."""
    if viewer is None or not getattr(viewer, "pk", None):
        return Q(pk__in=[])
    return Q(author=viewer, status=ContentStatus.HELD, deleted_at__isnull=True)


def messages_for(room: Room, *, viewer=None) -> QuerySet[Message]:
    """What `viewer` sees of the room: every visible message, and their own held ones."""
    if viewer is None:
        return visible_messages(room)
    shown = Q(status=ContentStatus.VISIBLE, deleted_at__isnull=True) | own_held_q(viewer)
    return Message.objects.filter(shown, room=room).select_related("author__profile").order_by("id")


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]  # oldest first
    has_older: bool


def messages_before(
    room: Room, *, before: int | None = None, limit: int = PAGE_SIZE, viewer=None
) -> MessagePage:
    """The `limit` newest messages `viewer` may see (older than id `before`), oldest
    first. Without a viewer: visible messages only."""
    queryset = messages_for(room, viewer=viewer)
    if before is not None:
        queryset = queryset.filter(id__lt=before)
    newest_first = list(queryset.order_by("-id")[: limit + 1])
    return MessagePage(messages=newest_first[:limit][::-1], has_older=len(newest_first) > limit)


def messages_after(
    room: Room, *, after: int, limit: int = RESUME_BATCH, viewer=None
) -> list[Message]:
    """Messages `viewer` may see with id greater than `after`, oldest first, at most
    `limit`. Without a viewer: visible messages only."""
    return list(messages_for(room, viewer=viewer).filter(id__gt=after)[:limit])


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
    page = messages_before(room, before=before, viewer=user)
    return {
        "room": room,
        # Not "messages": base.html shows the messages framework's notes under that name.
        "chat_messages": page.messages,
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
