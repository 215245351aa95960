"""The finder's snapshot: rebuilt when what it holds changes, one query when warm."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.finder import catalogue
from alongside.finder.selectors import find_support
from alongside.finder.tests.factories import (
    fresh_catalogue,  # noqa: F401 (fixture)
    in_cardiff,
    venue_miles_away,
    weekly_group,
)
from alongside.groups.choices import GroupStatus
from alongside.matching.tests.factories import SupporterProfileFactory
from alongside.meetings import actions as meetings_actions
from alongside.meetings.models import Occurrence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_catalogue")]


def titles(result):
    return [option.title for option in result.options]


def test_the_catalogue_is_rebuilt_after_a_group_changes():
    group = weekly_group(name="Evening circle")
    assert titles(find_support(in_cardiff())) == ["Evening circle"]

    group.status = GroupStatus.PAUSED
    group.save()
    assert titles(find_support(in_cardiff())) == []

    group.status = GroupStatus.ACTIVE
    group.name = "Renamed circle"
    group.save()
    assert titles(find_support(in_cardiff())) == ["Renamed circle"]


def test_the_catalogue_is_rebuilt_when_a_venue_changes():
    venue = venue_miles_away(1, features=[])
    weekly_group(name="Hall", venue=venue)
    needs = in_cardiff(access_needs=("step_free",), formats=("group",))
    assert titles(find_support(needs)) == []

    venue.features = ["step_free"]
    venue.save()
    assert titles(find_support(needs)) == ["Hall"]


def test_the_catalogue_is_rebuilt_when_one_date_moves(coordinator):
    group = weekly_group(name="Evening circle", day="tue", hour=19, weeks=1)
    evenings = in_cardiff(availability=("tue_evening",))
    assert find_support(evenings).options[0].misfits == ()

    date = Occurrence.objects.get(meeting__group=group)
    meetings_actions.move_occurrence(
        occurrence=date,
        actor=coordinator,
        starts_at=date.starts_at - timedelta(hours=9),
        ends_at=date.ends_at - timedelta(hours=9),
    )

    [moved] = find_support(evenings).options or find_support(evenings).nearest
    assert moved.next_meetings[0].starts_at == date.starts_at - timedelta(hours=9)
    assert moved.misfits == ("meets in the daytime",)


def test_the_catalogue_is_rebuilt_when_time_moves_on():
    weekly_group(name="Evening circle", weeks=1)
    first = catalogue.get_catalogue()
    later = timezone.now() + catalogue.MAX_AGE + timedelta(minutes=1)

    rebuilt = catalogue.get_catalogue(now=later)

    assert rebuilt is not first
    assert catalogue.get_catalogue(now=later) is rebuilt


def test_a_warm_search_makes_one_query_however_much_there_is(django_assert_num_queries):
    for n in range(5):
        weekly_group(name=f"Circle {n}", venue=venue_miles_away(n + 1, features=["step_free"]))
    SupporterProfileFactory.create_batch(3)
    find_support(in_cardiff())

    with django_assert_num_queries(1):
        find_support(in_cardiff(access_needs=("step_free",), languages=("en",)))


def test_a_cold_build_makes_a_fixed_number_of_queries(django_assert_num_queries):
    weekly_group(name="Circle")
    SupporterProfileFactory.create_batch(2)
    catalogue.forget_catalogue()
    with django_assert_num_queries(11):
        find_support(in_cardiff())
    for n in range(4):
        weekly_group(name=f"More {n}")
    SupporterProfileFactory.create_batch(4)
    catalogue.forget_catalogue()
    with django_assert_num_queries(11):
        find_support(in_cardiff())


def test_day_parts_are_worked_out_in_the_meetings_own_timezone():
    weekly_group(name="Late", day="tue", hour=18)
    snapshot = catalogue.get_catalogue()
    [row] = snapshot.groups.slots
    assert [i for i, on in enumerate(row) if on] == [1 * 3 + 2]  # Tuesday evening


def test_a_meeting_abroad_is_placed_by_its_own_clock_not_utc():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

    group = weekly_group(name="New York evening", weeks=0)
    new_york = ZoneInfo("America/New_York")
    start = datetime.now(new_york).replace(hour=19, minute=0, second=0, microsecond=0)
    while start.weekday() != 1 or start < datetime.now(new_york) + timedelta(days=1):
        start += timedelta(days=1)
    meeting = MeetingFactory(group=group, timezone="America/New_York", first_start=start)
    OccurrenceFactory(meeting=meeting, starts_at=start)  # Wednesday after midnight in UTC

    [row] = catalogue.get_catalogue().groups.slots
    assert [i for i, on in enumerate(row) if on] == [1 * 3 + 2]  # Tuesday evening


def test_a_change_to_supporters_rebuilds_only_their_part():
    weekly_group(name="Circle")
    supporter = SupporterProfileFactory()
    first = catalogue.get_catalogue()

    supporter.is_paused = True
    supporter.save()
    second = catalogue.get_catalogue()

    assert second is not first
    assert second.groups is first.groups
    assert len(second.supporters["befriending"]) == 0
    assert len(first.supporters["befriending"]) == 1


def test_a_supporter_suspended_or_closed_is_taken_out_at_once():
    from alongside.safety.models import Suspension

    suspended, closed = SupporterProfileFactory.create_batch(2)
    assert len(catalogue.get_catalogue().supporters["befriending"]) == 2

    Suspension.objects.create(member=suspended.user, reason="Held for review.")
    assert len(catalogue.get_catalogue().supporters["befriending"]) == 1

    closed.user.is_active = False
    closed.user.save()
    assert len(catalogue.get_catalogue().supporters["befriending"]) == 0
