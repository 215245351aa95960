"""Organisation reports: change from baseline to latest per measure, for coordinators.
INTERFACE STUB: filled in by the reports work."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import models

from alongside.outcomes.models import Measure

# Any cell describing fewer people than this is suppressed.
SUPPRESS_BELOW = 5


class Breakdown(models.TextChoices):
    EVERYONE = "all", "Everyone"
    FORM = "form", "Form of support"
    GROUP = "group", "Group"
    TOPIC = "topic", "Topic"
    PERIOD = "period", "Quarter"


@dataclass(frozen=True)
class ReportRow:
    key: str  # stable: "all", "support", "group-12", "topic-anxiety", "2026-Q1"
    label: str
    suppressed: bool  # fewer than SUPPRESS_BELOW people: every figure below is None
    people: int | None = None  # with a baseline and a later answer in the period
    invited: int | None = None  # people offered a check-in in the period
    responded: int | None = None  # of those, people who completed one
    response_rate: float | None = None  # responded / invited, 0..1
    baseline_mean: Decimal | None = None
    latest_mean: Decimal | None = None
    mean_change: Decimal | None = None
    ci_low: Decimal | None = None  # 95% confidence interval of the mean change
    ci_high: Decimal | None = None


@dataclass(frozen=True)
class OutcomeReport:
    measure: Measure
    start: date
    end: date
    breakdown: str
    total: ReportRow
    rows: list[ReportRow] = field(default_factory=list)
    # Plain words when there is nothing to show ("No one completed ... between ..."), else "".
    empty_message: str = ""


def clean_period(start, end) -> tuple[date, date]:
    """Check a report period; raise ValidationError({"start"|"end": [message]})."""
    raise NotImplementedError


def outcome_report(
    *, measure: Measure, start: date, end: date, breakdown: str = Breakdown.EVERYONE
) -> OutcomeReport:
    raise NotImplementedError
