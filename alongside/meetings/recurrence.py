"""Expanding a meeting's recurrence rule into the start of each occurrence.

A meeting happens at a wall-clock time in its own timezone: "Tuesdays at 19:00 in London"
stays 19:00 when the clocks change, so its UTC time moves by an hour. The rule is therefore
expanded on naive local times and each result is localised afterwards; expanding on UTC
times would drift an hour across every daylight-saving change.
"""

import re
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil.rrule import DAILY, MONTHLY, rrulestr
from django.core.exceptions import ValidationError

MAX_OCCURRENCES = 200
MAX_SPAN = timedelta(days=2 * 365 + 1)

# Enough for weekly, fortnightly, monthly ("the first Tuesday", "the 12th") and daily
# meetings. A rule that matches nothing (BYMONTH=2;BYMONTHDAY=30, or the 31st of every
# twelfth month from February) would have dateutil search until the year 9999, so parts
# that can combine that way are left out and the interval is kept short.
ALLOWED_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"})
MAX_INTERVAL = 6

_UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


def meeting_zone(name: str) -> ZoneInfo:
    """The IANA timezone called `name`, or a ValidationError in plain words."""
    if name not in _known_zones():
        raise ValidationError(
            f"“{name}” isn't a timezone we know. Use a place name such as Europe/London.",
            code="unknown_timezone",
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:  # pragma: no cover - listed above
        raise ValidationError("That timezone can't be used.", code="unknown_timezone") from error


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def local_wall_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` as a naive wall-clock time in `zone` (a naive `moment` already is one)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def expand(*, timezone_name: str, first_start: datetime, rrule: str) -> list[datetime]:
    """The aware start of every occurrence, first one first.

    `first_start` is a wall-clock time in the meeting's zone (naive), or an aware moment
    that is converted to that zone's wall clock first. A blank `rrule` is a one-off meeting.
    """
    zone = meeting_zone(timezone_name)
    local_start = local_wall_time(first_start, zone)
    if not rrule.strip():
        return [_localise(local_start, zone)]
    rule = _parse(rrule, local_start, zone)
    local_starts = _bounded_starts(rule, local_start)
    if not local_starts:
        raise ValidationError("This repeat gives no dates at all.", code="no_dates")
    return [_localise(start, zone) for start in local_starts]


def _too_many() -> ValidationError:
    return ValidationError(
        f"A repeating meeting can have at most {MAX_OCCURRENCES} dates. Repeat it fewer "
        "times, or schedule a new series later.",
        code="too_many_dates",
    )


def _too_far() -> ValidationError:
    return ValidationError(
        "A repeating meeting can be scheduled at most two years ahead. Choose an earlier "
        "end, and schedule a new series later.",
        code="too_far_ahead",
    )


def _bounded_starts(rule, local_start: datetime) -> list[datetime]:
    """The rule's dates, looking no further than two years ahead. (Left to itself, a rule
    that matches nothing, such as 30 February, is searched until the year 9999.)"""
    horizon = local_start + MAX_SPAN
    count, until = rule._count, rule._until
    if count is not None and count > MAX_OCCURRENCES:
        raise _too_many()
    if until is not None and until > horizon:
        raise _too_far()
    if count is None:
        starts = list(islice(iter(rule), MAX_OCCURRENCES + 1))
        if len(starts) > MAX_OCCURRENCES:
            raise _too_many()
        return starts
    starts = list(islice(iter(rule.replace(count=None, until=horizon)), count))
    if starts and len(starts) < count:
        raise _too_far()
    return starts


def occurrence_starts(meeting) -> list[datetime]:
    return expand(
        timezone_name=meeting.timezone, first_start=meeting.first_start, rrule=meeting.rrule
    )


def _localise(local: datetime, zone: ZoneInfo) -> datetime:
    # A time that falls in the spring-forward gap (01:30 in London on the last Sunday of
    # March) takes the offset from before the change, as RFC 5545 asks.
    return local.replace(tzinfo=zone)


def _parse(text: str, local_start: datetime, zone: ZoneInfo):
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[len("RRULE:") :]
    if not value or any(char in value for char in "\r\n:"):
        raise ValidationError("That repeat rule can't be read.", code="invalid_rrule")
    parts = {part.split("=", 1)[0].upper() for part in value.split(";") if part}
    if parts - ALLOWED_PARTS:
        raise ValidationError(
            "That repeat rule uses parts we don't support: "
            f"{', '.join(sorted(parts - ALLOWED_PARTS))}.",
            code="unsupported_rrule",
        )
    if {"BYDAY", "BYMONTHDAY"} <= parts:
        raise ValidationError(
            "A repeat can be on days of the week or dates of the month, not both.",
            code="unsupported_rrule",
        )
    if not parts & {"COUNT", "UNTIL"}:
        raise ValidationError(
            "This repeat never ends. Give a number of times or a last date.",
            code="never_ends",
        )
    # A UTC end (UNTIL=...Z) becomes a wall-clock end, as the rule is expanded on those.
    value = _UTC_UNTIL.sub(lambda match: "UNTIL=" + _utc_to_local(match.group(1), zone), value)
    try:
        rule = rrulestr(value, dtstart=local_start)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ValidationError("That repeat rule can't be read.", code="invalid_rrule") from error
    if rule._freq > DAILY:
        raise ValidationError("A meeting can repeat at most once a day.", code="too_frequent")
    if rule._freq < MONTHLY or rule._interval > MAX_INTERVAL:
        raise ValidationError(
            "A meeting must repeat at least every six weeks or six months.", code="too_rare"
        )
    return rule


def _utc_to_local(stamp: str, zone: ZoneInfo) -> str:
    moment = datetime.strptime(stamp, "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")
