"""Hand-built places, groups and answers for finder tests.

Everything is around Cardiff: CARDIFF is the person's town; venues are put a given number
of miles north of it (a degree of latitude is 69 miles)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from alongside.accounts.choices import Day
from alongside.finder.answers import FinderAnswers
from alongside.finder.catalogue import forget_catalogue
from alongside.groups.choices import MeetingMode
from alongside.groups.tests.factories import GroupFactory, VenueFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

CARDIFF = {
    "place_geonameid": 2653822,
    "place_name": "Cardiff, Wales, United Kingdom",
    "latitude": 51.48,
    "longitude": -3.18,
}
LONDON_TIME = ZoneInfo("Europe/London")


@pytest.fixture
def fresh_catalogue():
    """Each test starts and ends with no snapshot held."""
    forget_catalogue()
    yield
    forget_catalogue()


def in_cardiff(**answers) -> FinderAnswers:
    """Answers from someone in Cardiff (who will travel 5 miles unless told otherwise)."""
    return FinderAnswers(**{**CARDIFF, "travel_distance": 5.0, "distance_unit": "mi", **answers})


def venue_miles_away(miles: float, *, features=(), name=None):
    extra = {"name": name} if name else {}
    return VenueFactory(
        latitude=CARDIFF["latitude"] + miles / 69.05,
        longitude=CARDIFF["longitude"],
        features=list(features),
        **extra,
    )


def next_local(day: str, hour: int, *, now=None) -> datetime:
    """The next `day` (a Day value) at `hour`:00, London time, at least a day from now."""
    now = (now or timezone.now()).astimezone(LONDON_TIME)
    start = now.replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=1)
    while start.weekday() != Day.values.index(day):
        start += timedelta(days=1)
    return start


def weekly_group(*, day="tue", hour=19, weeks=4, topics=(), **fields):
    """A group meeting every `day` at `hour` (London time) for `weeks` weeks. A venue
    (`venue=`) makes it in person unless `mode` says otherwise."""
    if fields.get("venue") is not None:
        fields.setdefault("mode", MeetingMode.IN_PERSON)
    group = GroupFactory(**fields)
    if topics:
        group.topics.set(topics)
    first = next_local(day, hour)
    meeting = MeetingFactory(
        group=group, mode=group.mode, venue=group.venue, first_start=first, rrule="FREQ=WEEKLY"
    )
    for week in range(weeks):
        OccurrenceFactory(meeting=meeting, starts_at=first + timedelta(weeks=week))
    return group
