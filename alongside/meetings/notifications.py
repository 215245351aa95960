"""Emails about meetings, and the bookkeeping that sends each reminder once."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction

from alongside.common.tasks import send_email_after_commit
from alongside.meetings.models import Occurrence, ReminderKind, ReminderSent


def local_time_label(moment: datetime, timezone_name: str) -> str:
    """ "Tuesday 27 October 2026 at 19:00 (Europe/London)": in the meeting's own zone."""
    local = moment.astimezone(ZoneInfo(timezone_name))
    return f"{local:%A} {local.day} {local:%B %Y at %H:%M} ({timezone_name})"


def claim_reminder(*, occurrence: Occurrence, user, kind: str, for_start: datetime) -> bool:
    """Record that this reminder is going out. True for the one caller that inserted the
    row; a second run (a retried task, a restarted worker) finds it and sends nothing."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction carries on
            ReminderSent.objects.create(
                occurrence=occurrence, user=user, kind=kind, for_start=for_start
            )
    except IntegrityError:
        return False
    return True


def _send(*, user, subject: str, lines: list[str]) -> None:
    body = "\n\n".join([f"Hello {user},", *lines, "— Alongside"])
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a meeting title can't add header lines
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    send_email_after_commit(message)


def _when(occurrence: Occurrence) -> str:
    return local_time_label(occurrence.starts_at, occurrence.meeting.timezone)


def email_reminder(*, occurrence: Occurrence, user, kind: str) -> None:
    meeting = occurrence.meeting
    soon = "tomorrow" if kind == ReminderKind.DAY_BEFORE else "in an hour"
    _send(
        user=user,
        subject=f"Reminder: {meeting.title} {soon}",
        lines=[
            f"{meeting.title} ({meeting.group.name}) starts {soon}: {_when(occurrence)}.",
            "If you can no longer come, please change your answer so someone else can "
            "have your place.",
        ],
    )


def email_cancelled(*, occurrence: Occurrence, user) -> None:
    meeting = occurrence.meeting
    _send(
        user=user,
        subject=f"Cancelled: {meeting.title}, {_when(occurrence)}",
        lines=[
            f"{meeting.title} ({meeting.group.name}) on {_when(occurrence)} has been "
            "cancelled. We're sorry for the change of plan.",
        ],
    )


def email_moved(*, occurrence: Occurrence, user, previous_start: datetime) -> None:
    meeting = occurrence.meeting
    previous = local_time_label(previous_start, meeting.timezone)
    _send(
        user=user,
        subject=f"New time: {meeting.title}",
        lines=[
            f"{meeting.title} ({meeting.group.name}) has moved from {previous} to "
            f"{_when(occurrence)}. You're still down as going.",
            "If the new time doesn't suit you, please change your answer.",
        ],
    )


def email_promoted(*, occurrence: Occurrence, user) -> None:
    meeting = occurrence.meeting
    _send(
        user=user,
        subject=f"A place for you: {meeting.title}",
        lines=[
            f"A place has opened up at {meeting.title} ({meeting.group.name}) on "
            f"{_when(occurrence)}, and it's yours: you were next on the waiting list.",
            "If you can no longer come, please change your answer so the next person can have it.",
        ],
    )
