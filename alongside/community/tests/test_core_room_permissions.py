"""Who may read and write in a room: spaces, groups and private conversations."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.models import Block, CommunitySettings
from alongside.community.permissions.rooms import (
    access_room_by_id,
    check_message_member_permission,
    check_send_message_permission,
)
from alongside.community.tests.factories import (
    GroupRoomFactory,
    GuidelinesAcceptanceFactory,
    SpaceRoomFactory,
    conversation_between,
)
from alongside.groups.choices import MembershipStatus
from alongside.groups.tests.factories import MembershipFactory


def test_a_space_room_is_read_by_members_but_written_after_accepting_guidelines(member):
    room = SpaceRoomFactory()
    assert access_room_by_id(user=member, room_id=room.pk) == room
    with pytest.raises(PermissionDenied, match="accept this space's community guidelines"):
        check_send_message_permission(member, room)

    GuidelinesAcceptanceFactory(space=room.space, user=member)
    check_send_message_permission(member, room)


def test_changed_guidelines_must_be_accepted_again(member):
    room = SpaceRoomFactory()
    GuidelinesAcceptanceFactory(space=room.space, user=member)
    room.space.guidelines_version = 2
    room.space.save()
    with pytest.raises(PermissionDenied):
        check_send_message_permission(member, room)


def test_anonymous_visitors_get_404_for_any_room(db):
    from django.contrib.auth.models import AnonymousUser

    room = SpaceRoomFactory()
    with pytest.raises(Http404):
        access_room_by_id(user=AnonymousUser(), room_id=room.pk)


def test_a_group_room_is_private_to_its_active_members(member, other_member):
    room = GroupRoomFactory()
    MembershipFactory(group=room.group, user=member, status=MembershipStatus.ACTIVE)
    MembershipFactory(group=room.group, user=other_member, status=MembershipStatus.LEFT)

    assert access_room_by_id(user=member, room_id=room.pk) == room
    with pytest.raises(Http404):
        access_room_by_id(user=other_member, room_id=room.pk)


def test_moderators_may_read_a_group_room_but_not_write(moderator):
    room = GroupRoomFactory()
    access_room_by_id(user=moderator, room_id=room.pk)
    with pytest.raises(PermissionDenied):
        check_send_message_permission(moderator, room)


def test_a_conversation_is_readable_only_by_its_two_participants(member, other_member, moderator):
    room = conversation_between(member, other_member).room
    access_room_by_id(user=member, room_id=room.pk)
    access_room_by_id(user=other_member, room_id=room.pk)
    with pytest.raises(Http404):
        access_room_by_id(user=moderator, room_id=room.pk)


def test_unknown_and_malformed_room_ids_are_404(member):
    for room_id in (999_999, "abc", None):
        with pytest.raises(Http404):
            access_room_by_id(user=member, room_id=room_id)


def _allow_direct_messages(*users):
    for user in users:
        CommunitySettings.objects.create(user=user, allow_direct_messages=True)


def test_direct_messages_are_off_until_both_members_allow_them(member, other_member):
    with pytest.raises(PermissionDenied, match="Turn on direct messages"):
        check_message_member_permission(member, other_member.pk)

    _allow_direct_messages(member)
    with pytest.raises(PermissionDenied, match="doesn't accept direct messages"):
        check_message_member_permission(member, other_member.pk)

    _allow_direct_messages(other_member)
    check_message_member_permission(member, other_member.pk)


def test_a_blocked_member_cannot_send_a_direct_message(member, other_member):
    _allow_direct_messages(member, other_member)
    Block.objects.create(blocker=member, blocked=other_member)

    # The blocked member is told only what anyone refused would be told.
    with pytest.raises(PermissionDenied, match="doesn't accept direct messages"):
        check_message_member_permission(other_member, member.pk)
    with pytest.raises(PermissionDenied, match="You blocked this member"):
        check_message_member_permission(member, other_member.pk)


def test_a_block_stops_messages_in_an_existing_conversation(member, other_member):
    _allow_direct_messages(member, other_member)
    room = conversation_between(member, other_member).room
    check_send_message_permission(other_member, room)

    Block.objects.create(blocker=member, blocked=other_member)
    with pytest.raises(PermissionDenied):
        check_send_message_permission(other_member, room)


def test_nobody_messages_themselves(member):
    _allow_direct_messages(member)
    with pytest.raises(PermissionDenied):
        check_message_member_permission(member, member.pk)
