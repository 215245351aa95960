"""Weekly availability: a list of times, each {"day": "tue", "start": "18:00", "end": "20:00"}.

Times are on the hour or half hour; "24:00" means midnight at the end of the day. Two times
on one day may not overlap. `clean_availability` turns what was typed (a form, the API)
into that list or raises ValidationError with a message that says what to fix; matching
works on `half_hours`, the set of half-hour blocks of the week, numbered 0 to 335.
"""

from dataclasses import dataclass
from itertools import pairwise

from django.core.exceptions import ValidationError

from alongside.accounts.choices import Day, DayPart

BLOCKS_PER_DAY = 48
BLOCKS_PER_WEEK = 7 * BLOCKS_PER_DAY
DAYS = list(Day.values)
MAX_TIMES = 21

# A profile's day parts, as times (for pre-filling from the profile).
DAY_PART_TIMES = {
    DayPart.MORNING: ("09:00", "12:00"),
    DayPart.AFTERNOON: ("12:00", "17:00"),
    DayPart.EVENING: ("17:00", "21:00"),
}

TIME_CHOICES = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)] + ["24:00"]


@dataclass(frozen=True, slots=True)
class WeeklyTime:
    day: str
    start: str
    end: str

    def as_dict(self) -> dict:
        return {"day": self.day, "start": self.start, "end": self.end}

    @property
    def label(self) -> str:
        return f"{Day(self.day).label} {self.start} to {self.end}"

    @property
    def blocks(self) -> range:
        base = DAYS.index(self.day) * BLOCKS_PER_DAY
        return range(base + _block(self.start), base + _block(self.end))


def _block(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 2 + int(minutes) // 30


def _check_time(value, which: str, position: int) -> str:
    if not isinstance(value, str) or value not in TIME_CHOICES:
        raise ValidationError(
            f"Time {position}: give the {which} time on the hour or half hour, "
            "as hours and minutes like 18:00 or 18:30."
        )
    return value


def clean_availability(items, *, required: bool = True) -> list[dict]:
    """The weekly times in `items` (dicts with day, start and end), checked, sorted and
    ready to store. Raises ValidationError saying which time is wrong and how."""
    if not isinstance(items, list | tuple):
        raise ValidationError("Give your availability as a list of days and times.")
    if required and not items:
        raise ValidationError("Add at least one day and time when you're free.")
    if len(items) > MAX_TIMES:
        raise ValidationError(f"Give {MAX_TIMES} times or fewer.")
    times = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValidationError(f"Time {position}: give a day, a start time and an end time.")
        day = item.get("day")
        if day not in DAYS:
            raise ValidationError(f"Time {position}: choose a day of the week.")
        start = _check_time(item.get("start"), "start", position)
        end = _check_time(item.get("end"), "end", position)
        if _block(end) <= _block(start):
            raise ValidationError(
                f"Time {position} ({Day(day).label}) ends at {end}, before it starts at "
                f"{start}. Make the end time later than the start time."
            )
        times.append(WeeklyTime(day, start, end))
    times.sort(key=lambda t: (DAYS.index(t.day), t.start))
    for earlier, later in pairwise(times):
        if earlier.day == later.day and _block(later.start) < _block(earlier.end):
            raise ValidationError(
                f"{earlier.label} and {later.label} overlap. Join them into one time or "
                "change one of them."
            )
    return [t.as_dict() for t in times]


def weekly_times(stored: list[dict]) -> list[WeeklyTime]:
    return [WeeklyTime(t["day"], t["start"], t["end"]) for t in stored]


def half_hours(stored: list[dict]) -> set[int]:
    """The half-hour blocks of the week covered by stored availability."""
    return {block for t in weekly_times(stored) for block in t.blocks}


def from_day_parts(slots: list[str]) -> list[dict]:
    """A profile's day-part slots ("tue_evening") as weekly times, for pre-filling."""
    times = []
    for slot in slots:
        day, part = slot.split("_", 1)
        start, end = DAY_PART_TIMES[DayPart(part)]
        times.append({"day": day, "start": start, "end": end})
    return clean_availability(_join_touching(times), required=False)


def _join_touching(times: list[dict]) -> list[dict]:
    joined: list[dict] = []
    for t in sorted(times, key=lambda t: (DAYS.index(t["day"]), t["start"])):
        if joined and joined[-1]["day"] == t["day"] and joined[-1]["end"] == t["start"]:
            joined[-1] = {**joined[-1], "end": t["end"]}
        else:
            joined.append(dict(t))
    return joined


def describe_blocks(blocks: set[int]) -> list[str]:
    """Half-hour blocks as plain words, one per run: ["Tuesday 18:00 to 20:00"]."""
    labels = []
    ordered = sorted(blocks)
    run_start = None
    for index, block in enumerate(ordered):
        if run_start is None:
            run_start = block
        next_block = ordered[index + 1] if index + 1 < len(ordered) else None
        ends_run = next_block != block + 1 or (block + 1) % BLOCKS_PER_DAY == 0
        if ends_run:
            day = DAYS[run_start // BLOCKS_PER_DAY]
            start = _time(run_start % BLOCKS_PER_DAY)
            end = _time(block % BLOCKS_PER_DAY + 1)
            labels.append(WeeklyTime(day, start, end).label)
            run_start = None
    return labels


def _time(block_of_day: int) -> str:
    return f"{block_of_day // 2:02d}:{(block_of_day % 2) * 30:02d}"
