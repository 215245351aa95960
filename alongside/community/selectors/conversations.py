"""Conversations as a member sees them: the other member, the newest message time, and
how many of the other member's messages they haven't read yet."""

from datetime import timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from alongside.community.choices import ContentStatus
from alongside.community.models import Conversation, Message, ReadMarker, RoomPresence
from alongside.community.selectors.chat import messages_for

PAGE_SIZE = 50


class SubqueryCount(Subquery):
    """How many rows a queryset has, as a subquery expression."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


PRESENCE_FRESH = timedelta(seconds=90)


def _my_marker(user, room_ref):
    return Coalesce(
        Subquery(
            ReadMarker.objects.filter(room=room_ref, user=user).values("last_read_message_id")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def _unread_from_others(user):
    return (
        Message.objects.visible()
        .exclude(author=user)
        .filter(id__gt=_my_marker(user, OuterRef("room")))
    )


def conversations_for(*, user):
    """The member's conversations, newest first, each with `other` (the other member,
    profile loaded) and `unread`. One query."""
    unread = (
        _unread_from_others(user)
        .filter(room=OuterRef("room"))
        .order_by()
        .values("room")
        .annotate(count=Count("pk"))
        .values("count")
    )
    conversations = list(
        Conversation.objects.filter(Q(first_user=user) | Q(second_user=user))
        .select_related("first_user__profile", "second_user__profile")
        .annotate(unread=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()))
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at", "-pk")
    )
    for conversation in conversations:
        conversation.other = (
            conversation.second_user
            if conversation.first_user_id == user.pk
            else conversation.first_user
        )
    return conversations


def unread_in_conversation(*, conversation: Conversation, user) -> int:
    """Messages from the other member in this conversation that `user` hasn't read."""
    return _unread_from_others(user).filter(room=conversation.room_id).count()


def unread_message_count(*, user) -> int:
    """Messages from others in all the member's conversations that they haven't read."""
    mine = Q(room__conversation__first_user=user) | Q(room__conversation__second_user=user)
    return (
        Message.objects.visible()
        .filter(mine)
        .exclude(author=user)
        .filter(id__gt=_my_marker(user, OuterRef("room")))
        .count()
    )


def conversation_messages(*, conversation: Conversation, before: int | None = None, viewer=None):
    """Up to PAGE_SIZE messages, oldest first (the newest ones, or those before message id
    `before`), authors loaded: the visible ones, and `viewer`'s own held ones."""
    messages = messages_for(conversation.room, viewer=viewer)
    if before and 0 < before <= 2**63 - 1:
        messages = messages.filter(pk__lt=before)
    newest = messages.order_by("-pk")[:PAGE_SIZE]
    return list(reversed(newest))


def seen_by_other(*, conversation: Conversation, user, messages: list[Message]) -> int | None:
    """The id of `user`'s newest visible message on show, if the other member has read it.
    (A held message is never "seen": the other member can't see it.)"""
    mine = [
        message.pk
        for message in messages
        if message.author_id == user.pk and message.status == ContentStatus.VISIBLE
    ]
    if not mine:
        return None
    other_id = conversation.other_participant_id(user.pk)
    marker = ReadMarker.objects.filter(room=conversation.room, user_id=other_id).first()
    if marker is not None and marker.last_read_message_id >= mine[-1]:
        return mine[-1]
    return None


def present_in_room(*, room, protections) -> list:
    """Who has the room open now (fresh heartbeat), minus anyone hidden by a block."""
    since = timezone.now() - PRESENCE_FRESH
    rows = RoomPresence.objects.filter(room=room, last_seen_at__gte=since).select_related(
        "user__profile"
    )
    people = {row.user_id: row.user for row in rows}
    return [user for pk, user in people.items() if not protections.hides_presence_of(pk)]


def nav_counts(*, user) -> dict:
    """Unread messages, unread notifications and the end of any break, in one query that
    also brings the member's profile (the nav shows their name, so that costs nothing)."""
    from alongside.accounts.models import User
    from alongside.community.models import CommunitySettings, Notification

    mine = Q(room__conversation__first_user=user) | Q(room__conversation__second_user=user)
    messages = (
        Message.objects.visible()
        .filter(mine)
        .exclude(author=user)
        .filter(id__gt=_my_marker(user, OuterRef("room")))
        .values("pk")
    )
    notifications = Notification.objects.filter(user=user, read_at__isnull=True).values("pk")
    break_until = CommunitySettings.objects.filter(user=user).values("break_until")[:1]
    found = (
        User.objects.filter(pk=user.pk)
        .select_related("profile")
        .annotate(
            nav_unread_messages=SubqueryCount(messages),
            nav_unread_notifications=SubqueryCount(notifications),
            nav_break_until=Subquery(break_until),
        )
        .first()
    )
    if found is None:
        return {"unread_messages": 0, "unread_notifications": 0, "break_until": None}
    profile = getattr(found, "profile", None)
    if profile is not None and not User.profile.is_cached(user):
        user.profile = profile
    return {
        "unread_messages": found.nav_unread_messages,
        "unread_notifications": found.nav_unread_notifications,
        "break_until": found.nav_break_until,
    }
