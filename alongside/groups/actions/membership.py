"""Joining (with the group agreement), requests to join, leaving and removal."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.community.actions.chat import shut_out_of_group_chat
from alongside.groups.access import shared_needs
from alongside.groups.actions.groups import locked_group
from alongside.groups.choices import GroupStatus, JoinPolicy, MembershipStatus
from alongside.groups.errors import GroupActionError
from alongside.groups.models import Group, GroupAgreement, Membership
from alongside.groups.selectors import active_member_count, current_agreement
from alongside.meetings.actions import withdraw_rsvps
from alongside.outcomes.tasks import offer_after_support_ended
from alongside.staff.actions.access_tasks import (
    answer_access_needs_question,
    close_access_tasks,
    sync_access_task,
)


def _check_has_room(group: Group) -> None:
    if group.capacity is not None and active_member_count(group=group) >= group.capacity:
        raise GroupActionError(
            "This group is full. Try again later, or look for a similar group in the directory."
        )


def _check_accepts(group: Group, accepted_version: int | None) -> GroupAgreement:
    agreement = current_agreement(group=group)
    if agreement is None:
        raise GroupActionError(
            "This group hasn't written its agreement yet, so it can't take new members. "
            "Please check back soon."
        )
    if accepted_version is None:
        raise GroupActionError("To join, read the group agreement and accept it.")
    if accepted_version != agreement.version:
        raise GroupActionError(
            "The group agreement changed while you were reading it. Please read the new "
            "version and accept it."
        )
    return agreement


def _membership_to_reuse(group: Group, user: User) -> Membership:
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is None:
        return Membership(group=group, user=user)
    if membership.status == MembershipStatus.ACTIVE:
        raise GroupActionError("You're already a member of this group.")
    if membership.status == MembershipStatus.REQUESTED:
        raise GroupActionError(
            "You've already asked to join. A facilitator will let you know their answer."
        )
    if membership.status == MembershipStatus.REMOVED:
        raise GroupActionError(
            "You can't rejoin this group. If you think this is a mistake, contact a coordinator."
        )
    return membership  # left, or a declined request: asking again reuses the row


def _share_needs_with_group(membership: Membership) -> None:
    """An active member's shared profile needs for how the group meets, for coordinators to
    arrange where the venue can't meet them (or they always need arranging)."""
    group, user = membership.group, membership.user
    needs, _note = shared_needs(user.profile, group.mode)
    sync_access_task(member=user, group=group, needs=needs, mode=group.mode, venue=group.venue)


@transaction.atomic
def join_group(
    *,
    group: Group,
    user: User,
    accepted_version: int | None,
    share_access_needs: bool | None = None,
) -> Membership:
    """Join an open group, or ask to join one by request. Either way the member accepts the
    current agreement, and its version and the time are stored. `share_access_needs` is their
    first answer to whether facilitators may see their profile's access needs (None: not
    asked now)."""
    group = locked_group(group)
    if group.status != GroupStatus.ACTIVE:
        raise GroupActionError("This group isn't taking new members at the moment.")
    membership = _membership_to_reuse(group, user)
    agreement = _check_accepts(group, accepted_version)
    _check_has_room(group)
    is_open = group.join_policy == JoinPolicy.OPEN  # else a facilitator answers
    now = timezone.now()
    membership.agreement_version = agreement.version
    membership.agreement_accepted_at = now
    membership.status = MembershipStatus.ACTIVE if is_open else MembershipStatus.REQUESTED
    membership.joined_at = now if is_open else None
    membership.save()
    answer_access_needs_question(user=user, share=share_access_needs)
    if is_open:
        _share_needs_with_group(membership)
    record_audit(
        actor=user,
        verb="group.joined" if is_open else "group.join_requested",
        target=membership,
        data={"group": group.pk, "agreement_version": agreement.version},
    )
    return membership


def _locked_membership(membership: Membership) -> Membership:
    memberships = Membership.objects.select_for_update(of=("self",)).select_related("group")
    return memberships.get(pk=membership.pk)


@transaction.atomic
def approve_join_request(*, membership: Membership, actor: User) -> Membership:
    locked_group(membership.group)
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise GroupActionError("This request has already been answered or withdrawn.")
    _check_has_room(membership.group)
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at", "updated_at"])
    _share_needs_with_group(membership)
    record_audit(
        actor=actor,
        verb="group.join_approved",
        target=membership,
        data={"group": membership.group_id},
    )
    return membership


@transaction.atomic
def decline_join_request(*, membership: Membership, actor: User) -> Membership:
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise GroupActionError("This request has already been answered or withdrawn.")
    membership.status = MembershipStatus.DECLINED
    membership.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        verb="group.join_declined",
        target=membership,
        data={"group": membership.group_id},
    )
    return membership


@transaction.atomic
def accept_agreement(*, membership: Membership, accepted_version: int) -> Membership:
    """Accept the group's current agreement (members do before their next meeting)."""
    membership = _locked_membership(membership)
    if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
        raise GroupActionError("Only members of this group can accept its agreement.")
    agreement = _check_accepts(membership.group, accepted_version)
    membership.agreement_version = agreement.version
    membership.agreement_accepted_at = timezone.now()
    membership.save(update_fields=["agreement_version", "agreement_accepted_at", "updated_at"])
    record_audit(
        actor=membership.user,
        verb="group.agreement_accepted",
        target=membership,
        data={"group": membership.group_id, "agreement_version": agreement.version},
    )
    return membership


@transaction.atomic
def leave_group(*, membership: Membership) -> Membership:
    """Leave a group, or withdraw a request to join it."""
    membership = _locked_membership(membership)
    if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
        raise GroupActionError("You aren't a member of this group.")
    was_member = membership.status == MembershipStatus.ACTIVE
    membership.status = MembershipStatus.LEFT
    membership.save(update_fields=["status", "updated_at"])
    if was_member:
        offer_after_support_ended(
            member=membership.user, support_form=membership.group.kind, group=membership.group
        )
    withdraw_rsvps(group=membership.group, user=membership.user, actor=membership.user)
    close_access_tasks(member=membership.user, group=membership.group)
    shut_out_of_group_chat(group=membership.group, user=membership.user)
    record_audit(
        actor=membership.user,
        verb="group.left",
        target=membership,
        data={"group": membership.group_id},
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, actor: User, reason: str) -> Membership:
    """The reason goes to the audit log for coordinators, and nowhere the member sees it."""
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise GroupActionError(f"{membership.user} isn't a member of this group.")
    membership.status = MembershipStatus.REMOVED
    membership.save(update_fields=["status", "updated_at"])
    offer_after_support_ended(
        member=membership.user, support_form=membership.group.kind, group=membership.group
    )
    withdraw_rsvps(group=membership.group, user=membership.user, actor=actor)
    close_access_tasks(member=membership.user, group=membership.group)
    shut_out_of_group_chat(group=membership.group, user=membership.user)
    record_audit(
        actor=actor,
        verb="group.member_removed",
        target=membership,
        data={"group": membership.group_id, "reason": reason},
    )
    return membership
