"""RFC 5545 calendars of meetings, for calendar apps to subscribe to.

Times are written as wall-clock times with the meeting's TZID and a VTIMEZONE, so "Tuesdays
at 19:00 in London" stays 19:00 in the app across daylight-saving changes.

The public group feed describes each series once (RRULE, EXDATE for cancelled dates,
RECURRENCE-ID overrides for moved ones) and never carries join details. A member's own feed
lists each date they are going to, join details included.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef
from django.utils import timezone
from icalendar import Calendar, Event, vDuration, vRecur, vText

from alongside.groups.choices import VENUE_MODES, GroupStatus, MeetingMode, MembershipStatus
from alongside.groups.models import Group, Membership
from alongside.meetings.models import Meeting, Occurrence, OccurrenceStatus, RsvpStatus

PRODID = "-//Alongside//Meetings//EN"
REFRESH_INTERVAL = timedelta(hours=1)
MEMBER_HISTORY = timedelta(days=30)


def group_calendar(group: Group, *, now: datetime | None = None) -> bytes:
    """Every meeting of `group`: a VEVENT per series, with no join details."""
    now = now or timezone.now()
    calendar = _new_calendar(name=group.name, uid=f"group-{group.pk}@alongside")
    meetings = group.meetings.select_related("venue").prefetch_related("occurrences")
    every_occurrence = []
    for meeting in meetings:
        occurrences = [_as_held(o, group=group, now=now) for o in meeting.occurrences.all()]
        for event in _series_events(meeting, occurrences, now=now):
            calendar.add_component(event)
        every_occurrence += occurrences
    return _finish(calendar, every_occurrence)


def member_calendar(user, *, now: datetime | None = None) -> bytes:
    """Each date `user` is going to, from 30 days ago on, with how to join."""
    now = now or timezone.now()
    calendar = _new_calendar(name="My Alongside meetings", uid=f"member-{user.pk}@alongside")
    occurrences = list(_occurrences_going_to(user, since=now - MEMBER_HISTORY))
    for occurrence in occurrences:
        held = _as_held(occurrence, group=occurrence.meeting.group, now=now)
        calendar.add_component(_member_event(held, now=now))
    return _finish(calendar, occurrences)


def _occurrences_going_to(user, *, since: datetime):
    # Only while they belong to the group (or facilitate it): someone who has left or been
    # removed no longer gets the join details, whatever became of their RSVPs.
    group = OuterRef("meeting__group")
    member = Membership.objects.filter(group=group, user=user, status=MembershipStatus.ACTIVE)
    facilitator = Group.facilitators.through.objects.filter(group=group, user=user)
    belongs = Exists(member) | Exists(facilitator)
    return (
        Occurrence.objects.filter(
            rsvps__user=user, rsvps__status=RsvpStatus.GOING, starts_at__gte=since
        )
        .filter(belongs)
        .select_related("meeting__group", "meeting__venue")
        .order_by("starts_at")
    )


def _as_held(occurrence: Occurrence, *, group: Group, now: datetime) -> Occurrence:
    """A closed group no longer meets: anything it still had scheduled is shown cancelled,
    so subscribed calendars drop it rather than keep a stale copy."""
    if group.status == GroupStatus.CLOSED and occurrence.starts_at >= now:
        occurrence.status = OccurrenceStatus.CANCELLED
    return occurrence


def _series_events(meeting: Meeting, occurrences: list[Occurrence], *, now) -> Iterable[Event]:
    if not meeting.rrule.strip():
        yield from (_one_off_event(meeting, o, now=now) for o in occurrences[:1])
        return
    zone = ZoneInfo(meeting.timezone)
    series = _event(
        meeting,
        uid=_meeting_uid(meeting),
        start=meeting.first_start.astimezone(zone),
        now=now,
    )
    series.DURATION = timedelta(minutes=meeting.duration_minutes)
    series.add("rrule", _rrule_for_feed(meeting.rrule, zone))
    cancelled = [o for o in occurrences if o.status == OccurrenceStatus.CANCELLED]
    if cancelled:
        series.add("exdate", [o.original_start.astimezone(zone) for o in cancelled])
    yield series
    for occurrence in occurrences:
        if occurrence.status != OccurrenceStatus.CANCELLED and _is_moved(meeting, occurrence):
            moved = _event(
                meeting,
                uid=_meeting_uid(meeting),
                start=occurrence.starts_at.astimezone(zone),
                end=occurrence.ends_at.astimezone(zone),
                now=now,
            )
            moved.add("recurrence-id", occurrence.original_start.astimezone(zone))
            yield moved


def _one_off_event(meeting: Meeting, occurrence: Occurrence, *, now) -> Event:
    zone = ZoneInfo(meeting.timezone)
    event = _event(
        meeting,
        uid=_meeting_uid(meeting),
        start=occurrence.starts_at.astimezone(zone),
        end=occurrence.ends_at.astimezone(zone),
        now=now,
    )
    _mark_cancelled(event, occurrence)
    return event


def _member_event(occurrence: Occurrence, *, now) -> Event:
    meeting = occurrence.meeting
    zone = ZoneInfo(meeting.timezone)
    cancelled = occurrence.status == OccurrenceStatus.CANCELLED
    join = "" if cancelled else _join_details(meeting)
    event = _event(
        meeting,
        uid=f"occurrence-{occurrence.pk}@alongside",
        start=occurrence.starts_at.astimezone(zone),
        end=occurrence.ends_at.astimezone(zone),
        now=now,
        summary=f"{meeting.title} ({meeting.group.name})",
        extra_description=join,
    )
    if not cancelled and meeting.join_url and meeting.mode != MeetingMode.PHONE:
        event.url = meeting.join_url
        if meeting.mode == MeetingMode.VIDEO:
            event.location = meeting.join_url
    _mark_cancelled(event, occurrence)
    return event


def _event(
    meeting: Meeting,
    *,
    uid: str,
    start: datetime,
    now: datetime,
    end: datetime | None = None,
    summary: str = "",
    extra_description: str = "",
) -> Event:
    description = "\n\n".join(part for part in (meeting.description, extra_description) if part)
    event = Event.new(
        uid=uid,
        stamp=now.astimezone(UTC),
        start=start,
        end=end,
        summary=summary or meeting.title,
        description=description or None,
        location=_location(meeting),
    )
    if meeting.mode in VENUE_MODES and meeting.venue:
        event.add("geo", (meeting.venue.latitude, meeting.venue.longitude))
    return event


def _mark_cancelled(event: Event, occurrence: Occurrence) -> None:
    if occurrence.status == OccurrenceStatus.CANCELLED:
        event.status = "CANCELLED"
        # Some apps ignore STATUS, so say it where everyone looks.
        event.summary = f"Cancelled: {event.summary}"


def _location(meeting: Meeting) -> str:
    if meeting.mode in VENUE_MODES and meeting.venue:
        address = ", ".join(line.strip() for line in meeting.venue.address.splitlines() if line)
        return f"{meeting.venue.name}, {address}" if address else meeting.venue.name
    return MeetingMode(meeting.mode).label


def _join_details(meeting: Meeting) -> str:
    lines = []
    if meeting.join_url:
        lines.append(f"Join: {meeting.join_url}")
    if meeting.dial_in:
        lines.append(f"Dial in: {meeting.dial_in}")
    if not lines and meeting.mode != MeetingMode.IN_PERSON and meeting.group.online_details:
        lines.append(meeting.group.online_details)
    return "\n".join(lines)


def _is_moved(meeting: Meeting, occurrence: Occurrence) -> bool:
    planned_end = occurrence.original_start + timedelta(minutes=meeting.duration_minutes)
    return occurrence.starts_at != occurrence.original_start or occurrence.ends_at != planned_end


def _meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@alongside"


def _rrule_for_feed(rrule: str, zone: ZoneInfo) -> vRecur:
    """The stored rule, with UNTIL in UTC as RFC 5545 requires beside a TZID start. The
    scheduler reads a local UNTIL (a date means its midnight) as a wall-clock time in the
    meeting's zone; converting it that way keeps the same dates."""
    value = rrule.strip()
    if value.upper().startswith("RRULE:"):
        value = value[len("RRULE:") :]
    rule = vRecur.from_ical(value)
    if "UNTIL" in rule:
        rule["UNTIL"] = [_utc_until(until, zone) for until in rule["UNTIL"]]
    return rule


def _utc_until(until: date | datetime, zone: ZoneInfo) -> datetime:
    if not isinstance(until, datetime):
        until = datetime.combine(until, datetime.min.time())
    if until.tzinfo is None:
        until = until.replace(tzinfo=zone)
    return until.astimezone(UTC)


def _new_calendar(*, name: str, uid: str) -> Calendar:
    calendar = Calendar.new(
        prodid=PRODID, method="PUBLISH", uid=uid, refresh_interval=REFRESH_INTERVAL
    )
    # icalendar writes a `name=` as it is, unescaped; a name is one line of TEXT.
    one_line = vText(" ".join(name.split()))
    calendar.add("name", one_line)
    calendar.add("x-wr-calname", one_line)
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
    # Outlook and Apple Calendar read this rather than REFRESH-INTERVAL.
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    return calendar


def _finish(calendar: Calendar, occurrences: list[Occurrence]) -> bytes:
    """Add a VTIMEZONE for each TZID used, covering every date in the calendar."""
    moments = [m for o in occurrences for m in (o.original_start, o.starts_at, o.ends_at)]
    moments += [event.start for event in calendar.events if isinstance(event.start, datetime)]
    if moments:
        calendar.add_missing_timezones(
            first_date=min(moments).date() - timedelta(days=1),
            last_date=max(moments).date() + timedelta(days=2),
        )
    return calendar.to_ical()
