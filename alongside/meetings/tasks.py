"""Reminders, run by the task worker a day and an hour before each occurrence."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alongside.meetings.models import (
    Occurrence,
    OccurrenceStatus,
    ReminderKind,
    Rsvp,
    RsvpStatus,
)
from alongside.meetings.notifications import claim_reminder, email_reminder

logger = logging.getLogger(__name__)

REMINDER_LEAD_TIMES = {
    ReminderKind.DAY_BEFORE: timedelta(days=1),
    ReminderKind.HOUR_BEFORE: timedelta(hours=1),
}


@task()
def send_occurrence_reminder(*, occurrence_id: int, kind: str, for_start: str) -> int:
    """Email everyone going. Returns how many emails were queued.

    `for_start` is the start the reminder was scheduled for: once an occurrence moves, the
    task queued for its old time finds a different start and does nothing (the move queued
    new ones). Each email is claimed with a ReminderSent row first, so running the task
    twice sends nothing the second time.
    """
    scheduled_for = datetime.fromisoformat(for_start)
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_related("meeting__group").filter(pk=occurrence_id).first()
        )
        if occurrence is None or not _still_due(occurrence, scheduled_for):
            return 0
        going = Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.GOING)
        sent = 0
        for rsvp in going.select_related("user__profile").order_by("pk"):
            if claim_reminder(
                occurrence=occurrence, user=rsvp.user, kind=kind, for_start=scheduled_for
            ):
                email_reminder(occurrence=occurrence, user=rsvp.user, kind=kind)
                sent += 1
        return sent


def _still_due(occurrence: Occurrence, scheduled_for: datetime) -> bool:
    return (
        occurrence.status == OccurrenceStatus.SCHEDULED
        and occurrence.starts_at == scheduled_for
        and timezone.now() < occurrence.starts_at
    )


def schedule_reminders_after_commit(occurrences: list[Occurrence]) -> None:
    """Queue the day-before and hour-before reminders once the transaction has committed.

    Reminders whose time has already passed are not queued (a meeting arranged for this
    afternoon gets no "tomorrow" email). A task backend that cannot run tasks later (the
    immediate backend of tests and quick local setups) would send them at once, so then
    none are queued.
    """
    plans = [
        (occurrence.pk, kind, occurrence.starts_at, occurrence.starts_at - lead)
        for occurrence in occurrences
        for kind, lead in REMINDER_LEAD_TIMES.items()
    ]
    transaction.on_commit(lambda: _enqueue(plans))


def _enqueue(plans) -> None:
    if not send_occurrence_reminder.get_backend().supports_defer:
        logger.info("Task backend cannot run tasks later: meeting reminders not queued.")
        return
    now = timezone.now()
    for occurrence_id, kind, starts_at, run_after in plans:
        if run_after <= now:
            continue
        send_occurrence_reminder.using(run_after=run_after).enqueue(
            occurrence_id=occurrence_id, kind=str(kind), for_start=starts_at.isoformat()
        )
