"""RSVPs and cancellations arriving at the same moment never overfill a meeting or promote
the same person twice.

Each thread has its own database connection. On PostgreSQL they really run at once and
queue on the occurrence's row lock. The test database on SQLite is in memory with a shared
cache, where a second writer fails at once ("database table is locked") instead of waiting,
so there the calls take turns, in whatever order the threads arrive. CI runs these on
PostgreSQL too (DATABASE_URL=postgres://...).
"""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.meetings.actions import rsvp
from alongside.meetings.models import ReminderKind, ReminderSent, Rsvp, RsvpStatus
from alongside.meetings.tasks import send_occurrence_reminder
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting_date():
    group = GroupFactory()
    return OccurrenceFactory(meeting=MeetingFactory(group=group, capacity=3))


def new_members(occurrence, count):
    users = UserFactory.create_batch(count)
    for user in users:
        MembershipFactory(group=occurrence.meeting.group, user=user)
    return users


def at_once(calls):
    """Run each call in its own thread (and database connection), all released together.
    Returns the exceptions raised, if any."""
    barrier = threading.Barrier(len(calls))
    one_writer = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    failures = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            with one_writer:
                call()
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


def statuses(occurrence):
    return dict(Rsvp.objects.filter(occurrence=occurrence).values_list("user_id", "status"))


def test_concurrent_cancellations_promote_exactly_as_many_as_places_freed(meeting_date):
    holders = new_members(meeting_date, 3)
    waiting = new_members(meeting_date, 5)
    for user in holders:
        RsvpFactory(occurrence=meeting_date, user=user)
    start = timezone.now() - timedelta(hours=1)
    for minutes, user in enumerate(waiting):
        RsvpFactory(
            occurrence=meeting_date,
            user=user,
            status=RsvpStatus.WAITLISTED,
            waitlisted_at=start + timedelta(minutes=minutes),
        )

    failures = at_once(
        [
            lambda user=user: rsvp(occurrence=meeting_date, user=user, status="not_going")
            for user in holders
        ]
    )

    assert failures == []
    final = statuses(meeting_date)
    assert [final[u.pk] for u in holders] == ["not_going"] * 3
    assert [final[u.pk] for u in waiting] == ["going"] * 3 + ["waitlisted"] * 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in waiting[:3])


def test_concurrent_rsvps_never_overfill(meeting_date):
    people = new_members(meeting_date, 8)

    failures = at_once(
        [
            lambda user=user: rsvp(occurrence=meeting_date, user=user, status="going")
            for user in people
        ]
    )

    assert failures == []
    final = list(statuses(meeting_date).values())
    assert final.count("going") == 3
    assert final.count("waitlisted") == 5


def test_cancellations_and_new_rsvps_at_once_keep_every_place_filled_once(meeting_date):
    holders = new_members(meeting_date, 3)
    waiting = new_members(meeting_date, 2)
    newcomers = new_members(meeting_date, 4)
    for user in holders:
        RsvpFactory(occurrence=meeting_date, user=user)
    for user in waiting:
        RsvpFactory(
            occurrence=meeting_date,
            user=user,
            status=RsvpStatus.WAITLISTED,
            waitlisted_at=timezone.now() - timedelta(hours=1),
        )

    failures = at_once(
        [
            lambda user=user: rsvp(occurrence=meeting_date, user=user, status="not_going")
            for user in holders[:2]
        ]
        + [
            lambda user=user: rsvp(occurrence=meeting_date, user=user, status="going")
            for user in newcomers
        ]
    )

    assert failures == []
    final = statuses(meeting_date)
    assert list(final.values()).count("going") == 3
    # Those already waiting were first in line for the two freed places.
    assert [final[u.pk] for u in waiting] == ["going", "going"]
    assert [final[u.pk] for u in newcomers] == ["waitlisted"] * 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in waiting)


def test_the_same_reminder_run_by_two_workers_at_once_sends_one_email(meeting_date):
    people = new_members(meeting_date, 4)
    for user in people:
        RsvpFactory(occurrence=meeting_date, user=user)
    kwargs = {
        "occurrence_id": meeting_date.pk,
        "kind": ReminderKind.DAY_BEFORE,
        "for_start": meeting_date.starts_at.isoformat(),
    }

    failures = at_once([lambda: send_occurrence_reminder.call(**kwargs)] * 3)

    assert failures == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in people)
    assert ReminderSent.objects.count() == 4
