"""Reminders a day and an hour before: queued when a date is arranged or moved, sent once."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.meetings.actions import cancel_occurrence, move_occurrence, schedule_meeting
from alongside.meetings.models import ReminderKind, ReminderSent, RsvpStatus
from alongside.meetings.tasks import send_occurrence_reminder
from alongside.meetings.tests.factories import OccurrenceFactory, RsvpFactory

TASK_PATH = "alongside.meetings.tasks.send_occurrence_reminder"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_reminders():
    rows = DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("run_after")
    return [(row.run_after, row.args_kwargs["kwargs"]) for row in rows]


def remind(occurrence, kind=ReminderKind.DAY_BEFORE, for_start=None):
    start = for_start or occurrence.starts_at
    return send_occurrence_reminder.call(
        occurrence_id=occurrence.pk, kind=kind, for_start=start.isoformat()
    )


@pytest.mark.django_db
def test_arranging_a_meeting_queues_a_reminder_a_day_and_an_hour_before_each_date(
    database_tasks, group, facilitator, django_capture_on_commit_callbacks
):
    first = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule_meeting(
            group=group,
            actor=facilitator,
            title="Tuesday evening",
            mode="video",
            timezone_name="Europe/London",
            first_start=first,
            duration_minutes=60,
            rrule="FREQ=WEEKLY;COUNT=2",
        )

    starts = list(meeting.occurrences.values_list("pk", "starts_at"))
    assert queued_reminders() == [
        (start - lead, {"occurrence_id": pk, "kind": kind, "for_start": start.isoformat()})
        for pk, start in starts
        for kind, lead in (("day_before", timedelta(days=1)), ("hour_before", timedelta(hours=1)))
    ]


@pytest.mark.django_db
def test_reminders_whose_time_has_passed_are_not_queued(
    database_tasks, group, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule_meeting(
            group=group,
            actor=facilitator,
            title="This afternoon",
            mode="video",
            timezone_name="Europe/London",
            first_start=timezone.now() + timedelta(hours=3),
            duration_minutes=60,
        )

    assert [kwargs["kind"] for _, kwargs in queued_reminders()] == ["hour_before"]


@pytest.mark.django_db
def test_a_backend_that_cannot_wait_queues_no_reminders(
    group, facilitator, members, django_capture_on_commit_callbacks
):
    # The immediate backend (tests, quick local setups) would send them at once.
    with django_capture_on_commit_callbacks(execute=True):
        schedule_meeting(
            group=group,
            actor=facilitator,
            title="Next week",
            mode="video",
            timezone_name="Europe/London",
            first_start=timezone.now() + timedelta(days=7),
            duration_minutes=60,
        )
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_same_reminder_run_twice_sends_one_email_each(
    occurrence, members, going, django_capture_on_commit_callbacks
):
    first, second, not_coming = members(3)
    going(first)
    going(second)
    going(not_coming, status=RsvpStatus.NOT_GOING)

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(occurrence) == 2
        assert remind(occurrence) == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert mail.outbox[0].subject == "Reminder: Tuesday evening tomorrow"
    assert ReminderSent.objects.count() == 2


@pytest.mark.django_db
def test_day_and_hour_reminders_are_separate(
    occurrence, members, going, django_capture_on_commit_callbacks
):
    (person,) = members(1)
    going(person)

    with django_capture_on_commit_callbacks(execute=True):
        remind(occurrence, ReminderKind.DAY_BEFORE)
        remind(occurrence, ReminderKind.HOUR_BEFORE)

    assert [m.subject for m in mail.outbox] == [
        "Reminder: Tuesday evening tomorrow",
        "Reminder: Tuesday evening in an hour",
    ]


@pytest.mark.django_db
def test_reminder_for_a_cancelled_or_past_date_sends_nothing(
    occurrence, facilitator, members, going, django_capture_on_commit_callbacks
):
    (person,) = members(1)
    going(person)
    past = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(minutes=10)
    )
    RsvpFactory(occurrence=past, user=person)
    cancel_occurrence(occurrence=occurrence, actor=facilitator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(occurrence) == 0
        assert remind(past) == 0
        assert (
            send_occurrence_reminder.call(
                occurrence_id=occurrence.pk + 1000,
                kind=ReminderKind.DAY_BEFORE,
                for_start=occurrence.starts_at.isoformat(),
            )
            == 0
        )

    assert mail.outbox == []


@pytest.mark.django_db
def test_moved_date_is_reminded_for_its_new_time_only(
    settings,
    database_tasks,
    occurrence,
    facilitator,
    members,
    going,
    django_capture_on_commit_callbacks,
):
    (person,) = members(1)
    going(person)
    old_start = occurrence.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        remind(occurrence, ReminderKind.DAY_BEFORE)  # already reminded for the old time
    # 19:00 London on a date in December: GMT, so 19:00 UTC.
    new_start = datetime.fromisoformat(f"{old_start.year + 1}-12-01T19:00:00+00:00")
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        move_occurrence(
            occurrence=occurrence,
            actor=facilitator,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=1),
        )
    mail.outbox.clear()  # the "new time" notice

    assert queued_reminders() == [
        (
            new_start - timedelta(days=1),
            {
                "occurrence_id": occurrence.pk,
                "kind": "day_before",
                "for_start": new_start.isoformat(),
            },
        ),
        (
            new_start - timedelta(hours=1),
            {
                "occurrence_id": occurrence.pk,
                "kind": "hour_before",
                "for_start": new_start.isoformat(),
            },
        ),
    ]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(occurrence, ReminderKind.DAY_BEFORE, for_start=old_start) == 0
        assert remind(occurrence, ReminderKind.DAY_BEFORE, for_start=new_start) == 1

    assert [m.to for m in mail.outbox] == [[person.email]]
    assert f"1 December {new_start.year} at 19:00 (Europe/London)" in mail.outbox[0].body


# ---- Through the real database queue and worker -----------------------------------------


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_reminder_queued_twice_and_run_by_the_worker_sends_one_email(
    database_tasks, occurrence, members, going
):
    (person,) = members(1)
    going(person)
    kwargs = {
        "occurrence_id": occurrence.pk,
        "kind": ReminderKind.HOUR_BEFORE,
        "for_start": occurrence.starts_at.isoformat(),
    }
    send_occurrence_reminder.enqueue(**kwargs)
    send_occurrence_reminder.enqueue(**kwargs)

    run_worker()

    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == "Reminder: Tuesday evening in an hour"
    assert sorted(
        DBTaskResult.objects.filter(task_path=TASK_PATH).values_list("return_value", flat=True)
    ) == [0, 1]


@pytest.mark.django_db(transaction=True)
def test_a_worker_restarted_midway_runs_the_reminder_again_without_a_second_email(
    database_tasks, occurrence, members, going
):
    (person,) = members(1)
    going(person)
    result = send_occurrence_reminder.enqueue(
        occurrence_id=occurrence.pk,
        kind=ReminderKind.DAY_BEFORE,
        for_start=occurrence.starts_at.isoformat(),
    )
    run_worker()
    # As if the worker died before it recorded the task as done: it is picked up again.
    DBTaskResult.objects.filter(id=result.id).update(status="READY", finished_at=None)

    run_worker()

    assert [m.to for m in mail.outbox] == [[person.email]]
    assert DBTaskResult.objects.get(id=result.id).return_value == 0


@pytest.mark.django_db(transaction=True)
def test_reminders_wait_for_their_time(database_tasks, group, facilitator, members):
    (person,) = members(1)
    meeting = schedule_meeting(
        group=group,
        actor=facilitator,
        title="Next week",
        mode="video",
        timezone_name="Europe/London",
        first_start=timezone.now() + timedelta(days=7),
        duration_minutes=60,
    )
    RsvpFactory(occurrence=meeting.occurrences.get(), user=person)

    run_worker()

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").count() == 2
