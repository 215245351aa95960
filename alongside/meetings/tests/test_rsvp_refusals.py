"""Who may not RSVP, and to what: each refusal says why."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupAgreementFactory, MembershipFactory
from alongside.meetings.actions import rsvp
from alongside.meetings.errors import MeetingError
from alongside.meetings.models import OccurrenceStatus, Rsvp, RsvpStatus
from alongside.meetings.tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def refusal(occurrence, user, status=RsvpStatus.GOING) -> MeetingError:
    with pytest.raises(MeetingError) as caught:
        rsvp(occurrence=occurrence, user=user, status=status)
    return caught.value


def test_a_past_meeting(occurrence, member, joined):
    joined(member)
    past = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(days=1)
    )

    error = refusal(past, member)

    assert error.messages == ["This meeting has already started or finished."]
    assert error.code == "past"


def test_a_meeting_under_way(occurrence, member, joined):
    joined(member)
    started = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(minutes=5)
    )
    assert refusal(started, member, RsvpStatus.NOT_GOING).code == "past"


def test_a_cancelled_meeting(occurrence, member, joined):
    joined(member)
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.save()

    error = refusal(occurrence, member)

    assert error.messages == ["This meeting has been cancelled."]
    assert error.code == "cancelled"


def test_someone_who_is_not_a_member(occurrence, member):
    for status in (RsvpStatus.GOING, RsvpStatus.NOT_GOING):
        error = refusal(occurrence, member, status)
        assert error.messages == ["Only members of this group can say they're going."]
        assert error.code == "not_member"
    assert not Rsvp.objects.exists()


@pytest.mark.parametrize(
    "status", [MembershipStatus.REMOVED, MembershipStatus.LEFT, MembershipStatus.REQUESTED]
)
def test_a_removed_former_or_requesting_member(occurrence, member, group, status):
    MembershipFactory(group=group, user=member, status=status)
    assert refusal(occurrence, member).code == "not_member"


def test_a_member_removed_after_saying_going_cannot_say_going_again(occurrence, member, joined):
    joined(member)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.NOT_GOING)
    Membership.objects.filter(user=member).update(status=MembershipStatus.REMOVED)

    assert refusal(occurrence, member).code == "not_member"


def test_a_member_who_has_not_accepted_the_updated_agreement(occurrence, member, group, joined):
    joined(member)  # accepted version 1
    GroupAgreementFactory(group=group, version=2, ground_rules="Phones on silent.")

    error = refusal(occurrence, member)

    assert error.messages == ["Please read and accept the updated group agreement first."]
    assert error.code == "agreement"


def test_after_accepting_the_new_version_they_can_go(occurrence, member, group, joined):
    joined(member)
    GroupAgreementFactory(group=group, version=2)
    Membership.objects.filter(user=member).update(agreement_version=2)

    answer = rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING)

    assert answer.status == RsvpStatus.GOING


def test_someone_going_can_still_withdraw_without_accepting_a_new_agreement(
    occurrence, member, group, joined
):
    joined(member)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING)
    GroupAgreementFactory(group=group, version=2)

    answer = rsvp(occurrence=occurrence, user=member, status=RsvpStatus.NOT_GOING)

    assert answer.status == RsvpStatus.NOT_GOING


def test_waitlisted_is_not_an_answer_members_give(occurrence, member, joined):
    joined(member)
    with pytest.raises(ValueError, match="going or not going"):
        rsvp(occurrence=occurrence, user=member, status=RsvpStatus.WAITLISTED)
