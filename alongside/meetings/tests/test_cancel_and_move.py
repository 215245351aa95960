"""Cancelling or moving one date of a meeting, and telling the people going."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.meetings.actions import cancel_meeting, cancel_occurrence, move_occurrence
from alongside.meetings.errors import MeetingError
from alongside.meetings.models import OccurrenceStatus, ReminderKind, ReminderSent, RsvpStatus
from alongside.meetings.tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_cancelling_tells_everyone_going_at_once(
    occurrence, facilitator, members, going, django_capture_on_commit_callbacks
):
    first, second, not_coming = members(3)
    going(first)
    going(second)
    going(not_coming, status=RsvpStatus.NOT_GOING)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(occurrence=occurrence, actor=facilitator)

    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert mail.outbox[0].subject.startswith("Cancelled: Tuesday evening, ")
    assert "has been cancelled" in mail.outbox[0].body
    assert ReminderSent.objects.filter(kind=ReminderKind.CANCELLED).count() == 2
    entry = AuditLogEntry.objects.get(verb="meeting.date_cancelled")
    assert entry.actor == facilitator
    assert entry.data == {"told": 2}


def test_people_waiting_are_told_too(
    occurrence, facilitator, members, going, django_capture_on_commit_callbacks
):
    (waiting,) = members(1)
    going(waiting, status=RsvpStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(occurrence=occurrence, actor=facilitator)

    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_a_cancelled_date_cannot_be_cancelled_or_moved_again(occurrence, facilitator):
    cancel_occurrence(occurrence=occurrence, actor=facilitator)

    with pytest.raises(MeetingError, match="has been cancelled"):
        cancel_occurrence(occurrence=occurrence, actor=facilitator)
    with pytest.raises(MeetingError, match="has been cancelled"):
        move_occurrence(
            occurrence=occurrence,
            actor=facilitator,
            starts_at=occurrence.starts_at + timedelta(days=1),
            ends_at=occurrence.ends_at + timedelta(days=1),
        )


def test_a_past_date_cannot_be_cancelled(occurrence, facilitator):
    past = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(hours=2)
    )
    with pytest.raises(MeetingError, match="already started"):
        cancel_occurrence(occurrence=past, actor=facilitator)


def test_cancelling_a_meeting_cancels_its_dates_still_to_come(
    occurrence, facilitator, members, going, django_capture_on_commit_callbacks
):
    later = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=occurrence.starts_at + timedelta(days=7)
    )
    past = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(days=7)
    )
    (person,) = members(1)
    going(person)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = cancel_meeting(meeting=occurrence.meeting, actor=facilitator)

    assert cancelled == 2
    statuses = {o.pk: o.status for o in occurrence.meeting.occurrences.all()}
    assert statuses == {occurrence.pk: "cancelled", later.pk: "cancelled", past.pk: "scheduled"}
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_moving_keeps_the_original_date_and_the_rsvps(
    occurrence, facilitator, members, going, django_capture_on_commit_callbacks
):
    (person,) = members(1)
    going(person)
    original = occurrence.starts_at
    new_start = original + timedelta(days=1, hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        moved = move_occurrence(
            occurrence=occurrence,
            actor=facilitator,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=2),
        )

    moved.refresh_from_db()
    assert moved.original_start == original
    assert moved.starts_at == new_start
    assert moved.ends_at == new_start + timedelta(hours=2)
    assert moved.rsvps.get().status == RsvpStatus.GOING
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == "New time: Tuesday evening"
    assert AuditLogEntry.objects.filter(verb="meeting.date_moved").count() == 1


def test_moving_refuses_an_end_before_the_start_or_a_start_in_the_past(occurrence, facilitator):
    with pytest.raises(MeetingError, match="end before it starts"):
        move_occurrence(
            occurrence=occurrence,
            actor=facilitator,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.starts_at - timedelta(minutes=1),
        )
    yesterday = timezone.now() - timedelta(days=1)
    with pytest.raises(MeetingError, match="already started"):
        move_occurrence(
            occurrence=occurrence,
            actor=facilitator,
            starts_at=yesterday,
            ends_at=yesterday + timedelta(hours=1),
        )
