"""Organisation reports: change from baseline to latest per measure, for coordinators.

A person's baseline is their first complete response to the measure, ever; their latest
is their last complete response in the period that came after the baseline. Cells are
hidden by the rules in disclosure.py (fewer than SUPPRESS_BELOW people, or a figure that
could be worked out by subtraction), and no report ever names anyone or shows a single
person's score (no minimum or maximum)."""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from alongside.outcomes.choices import ResponseStatus, SupportForm
from alongside.outcomes.disclosure import SUPPRESS_BELOW, cells_to_show
from alongside.outcomes.models import CheckIn, Measure, Response
from alongside.outcomes.report_period import (  # noqa: F401 (the reports' public names)
    LONGEST_PERIOD_YEARS,
    clean_period,
    default_period,
    format_period,
    period_bounds,
    quarter_key,
    quarter_label,
    quarter_of,
)
from alongside.outcomes.report_rows import groups_of, support_forms_of, topics_of

ONE_PLACE = Decimal("0.1")


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
    suppressed: bool  # too few people, or could be worked out: every figure below is None
    people: int | None = None  # with a baseline and a later answer in the period
    invited: int | None = None  # people offered a check-in in the period (None: hidden)
    responded: int | None = None  # of those, people who completed this measure
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

    @property
    def higher_is_better(self) -> bool:
        return self.measure.parsed.higher_is_better

    @property
    def summary(self) -> str:
        """The total in words, or "" when it is suppressed."""
        return change_in_words(self.measure, self.total)


# ---- who answered and who was asked -----------------------------------------------------


@dataclass
class _Person:
    baseline: tuple[datetime, Decimal]
    latest: tuple[datetime, Decimal] | None = None
    # quarter -> their latest answer in that quarter (for the period breakdown)
    latest_by_quarter: dict = field(default_factory=dict)
    answered_in: set = field(default_factory=set)  # quarters they completed one in
    answered: bool = False  # completed one in the period at all


def _people(measure: Measure, since: datetime, until: datetime) -> dict[int, _Person]:
    """Everyone with a complete response before the period ended, with their baseline and
    latest answers. One query; scores stay in this function's data, never logged."""
    rows = (
        Response.objects.filter(
            measure=measure, status=ResponseStatus.COMPLETE, completed_at__lt=until
        )
        .order_by("member_id", "completed_at", "id")
        .values_list("member_id", "completed_at", "score")
    )
    people: dict[int, _Person] = {}
    for member_id, completed_at, score in rows.iterator(chunk_size=2000):
        person = people.get(member_id)
        is_baseline = person is None
        if is_baseline:
            person = people[member_id] = _Person(baseline=(completed_at, score))
        if completed_at < since:
            continue
        quarter = quarter_of(completed_at)
        person.answered = True
        person.answered_in.add(quarter)
        if not is_baseline and completed_at > person.baseline[0]:
            person.latest = (completed_at, score)
            person.latest_by_quarter[quarter] = (completed_at, score)
    return people


def _invitations(since: datetime, until: datetime) -> dict[int, set]:
    """member -> the quarters they were offered a check-in in, within the period."""
    invited: dict[int, set] = defaultdict(set)
    offered = CheckIn.objects.filter(offered_at__gte=since, offered_at__lt=until).values_list(
        "member_id", "offered_at"
    )
    for member_id, offered_at in offered.iterator(chunk_size=2000):
        invited[member_id].add(quarter_of(offered_at))
    return invited


_FORM_ORDER = {value: index for index, value in enumerate(SupportForm.values)}


def _row_order(breakdown: str, key: str, label: str):
    if breakdown == Breakdown.FORM:
        return (_FORM_ORDER.get(key, 99), label)
    if breakdown == Breakdown.PERIOD:
        return (key, "")
    return (label.casefold(), key)


# ---- cells: the people a row describes, before anything is hidden ----------------------


@dataclass
class _Cell:
    key: str
    label: str
    changes: dict[int, tuple[Decimal, Decimal]]  # member -> (baseline score, latest score)
    invited: set[int]
    responded: set[int]  # the invited who completed this measure in the period (or quarter)


def _total_cell(people: dict[int, _Person], invitations: dict[int, set]) -> _Cell:
    return _Cell(
        key=Breakdown.EVERYONE.value,
        label="Everyone",
        changes={m: (p.baseline[1], p.latest[1]) for m, p in people.items() if p.latest},
        invited=set(invitations),
        responded={m for m in invitations if m in people and people[m].answered},
    )


def _quarter_cells(people, invitations) -> list[_Cell]:
    quarters = set()
    for person in people.values():
        quarters.update(person.latest_by_quarter)
    cells = []
    for quarter in sorted(quarters):
        invited = {member for member, asked in invitations.items() if quarter in asked}
        cells.append(
            _Cell(
                key=quarter_key(*quarter),
                label=quarter_label(*quarter),
                changes={
                    member: (person.baseline[1], person.latest_by_quarter[quarter][1])
                    for member, person in people.items()
                    if quarter in person.latest_by_quarter
                },
                invited=invited,
                responded={m for m in invited if m in people and quarter in people[m].answered_in},
            )
        )
    return cells


def _belonging_cells(breakdown, total: _Cell, people, until) -> list[_Cell]:
    considered = set(total.changes) | total.invited
    reference = {member: person.latest[0] for member, person in people.items() if person.latest}
    if breakdown == Breakdown.FORM:
        belongs = support_forms_of(considered, reference, until)
    elif breakdown == Breakdown.GROUP:
        belongs = groups_of(considered, reference, until, by_kind=False)
    else:
        belongs = topics_of(considered)
    members_of: dict[str, set] = defaultdict(set)
    labels: dict[str, str] = {}
    for member_id, keys in belongs.items():
        for key, label in keys.items():
            members_of[key].add(member_id)
            labels[key] = label
    cells = []
    for key in sorted(members_of, key=lambda k: _row_order(breakdown, k, labels[k])):
        members = members_of[key]
        changes = {m: pair for m, pair in total.changes.items() if m in members}
        if changes:
            cells.append(
                _Cell(key, labels[key], changes, members & total.invited, members & total.responded)
            )
    return cells


# ---- figures ----------------------------------------------------------------------------


def _rounded(value: float) -> Decimal:
    rounded = Decimal(str(value)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else Decimal("0.0")  # never "-0.0"


def confidence_interval(changes: list) -> tuple[float, float] | None:
    """The 95% confidence interval of the mean of `changes`, by the t distribution."""
    from scipy.stats import t

    n = len(changes)
    if n < 2:
        return None
    values = [float(change) for change in changes]
    mean = statistics.fmean(values)
    half = float(t.ppf(0.975, n - 1)) * statistics.stdev(values) / math.sqrt(n)
    return mean - half, mean + half


def _build_row(cell: _Cell, *, shown: bool, rate_shown: bool) -> ReportRow:
    if not shown:
        return ReportRow(key=cell.key, label=cell.label, suppressed=True)
    pairs = list(cell.changes.values())
    changes = [latest - baseline for baseline, latest in pairs]
    low, high = confidence_interval(changes)
    return ReportRow(
        key=cell.key,
        label=cell.label,
        suppressed=False,
        people=len(pairs),
        invited=len(cell.invited) if rate_shown else None,
        responded=len(cell.responded) if rate_shown else None,
        response_rate=len(cell.responded) / len(cell.invited) if rate_shown else None,
        baseline_mean=_rounded(statistics.fmean(float(b) for b, _ in pairs)),
        latest_mean=_rounded(statistics.fmean(float(latest) for _, latest in pairs)),
        mean_change=_rounded(statistics.fmean(float(change) for change in changes)),
        ci_low=_rounded(low),
        ci_high=_rounded(high),
    )


def _all_tables(total: _Cell, people, invitations, until) -> dict[str, list[_Cell]]:
    """Every breakdown's cells: which rows may show depends on all the tables a
    coordinator could ask for, not just the one asked for now."""
    if not total.changes:
        return {}
    tables = {
        breakdown: _belonging_cells(breakdown, total, people, until)
        for breakdown in (Breakdown.FORM, Breakdown.GROUP, Breakdown.TOPIC)
    }
    tables[Breakdown.PERIOD] = _quarter_cells(people, invitations)
    return tables


def _rates_to_show(total: _Cell, tables: list[list[_Cell]], shown: set[str]) -> set[str]:
    """Rows (the total as "all") whose response rate may be shown: at least
    SUPPRESS_BELOW people responded, none or at least SUPPRESS_BELOW didn't, and neither
    count can be worked out from the others."""
    responders = cells_to_show(
        total.responded, *({cell.key: cell.responded for cell in table} for table in tables)
    )
    silent = cells_to_show(
        total.invited - total.responded,
        *({cell.key: cell.invited - cell.responded for cell in table} for table in tables),
    )
    return {
        cell.key
        for cell in [total, *(cell for table in tables for cell in table)]
        if cell.key in shown and cell.key in responders and cell.key in silent
        if len(cell.responded) >= SUPPRESS_BELOW
    }


def outcome_report(
    *, measure: Measure, start: date, end: date, breakdown: str = Breakdown.EVERYONE
) -> OutcomeReport:
    if breakdown not in Breakdown.values:
        raise ValueError(f"Unknown breakdown {breakdown!r}")
    since, until = period_bounds(start, end)
    people = _people(measure, since, until)
    invitations = _invitations(since, until)
    total = _total_cell(people, invitations)
    tables = _all_tables(total, people, invitations, until)
    shown = cells_to_show(
        set(total.changes),
        *({cell.key: set(cell.changes) for cell in table} for table in tables.values()),
    )
    total_shown = len(total.changes) >= SUPPRESS_BELOW
    if total_shown:
        shown.add(total.key)
    rates = _rates_to_show(total, [[total], *tables.values()], shown)
    return OutcomeReport(
        measure=measure,
        start=start,
        end=end,
        breakdown=breakdown,
        total=_build_row(total, shown=total_shown, rate_shown=total.key in rates),
        rows=[
            _build_row(cell, shown=cell.key in shown, rate_shown=cell.key in rates)
            for cell in tables.get(breakdown, [])
        ],
        empty_message="" if total.changes else _empty_message(measure, start, end, people),
    )


def _empty_message(measure: Measure, start: date, end: date, people) -> str:
    name = measure.parsed.short_name or measure.name
    between = format_period(start, end)
    if any(person.answered for person in people.values()):
        return (
            f"Everyone who answered the {name} questions between {between} was answering "
            "them for the first time, so there's no change to show yet. Try a later end date "
            "or a longer period."
        )
    return (
        f"No one completed the {name} questions between {between}, so there's no change "
        "to show. Try a longer period."
    )


# ---- words ------------------------------------------------------------------------------


def change_in_words(measure: Measure, row: ReportRow) -> str:
    """ "On average, wellbeing scores went up by 2.1 points (95% confidence interval 1.2
    to 3.0) for 48 people." — or "" for a suppressed row."""
    if row.suppressed or row.mean_change is None:
        return ""
    definition = measure.parsed
    noun = definition.score_name or "score"
    change = row.mean_change
    if change == 0:
        movement = f"{noun}s stayed the same"
    else:
        direction = "up" if change > 0 else "down"
        size = abs(change)
        points = "point" if size == 1 else "points"
        movement = f"{noun}s went {direction} by {size} {points}"
    return (
        f"On average, {movement} (95% confidence interval {row.ci_low} to {row.ci_high}) "
        f"for {row.people} people."
    )


def direction_in_words(measure: Measure) -> str:
    definition = measure.parsed
    noun = definition.score_name or "score"
    if definition.higher_is_better:
        return f"A higher {noun} is better, so a positive change is an improvement."
    return f"A lower {noun} is better, so a negative change (going down) is an improvement."
