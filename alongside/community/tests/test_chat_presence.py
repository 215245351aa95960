"""Presence rows: joining, leaving, heartbeats, and sweeping rows a dead worker left."""

from datetime import timedelta

from django.utils import timezone

from alongside.community.actions import presence
from alongside.community.models import Block, RoomPresence
from alongside.community.selectors.chat import present_users
from alongside.community.selectors.protections import NO_PROTECTIONS, protections_for
from alongside.community.tests.factories import SpaceRoomFactory


def test_join_refresh_and_leave(member):
    room = SpaceRoomFactory()
    presence.join_room(room=room, user=member, channel_name="one")
    presence.join_room(room=room, user=member, channel_name="two")  # a second tab
    assert present_users(room, protections=NO_PROTECTIONS) == [member]
    presence.leave_room(channel_name="one")
    assert present_users(room, protections=NO_PROTECTIONS) == [member]
    presence.leave_room(channel_name="two")
    assert present_users(room, protections=NO_PROTECTIONS) == []


def test_stale_rows_are_ignored_then_swept(member, other_member):
    room = SpaceRoomFactory()
    presence.join_room(room=room, user=member, channel_name="alive")
    presence.join_room(room=room, user=other_member, channel_name="dead")
    RoomPresence.objects.filter(channel_name="dead").update(
        last_seen_at=timezone.now() - timedelta(seconds=91)
    )
    assert present_users(room, protections=NO_PROTECTIONS) == [member]
    presence.refresh_presence(channel_name="alive")
    assert presence.sweep_stale_presence() == 1
    assert list(RoomPresence.objects.values_list("channel_name", flat=True)) == ["alive"]


def test_a_block_hides_presence_both_ways(member, other_member):
    room = SpaceRoomFactory()
    presence.join_room(room=room, user=member, channel_name="a")
    presence.join_room(room=room, user=other_member, channel_name="b")
    Block.objects.create(blocker=other_member, blocked=member)
    assert present_users(room, protections=protections_for(member)) == [member]
    assert present_users(room, protections=protections_for(other_member)) == [other_member]
