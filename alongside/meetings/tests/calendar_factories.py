"""Rows for the calendar tests, made directly: groups, venues and meetings with their
occurrences expanded here (on wall-clock times, as the scheduler does)."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar

from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode, MembershipStatus
from alongside.groups.models import Group, Membership, Venue
from alongside.meetings.models import Meeting, Occurrence, OccurrenceStatus

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def make_group(*, status=GroupStatus.ACTIVE, **fields) -> Group:
    n = next(_numbers)
    defaults = {
        "kind": GroupKind.SUPPORT,
        "name": f"Evening circle {n}",
        "slug": f"evening-circle-{n}",
        "purpose": "Talking things through.",
        "mode": MeetingMode.IN_PERSON,
        "status": status,
    }
    return Group.objects.create(**{**defaults, **fields})


def make_venue(**fields) -> Venue:
    defaults = {
        "name": "Quaker Meeting House",
        "address": "12 Friar Street\nReading RG1 1DB",
        "latitude": 51.456,
        "longitude": -0.972,
    }
    return Venue.objects.create(**{**defaults, **fields})


def make_member(group: Group, user, *, status=MembershipStatus.ACTIVE) -> Membership:
    return Membership.objects.create(group=group, user=user, status=status)


def make_meeting(group: Group, *, first_start: datetime, rrule: str = "", **fields) -> Meeting:
    """A meeting and one Occurrence row per date of its rule. `first_start` is aware, in
    the meeting's zone."""
    defaults = {
        "title": "Tuesday evening",
        "description": "Tea from 6:45.",
        "mode": MeetingMode.IN_PERSON,
        "timezone": first_start.tzinfo.key,
        "duration_minutes": 90,
    }
    meeting = Meeting.objects.create(
        group=group, first_start=first_start, rrule=rrule, **{**defaults, **fields}
    )
    for start in local_starts(meeting, first_start):
        Occurrence.objects.create(
            meeting=meeting,
            original_start=start,
            starts_at=start,
            ends_at=start + timedelta(minutes=meeting.duration_minutes),
        )
    return meeting


def local_starts(meeting: Meeting, first_start: datetime) -> list[datetime]:
    zone = ZoneInfo(meeting.timezone)
    if not meeting.rrule:
        return [first_start]
    start = first_start.astimezone(zone)
    if "Z" not in meeting.rrule.upper():  # a local UNTIL goes with a wall-clock start
        start = start.replace(tzinfo=None)
    return [moment.replace(tzinfo=zone) for moment in rrulestr(meeting.rrule, dtstart=start)]


def occurrence_at(meeting: Meeting, local_start: datetime) -> Occurrence:
    return meeting.occurrences.get(original_start=local_start)


def cancel(occurrence: Occurrence) -> Occurrence:
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.save()
    return occurrence


def move(occurrence: Occurrence, *, to: datetime) -> Occurrence:
    length = occurrence.ends_at - occurrence.starts_at
    occurrence.starts_at, occurrence.ends_at = to, to + length
    occurrence.save()
    return occurrence


# --- Reading a feed back, as a calendar app would -------------------------------------------


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def events_by_uid(calendar: Calendar, uid: str):
    return [event for event in calendar.events if str(event["UID"]) == uid]


def expand(calendar: Calendar, uid: str) -> list[tuple[datetime, datetime]]:
    """The (start, end) of every date of the event `uid`: its series expanded from DTSTART
    and RRULE, less EXDATEs, with RECURRENCE-ID overrides put in place of the dates they
    replace."""
    events = events_by_uid(calendar, uid)
    (series,) = [event for event in events if "RECURRENCE-ID" not in event]
    overrides = {event["RECURRENCE-ID"].dt: event for event in events if event is not series}
    start = series.start
    if "RRULE" not in series:
        return [(start, series.end)]
    rule = rrulestr(series["RRULE"].to_ical().decode(), dtstart=start)
    excluded = set(series.exdates)
    dates = []
    for moment in rule:
        if moment in excluded:
            continue
        if moment in overrides:
            dates.append((overrides[moment].start, overrides[moment].end))
        else:
            dates.append((moment, moment + series.duration))
    return sorted(dates)
