"""The period of a coordinator's report: checking it, its bounds in the site's timezone,
its quarters, and how it reads in words."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

LONGEST_PERIOD_YEARS = 5

_QUARTER_MONTHS = ("January to March", "April to June", "July to September", "October to December")


def _as_date(value, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(
        {name: [f"Enter a real {name} date, for example 2026-03-31 (year, month, day)."]}
    )


def clean_period(start, end) -> tuple[date, date]:
    """Check a report period; raise ValidationError({"start"|"end": [message]})."""
    errors = {}
    parsed = {}
    for name, value in (("start", start), ("end", end)):
        try:
            parsed[name] = _as_date(value, name)
        except ValidationError as error:
            errors.update(error.message_dict)
    today = timezone.localdate()
    start, end = parsed.get("start"), parsed.get("end")
    if start and start > today:
        errors["start"] = ["The start date can't be in the future."]
    if end and end > today:
        errors["end"] = ["The end date can't be in the future."]
    if start and end and not errors:
        if start > end:
            errors["end"] = ["The end date must be the same as or after the start date."]
        elif years_later(start, LONGEST_PERIOD_YEARS) < end:
            errors["start"] = [
                f"A report can cover at most {LONGEST_PERIOD_YEARS} years. "
                "Choose a later start date."
            ]
    if errors:
        raise ValidationError(errors)
    return start, end


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last 12 months, to today."""
    today = today or timezone.localdate()
    return years_later(today, -1) + timedelta(days=1), today


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start of `start`, start of the day after `end`) in the site timezone, so a day
    means the day as people here live it (British Summer Time included)."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def format_day(day: date, *, with_year: bool = True) -> str:
    text = f"{day.day} {day.strftime('%B')}"
    return f"{text} {day.year}" if with_year else text


def format_period(start: date, end: date) -> str:
    return f"{format_day(start, with_year=start.year != end.year)} and {format_day(end)}"


def quarter_of(moment: datetime) -> tuple[int, int]:
    """(year, quarter 1..4) of a moment, in the site timezone."""
    local = timezone.localtime(moment)
    return local.year, (local.month - 1) // 3 + 1


def quarter_key(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_label(year: int, quarter: int) -> str:
    return f"{_QUARTER_MONTHS[quarter - 1]} {year}"
