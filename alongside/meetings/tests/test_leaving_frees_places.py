"""Leaving a group, or being removed from it, gives up your places at its meetings."""

import pytest

from alongside.groups import actions as group_actions
from alongside.groups.models import Membership
from alongside.meetings.actions import rsvp
from alongside.meetings.models import Rsvp, RsvpStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_meeting(occurrence, members):
    occurrence.meeting.capacity = 1
    occurrence.meeting.save()
    holder, waiting = members(2)
    rsvp(occurrence=occurrence, user=holder, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=waiting, status=RsvpStatus.GOING)
    return occurrence, holder, waiting


def status_of(occurrence, user) -> str:
    return Rsvp.objects.get(occurrence=occurrence, user=user).status


def test_leaving_the_group_passes_your_place_to_the_next_person(full_meeting):
    occurrence, holder, waiting = full_meeting

    group_actions.leave_group(membership=Membership.objects.get(user=holder))

    assert status_of(occurrence, holder) == RsvpStatus.NOT_GOING
    assert status_of(occurrence, waiting) == RsvpStatus.GOING


def test_a_removed_member_no_longer_holds_a_place(full_meeting, facilitator):
    occurrence, holder, waiting = full_meeting

    group_actions.remove_member(
        membership=Membership.objects.get(user=holder), actor=facilitator, reason="Repeated abuse"
    )

    assert status_of(occurrence, holder) == RsvpStatus.NOT_GOING
    assert status_of(occurrence, waiting) == RsvpStatus.GOING
