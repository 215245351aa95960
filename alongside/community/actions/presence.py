"""Who is in a chat room right now: one RoomPresence row per open websocket connection.

Presence is a live, throwaway fact about a connection, not something a member did, so it is
not written to the audit log. A worker that dies can't delete its rows: every connection
refreshes its row's heartbeat (the client pings every 30 s), readers ignore rows older than
PRESENCE_STALE_AFTER, and sweep_stale_presence() deletes them."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from alongside.community.models import Room, RoomPresence

PRESENCE_STALE_AFTER = timedelta(seconds=90)


def stale_before():
    return timezone.now() - PRESENCE_STALE_AFTER


@transaction.atomic
def join_room(*, room: Room, user, channel_name: str) -> RoomPresence:
    """Record that `user` has a connection (`channel_name`) open to `room`."""
    presence, _ = RoomPresence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"room": room, "user": user, "last_seen_at": timezone.now()},
    )
    return presence


@transaction.atomic
def leave_room(*, channel_name: str) -> None:
    RoomPresence.objects.filter(channel_name=channel_name).delete()


@transaction.atomic
def refresh_presence(*, channel_name: str) -> None:
    """The connection is still alive: move its heartbeat on."""
    RoomPresence.objects.filter(channel_name=channel_name).update(last_seen_at=timezone.now())


@transaction.atomic
def sweep_stale_presence() -> int:
    """Delete rows whose connection stopped sending heartbeats. Returns how many."""
    deleted, _ = RoomPresence.objects.filter(last_seen_at__lt=stale_before()).delete()
    return deleted
