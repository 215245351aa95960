"""Activity figures beside outcomes, for coordinators.
INTERFACE STUB: filled in by the reports work."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ActivityFigures:
    start: date
    end: date
    # SupportForm value -> distinct people supported in the period; None when suppressed.
    people_by_form: dict[str, int | None]
    meetings_held: int
    attendances: int | None  # people marked as attended, summed over meetings
    mean_attendance: float | None  # per meeting with attendance recorded
    matches_started: int
    matches_ended: int
    median_wait_days: float | None  # request to match, for matches started in the period
    people_waiting: int | None  # requests still waiting at the end of the period
    posts: int
    threads_started: int
    threads_replied_within_24h: float | None  # share of threads started, 0..1


def activity_figures(*, start: date, end: date) -> ActivityFigures:
    raise NotImplementedError
