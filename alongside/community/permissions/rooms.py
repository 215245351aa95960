"""Who may read and write in a chat room. A space's room is open to every signed-in member
(writing needs the space's guidelines accepted); a group's room to its active members, its
facilitators, and moderators; a conversation's room to its two participants only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from alongside.community.choices import ConversationKind, RoomKind
from alongside.community.models import Block, GuidelinesAcceptance, Room
from alongside.community.permissions.roles import is_moderator, is_signed_in
from alongside.community.selectors.protections import settings_for
from alongside.groups.choices import GroupStatus, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.selectors import is_facilitator
from alongside.safety.suspensions import check_not_suspended


def _in_group(user, group) -> bool:
    if is_facilitator(group=group, user=user):
        return True
    return Membership.objects.filter(
        group=group, user=user, status=MembershipStatus.ACTIVE
    ).exists()


def can_read_room(user, room: Room) -> bool:
    if not is_signed_in(user):
        return False
    if room.kind == RoomKind.SPACE:
        return not room.space.is_archived or is_moderator(user)
    if room.kind == RoomKind.GROUP:
        return _in_group(user, room.group) or is_moderator(user)
    # Moderators read a private conversation only through a logged safeguarding action.
    return user.pk in room.conversation.participant_ids()


def access_room_by_id(*, user, room_id: int) -> Room:
    """The room, if `user` may read it; 404 otherwise (a private room's existence is private)."""
    try:
        room = Room.objects.select_related("space", "group", "conversation").get(pk=room_id)
    except (Room.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No such room.") from error
    if not can_read_room(user, room):
        raise Http404("No such room.")
    return room


def has_accepted_guidelines(user, space) -> bool:
    return GuidelinesAcceptance.objects.filter(
        space=space, user=user, version=space.guidelines_version
    ).exists()


def check_send_message_permission(user, room: Room) -> None:
    """Call after access_room_by_id: may `user` write here, as well as read?"""
    if room.kind == RoomKind.SPACE:
        if room.space.is_archived:
            raise PermissionDenied("This space is archived, so its chat is read-only.")
        if not has_accepted_guidelines(user, room.space):
            raise PermissionDenied(
                "Please read and accept this space's community guidelines before you post."
            )
    elif room.kind == RoomKind.GROUP:
        if room.group.status != GroupStatus.ACTIVE:
            raise PermissionDenied("This group isn't active, so its chat is read-only.")
        if not _in_group(user, room.group):
            raise PermissionDenied("Only members of this group can write in its chat.")
    else:
        check_message_member_permission(
            user, room.conversation.other_participant_id(user.pk), room.conversation.kind
        )


def send_refusal(user, room: Room) -> str:
    """Why `user` can't write in `room` now, in words they can read ("" if they can):
    shown instead of the message box, or sent as the API's `send_refusal`."""
    try:
        check_send_message_permission(user, room)
        check_not_suspended(user, room=room)
    except PermissionDenied as denied:
        return str(denied)
    except ValidationError as paused:  # a moderator has paused their posting
        return " ".join(paused.messages)
    return ""


def check_message_member_permission(user, other_id: int, kind=ConversationKind.DIRECT) -> None:
    """May `user` send a 1:1 message to the member with id `other_id`?"""
    from alongside.accounts.models import User

    other = User.objects.filter(pk=other_id, is_active=True).first()
    if other is None or other.pk == user.pk:
        raise PermissionDenied("You can't send a message to this member.")
    if Block.objects.filter(blocker=user, blocked=other).exists():
        raise PermissionDenied("You blocked this member. Unblock them to send a message.")
    # Someone who blocked you looks, to you, like someone who doesn't take messages.
    refused = PermissionDenied("This member doesn't accept direct messages.")
    if Block.objects.filter(blocker=other, blocked=user).exists():
        raise refused
    if kind in (ConversationKind.MATCH, ConversationKind.MODERATOR):
        return  # a mentoring or befriending pair, or a moderator and member, can always talk
    if not settings_for(user).allow_direct_messages:
        raise PermissionDenied("Turn on direct messages in your community settings to send one.")
    if not settings_for(other).allow_direct_messages:
        raise refused
