"""Facilitators record who came, once the meeting has started."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.meetings.actions import record_attendance
from alongside.meetings.errors import MeetingError
from alongside.meetings.models import OccurrenceStatus, Rsvp, RsvpStatus
from alongside.meetings.permissions import check_record_attendance_permission
from alongside.meetings.tests.factories import OccurrenceFactory, RsvpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(occurrence):
    return OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(hours=3)
    )


def test_recording_who_came(finished, facilitator, members):
    came, stayed_home, said_no = members(3)
    RsvpFactory(occurrence=finished, user=came)
    RsvpFactory(occurrence=finished, user=stayed_home)
    RsvpFactory(occurrence=finished, user=said_no, status=RsvpStatus.NOT_GOING)

    count = record_attendance(occurrence=finished, actor=facilitator, attended_user_ids=[came.pk])

    assert count == 1
    attended = dict(Rsvp.objects.values_list("user_id", "attended"))
    assert attended == {came.pk: True, stayed_home.pk: False, said_no.pk: None}
    finished.refresh_from_db()
    assert finished.attendance_recorded_at is not None
    assert AuditLogEntry.objects.get(verb="meeting.attendance_recorded").data == {"came": 1}


def test_not_before_the_meeting_starts(occurrence, facilitator):
    with pytest.raises(MeetingError) as caught:
        record_attendance(occurrence=occurrence, actor=facilitator, attended_user_ids=[])
    assert caught.value.messages == ["You can record who came once the meeting has started."]


def test_not_for_a_cancelled_meeting(finished, facilitator):
    finished.status = OccurrenceStatus.CANCELLED
    finished.save()
    with pytest.raises(MeetingError, match="cancelled"):
        record_attendance(occurrence=finished, actor=facilitator, attended_user_ids=[])


def test_only_facilitators_and_coordinators_record_attendance(
    finished, facilitator, coordinator, member, moderator, joined
):
    joined(member)
    check_record_attendance_permission(facilitator, finished)
    check_record_attendance_permission(coordinator, finished)
    for user in (member, moderator):
        with pytest.raises(PermissionDenied):
            check_record_attendance_permission(user, finished)
