"""What the finder found: ranked options across every form of support, each with the
reasons it fits and what would not, in plain words."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models


class OptionKind(models.TextChoices):
    GROUP = "group", "Group"
    MENTORING = "mentoring", "Mentoring"
    BEFRIENDING = "befriending", "Befriending"
    SPACE = "space", "Online community"


@dataclass(frozen=True)
class NextMeeting:
    occurrence_id: int
    starts_at: datetime  # aware; show it in the meeting's own timezone
    timezone: str
    url: str


@dataclass(frozen=True)
class Option:
    kind: str  # OptionKind
    object_id: int | None  # the Group or Space; None for mentoring and befriending
    title: str
    url: str
    summary: str
    score: float  # higher is better; only for ordering
    fits: bool  # nothing they need is missing (no hard misfit)
    reasons: tuple[str, ...]  # why it fits: "meets on Tuesday evenings", "has a hearing loop"
    misfits: tuple[str, ...]  # what would not fit: "meets in the daytime"
    distance_km: float | None = None
    distance_text: str = ""  # "2 miles away", in their unit
    next_meetings: tuple[NextMeeting, ...] = ()
    waiting_text: str = ""  # mentoring and befriending: the current waiting time
    topic_ids: tuple[int, ...] = ()

    @property
    def reason_sentence(self) -> str:
        """The reasons as one sentence: "Meets on Tuesday evenings 2 miles away, has a
        hearing loop, focuses on bereavement."""
        if not self.reasons:
            return ""
        text = ", ".join(self.reasons)
        return text[0].upper() + text[1:] + "."


@dataclass(frozen=True)
class FinderResult:
    options: tuple[Option, ...]  # options that fit, best first
    # When few or none fit: the closest ones, each saying what doesn't fit.
    nearest: tuple[Option, ...]
    # When nothing fits: why, in plain words ("No group meets within 5 miles of Tenby").
    nothing_found_reason: str
    considered: int  # how many options were looked at
