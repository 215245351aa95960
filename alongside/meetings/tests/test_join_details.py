"""Join links and dial-in details are for the people going, facilitators and coordinators."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.groups.choices import GroupStatus, MembershipStatus
from alongside.groups.models import Membership
from alongside.meetings.actions import rsvp
from alongside.meetings.models import RsvpStatus
from alongside.meetings.permissions import (
    access_occurrence_by_id,
    can_see_join_details,
    check_change_occurrence_permission,
    check_schedule_meeting_permission,
    check_view_attendees_permission,
)

pytestmark = pytest.mark.django_db


def test_a_member_going_sees_them(occurrence, member, joined):
    joined(member)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING)
    assert can_see_join_details(member, occurrence)


def test_a_member_not_going_does_not(occurrence, member, joined):
    joined(member)
    assert not can_see_join_details(member, occurrence)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.NOT_GOING)
    assert not can_see_join_details(member, occurrence)


def test_a_member_on_the_waiting_list_does_not(occurrence, member, other_member, joined):
    occurrence.meeting.capacity = 1
    occurrence.meeting.save()
    joined(member)
    joined(other_member)
    rsvp(occurrence=occurrence, user=other_member, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING)

    assert not can_see_join_details(member, occurrence)


def test_a_member_removed_after_saying_going_does_not(occurrence, member, joined):
    joined(member)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING)
    Membership.objects.filter(user=member).update(status=MembershipStatus.REMOVED)

    assert not can_see_join_details(member, occurrence)


def test_non_members_and_visitors_do_not(occurrence, member, moderator):
    from django.contrib.auth.models import AnonymousUser

    assert not can_see_join_details(member, occurrence)
    assert not can_see_join_details(moderator, occurrence)
    assert not can_see_join_details(AnonymousUser(), occurrence)


def test_facilitators_and_coordinators_with_two_factor_do(
    occurrence, facilitator, coordinator, coordinator_without_2fa
):
    assert can_see_join_details(facilitator, occurrence)
    assert can_see_join_details(coordinator, occurrence)
    assert not can_see_join_details(coordinator_without_2fa, occurrence)


def test_only_facilitators_and_coordinators_arrange_and_change_meetings(
    group, occurrence, facilitator, coordinator, member, coordinator_without_2fa
):
    for user in (facilitator, coordinator):
        check_schedule_meeting_permission(user, group)
        check_change_occurrence_permission(user, occurrence)
        check_view_attendees_permission(user, occurrence)
    for user in (member, coordinator_without_2fa):
        with pytest.raises(PermissionDenied):
            check_schedule_meeting_permission(user, group)
        with pytest.raises(PermissionDenied):
            check_change_occurrence_permission(user, occurrence)
        with pytest.raises(PermissionDenied):
            check_view_attendees_permission(user, occurrence)


def test_a_paused_group_cannot_arrange_meetings(group, facilitator):
    group.status = GroupStatus.PAUSED
    group.save()
    with pytest.raises(PermissionDenied, match="isn't active"):
        check_schedule_meeting_permission(facilitator, group)


def test_access_occurrence_by_id(occurrence, member):
    assert access_occurrence_by_id(user=member, occurrence_id=occurrence.pk) == occurrence
    with pytest.raises(Http404):
        access_occurrence_by_id(user=member, occurrence_id=occurrence.pk + 1000)


def test_a_proposed_groups_meetings_are_not_found(occurrence, group, member, coordinator):
    group.status = GroupStatus.PROPOSED
    group.save()

    with pytest.raises(Http404):
        access_occurrence_by_id(user=member, occurrence_id=occurrence.pk)
    assert access_occurrence_by_id(user=coordinator, occurrence_id=occurrence.pk) == occurrence
