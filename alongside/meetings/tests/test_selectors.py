"""Attendee lists and upcoming dates: a fixed number of queries, however many rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.tests.factories import GroupFactory
from alongside.meetings.models import OccurrenceStatus, RsvpStatus
from alongside.meetings.selectors import attendee_list, upcoming_for_group, upcoming_for_user
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory

pytestmark = pytest.mark.django_db


def test_attendee_list_shows_names_and_the_needs_given_for_this_date(occurrence, going):
    going(
        UserFactory(profile__display_name="Kit"),
        access_needs=["hearing_loop", "step_free"],
        access_note="Near the door please",
    )
    going(UserFactory(profile__display_name="Ash"))
    going(UserFactory(profile__display_name="Zed"), status=RsvpStatus.WAITLISTED)
    going(UserFactory(profile__display_name="Nope"), status=RsvpStatus.NOT_GOING)

    rows = attendee_list(occurrence)

    assert [(r.display_name, r.status) for r in rows] == [
        ("Ash", "going"),
        ("Kit", "going"),
        ("Zed", "waitlisted"),
    ]
    assert rows[1].access_needs == ["Hearing loop", "Step-free access"]
    assert rows[1].access_note == "Near the door please"
    assert rows[0].access_needs == []


def test_a_need_no_longer_offered_shows_as_stored(occurrence, going):
    going(UserFactory(), access_needs=["sign_supported_english"])
    assert attendee_list(occurrence)[0].access_needs == ["sign_supported_english"]


def test_attendee_list_takes_one_query(occurrence, going, django_assert_num_queries):
    for _ in range(5):
        going(UserFactory(), access_needs=["large_print"])
    with django_assert_num_queries(1):
        rows = attendee_list(occurrence)
    assert len(rows) == 5


def make_dates(group, count, start_in=timedelta(days=1)):
    meeting = MeetingFactory(group=group)
    return [
        OccurrenceFactory(meeting=meeting, starts_at=timezone.now() + start_in + timedelta(days=i))
        for i in range(count)
    ]


def test_upcoming_for_user(member, group):
    soon, later, unanswered = make_dates(group, 3)
    past = OccurrenceFactory(meeting=soon.meeting, starts_at=timezone.now() - timedelta(days=2))
    cancelled = make_dates(group, 1, start_in=timedelta(days=9))[0]
    cancelled.status = OccurrenceStatus.CANCELLED
    cancelled.save()
    elsewhere = make_dates(GroupFactory(), 1)[0]
    RsvpFactory(occurrence=later, user=member, status=RsvpStatus.WAITLISTED)
    RsvpFactory(occurrence=soon, user=member)
    RsvpFactory(occurrence=past, user=member)
    RsvpFactory(occurrence=cancelled, user=member)
    RsvpFactory(occurrence=elsewhere, user=member, status=RsvpStatus.NOT_GOING)
    RsvpFactory(occurrence=unanswered)  # someone else

    dates = list(upcoming_for_user(member))

    assert dates == [soon, later, cancelled]
    assert [d.my_status for d in dates] == ["going", "waitlisted", "going"]


def test_upcoming_for_user_takes_one_query(member, group, django_assert_num_queries):
    for occurrence in make_dates(group, 4) + make_dates(GroupFactory(), 4):
        RsvpFactory(occurrence=occurrence, user=member)

    with django_assert_num_queries(1):
        dates = list(upcoming_for_user(member))
        names = {d.meeting.group.name for d in dates} | {str(d.meeting.venue) for d in dates}

    assert len(dates) == 8
    assert len(names) == 3


def test_upcoming_for_group_counts_places(group, django_assert_num_queries):
    first, second = make_dates(group, 2)
    for status in ("going", "going", "waitlisted", "not_going"):
        RsvpFactory(occurrence=first, status=status)
    make_dates(GroupFactory(), 2)
    OccurrenceFactory(meeting=first.meeting, starts_at=timezone.now() - timedelta(days=1))

    with django_assert_num_queries(1):
        dates = [
            (d.pk, d.going_count, d.waiting_count, d.meeting.title)
            for d in upcoming_for_group(group)
        ]

    assert dates == [(first.pk, 2, 1, first.meeting.title), (second.pk, 0, 0, second.meeting.title)]
