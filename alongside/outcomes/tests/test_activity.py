"""Activity figures beside outcomes: people supported, meetings, matches, waiting and the
online community, with small counts of people withheld."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.community.choices import ContentStatus
from alongside.community.tests.factories import PostFactory, ThreadFactory
from alongside.groups.choices import GroupKind
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.matching.choices import MatchStatus, RequestStatus
from alongside.matching.tests.factories import MatchFactory, SupportRequestFactory
from alongside.meetings.models import OccurrenceStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory
from alongside.outcomes.activity import activity_figures

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 6, 30)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


DURING = at(date(2026, 3, 10))


def figures():
    return activity_figures(start=START, end=END)


def test_an_empty_period_has_zeros_and_no_averages():
    result = figures()
    assert result.meetings_held == 0 and result.posts == 0 and result.threads_started == 0
    assert result.people_by_form["support"] == 0
    assert result.mean_attendance is None and result.median_wait_days is None
    assert result.threads_replied_within_24h is None


def test_people_supported_by_form_withholds_fewer_than_five():
    support = GroupFactory(kind=GroupKind.SUPPORT)
    for _ in range(5):
        MembershipFactory(group=support, joined_at=at(date(2025, 12, 1)))
    community = GroupFactory(kind=GroupKind.COMMUNITY)
    for _ in range(3):
        MembershipFactory(group=community, joined_at=at(date(2025, 12, 1)))
    MembershipFactory(group=community, joined_at=at(date(2026, 8, 1)))  # joined after
    result = figures()
    assert result.people_by_form["community"] is None
    # Shown beside the total of 8, the 5 in support groups would tell the hidden 3.
    assert result.people_by_form["support"] is None
    assert result.people_in_total == 8
    assert result.people_by_form["mentoring"] == 0


def test_people_supported_by_form_shows_counts_that_reveal_no_small_number():
    for kind, count in ((GroupKind.SUPPORT, 5), (GroupKind.COMMUNITY, 3), (GroupKind.SELF_HELP, 3)):
        group = GroupFactory(kind=kind)
        for _ in range(count):
            MembershipFactory(group=group, joined_at=at(date(2025, 12, 1)))
    result = figures()
    assert result.people_by_form["support"] == 5
    assert result.people_by_form["community"] is None
    assert result.people_by_form["self_help"] is None
    assert result.people_in_total == 11


def test_meetings_held_and_attendance():
    meeting = MeetingFactory(first_start=DURING)
    held = OccurrenceFactory(meeting=meeting, starts_at=DURING)
    held.attendance_recorded_at = DURING + timedelta(hours=2)
    held.save()
    for attended in (True,) * 6 + (False,):
        RsvpFactory(occurrence=held, attended=attended)
    OccurrenceFactory(meeting=meeting, starts_at=DURING + timedelta(days=7))  # no record
    OccurrenceFactory(
        meeting=meeting, starts_at=DURING + timedelta(days=14), status=OccurrenceStatus.CANCELLED
    )
    OccurrenceFactory(meeting=meeting, starts_at=at(date(2026, 8, 1)))  # after the period
    result = figures()
    assert result.meetings_held == 2
    assert result.attendances == 6
    assert result.mean_attendance == 6.0
    assert result.people_by_form["support"] == 6  # they attended a support group's meeting


def test_matches_started_ended_and_median_wait():
    for days in (2, 4, 6, 8, 10):
        request = SupportRequestFactory(waiting_since=DURING - timedelta(days=days))
        MatchFactory(request=request, status=MatchStatus.ACTIVE, activated_at=DURING)
    ended = MatchFactory(status=MatchStatus.ENDED, activated_at=at(date(2025, 6, 1)))
    ended.ended_at = DURING
    ended.save()
    cancelled = MatchFactory(status=MatchStatus.CANCELLED)
    cancelled.ended_at = DURING
    cancelled.save()
    result = figures()
    assert result.matches_started == 5
    assert result.matches_ended == 1  # a cancelled proposal isn't an ending
    assert result.median_wait_days == 6.0
    assert result.people_by_form["befriending"] == 6


def test_people_waiting_at_the_end_of_the_period():
    for _ in range(5):
        SupportRequestFactory(waiting_since=at(date(2026, 5, 1)), status=RequestStatus.WAITING)
    SupportRequestFactory(waiting_since=at(date(2026, 8, 1)))  # asked after the period
    assert figures().people_waiting == 5


def created(obj, when):
    type(obj).objects.filter(pk=obj.pk).update(created_at=when)
    return obj


def thread_with_reply(*, reply_after: timedelta, same_author=False, status=None):
    thread = created(ThreadFactory(), DURING)
    created(PostFactory(thread=thread), DURING)
    author = thread.author if same_author else UserFactory()
    extra = {"status": status} if status else {}
    created(PostFactory(thread=thread, author=author, **extra), DURING + reply_after)
    return thread


def test_posts_threads_and_replies_within_a_day():
    thread_with_reply(reply_after=timedelta(hours=3))
    thread_with_reply(reply_after=timedelta(hours=30))
    thread_with_reply(reply_after=timedelta(hours=1), same_author=True)
    thread_with_reply(reply_after=timedelta(hours=1), status=ContentStatus.HIDDEN)
    created(ThreadFactory(), at(date(2026, 8, 1)))  # after the period
    result = figures()
    assert result.threads_started == 4
    assert result.threads_replied_within_24h == pytest.approx(1 / 4)
    assert result.posts == 7  # four opening posts and three visible replies
    assert result.people_by_form["online_community"] == 6
