"""Organisation reports: change from baseline to latest per measure, for coordinators.

A person's baseline is their first complete response to the measure, ever; their latest
is their last complete response in the period that came after the baseline. Every row
describing fewer than SUPPRESS_BELOW people shows no figures, and no report ever names
anyone or shows a single person's score (no minimum or maximum)."""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min
from django.utils import timezone

from alongside.outcomes.choices import ResponseStatus, SupportForm
from alongside.outcomes.models import CheckIn, Measure, Response

# Any cell describing fewer people than this is suppressed.
SUPPRESS_BELOW = 5
LONGEST_PERIOD_YEARS = 5
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

    @property
    def higher_is_better(self) -> bool:
        return self.measure.parsed.higher_is_better

    @property
    def summary(self) -> str:
        """The total in words, or "" when it is suppressed."""
        return change_in_words(self.measure, self.total)


# ---- the period -------------------------------------------------------------------------


def _as_date(value, name: str) -> date:
    label = "start" if name == "start" else "end"
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
        {name: [f"Enter a real {label} date, for example 2026-03-31 (year, month, day)."]}
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
        elif _years_later(start, LONGEST_PERIOD_YEARS) < end:
            errors["start"] = [
                f"A report can cover at most {LONGEST_PERIOD_YEARS} years. "
                "Choose a later start date."
            ]
    if errors:
        raise ValidationError(errors)
    return start, end


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last 12 months, to today."""
    today = today or timezone.localdate()
    start = _years_later(today, -1) + timedelta(days=1)
    return start, today


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start of `start`, start of the day after `end`) in the site timezone."""
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


# ---- quarters ---------------------------------------------------------------------------

_QUARTER_MONTHS = ("January to March", "April to June", "July to September", "October to December")


def _quarter_of(moment: datetime) -> tuple[int, int]:
    local = timezone.localtime(moment)
    return local.year, (local.month - 1) // 3 + 1


def quarter_key(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_label(year: int, quarter: int) -> str:
    return f"{_QUARTER_MONTHS[quarter - 1]} {year}"


# ---- the report -------------------------------------------------------------------------


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
        if person is None:
            person = people[member_id] = _Person(baseline=(completed_at, score))
            if completed_at >= since:
                person.answered = True
                person.answered_in.add(_quarter_of(completed_at))
            continue
        if completed_at < since:
            continue
        person.answered = True
        quarter = _quarter_of(completed_at)
        person.answered_in.add(quarter)
        if completed_at > person.baseline[0]:
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
        invited[member_id].add(_quarter_of(offered_at))
    return invited


def _reference_time(person: _Person | None, until: datetime) -> datetime:
    """Support counts if it began before their latest answer (or, for someone invited who
    gave none, before the period ended)."""
    if person is not None and person.latest is not None:
        return person.latest[0]
    return until


def _group_rows(member_ids, people, until, *, by_kind: bool) -> dict[int, dict[str, str]]:
    from alongside.groups.choices import MembershipStatus
    from alongside.groups.models import Membership

    found: dict[int, dict[str, str]] = defaultdict(dict)
    memberships = Membership.objects.filter(
        user_id__in=member_ids,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT, MembershipStatus.REMOVED],
        joined_at__isnull=False,
        joined_at__lt=until,
    ).values_list("user_id", "joined_at", "group_id", "group__kind", "group__name")
    for user_id, joined_at, group_id, kind, name in memberships.iterator(chunk_size=2000):
        if joined_at > _reference_time(people.get(user_id), until):
            continue
        if by_kind:
            found[user_id][kind] = SupportForm(kind).label
        else:
            found[user_id][f"group-{group_id}"] = name
    return found


def _form_rows(member_ids, people, until) -> dict[int, dict[str, str]]:
    from alongside.community.choices import ContentStatus
    from alongside.community.models import Post
    from alongside.matching.models import Match

    found = _group_rows(member_ids, people, until, by_kind=True)
    matches = Match.objects.filter(
        member_id__in=member_ids, activated_at__isnull=False, activated_at__lt=until
    ).values_list("member_id", "activated_at", "kind")
    for member_id, activated_at, kind in matches.iterator(chunk_size=2000):
        if activated_at <= _reference_time(people.get(member_id), until):
            found[member_id][kind] = SupportForm(kind).label
    first_posts = (
        Post.objects.filter(
            author_id__in=member_ids, status=ContentStatus.VISIBLE, created_at__lt=until
        )
        .values("author_id")
        .annotate(first=Min("created_at"))
        .values_list("author_id", "first")
    )
    for author_id, first in first_posts:
        if first < _reference_time(people.get(author_id), until):
            found[author_id][SupportForm.ONLINE_COMMUNITY] = SupportForm.ONLINE_COMMUNITY.label
    return found


def _topic_rows(member_ids) -> dict[int, dict[str, str]]:
    from alongside.accounts.models import Profile

    found: dict[int, dict[str, str]] = defaultdict(dict)
    topics = Profile.topics.through.objects.filter(profile__user_id__in=member_ids).values_list(
        "profile__user_id", "topic__slug", "topic__name"
    )
    for user_id, slug, name in topics.iterator(chunk_size=2000):
        found[user_id][f"topic-{slug}"] = name
    return found


_FORM_ORDER = {value: index for index, value in enumerate(SupportForm.values)}


def _row_order(breakdown: str, key: str, label: str):
    if breakdown == Breakdown.FORM:
        return (_FORM_ORDER.get(key, 99), label)
    if breakdown == Breakdown.PERIOD:
        return (key, "")
    return (label.casefold(), key)


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


def _build_row(key, label, pairs, invited, responded) -> ReportRow:
    """`pairs`: [(baseline score, latest score)] of the people in this row."""
    people = len(pairs)
    if people < SUPPRESS_BELOW:
        return ReportRow(key=key, label=label, suppressed=True)
    rate_shown = invited >= SUPPRESS_BELOW and responded >= SUPPRESS_BELOW
    changes = [latest - baseline for baseline, latest in pairs]
    interval = confidence_interval(changes)
    return ReportRow(
        key=key,
        label=label,
        suppressed=False,
        people=people,
        invited=invited if rate_shown else None,
        responded=responded if rate_shown else None,
        response_rate=responded / invited if rate_shown else None,
        baseline_mean=_rounded(statistics.fmean(float(b) for b, _ in pairs)),
        latest_mean=_rounded(statistics.fmean(float(latest) for _, latest in pairs)),
        mean_change=_rounded(statistics.fmean(float(change) for change in changes)),
        ci_low=_rounded(interval[0]),
        ci_high=_rounded(interval[1]),
    )


def _suppress_complement(rows: list[ReportRow]) -> list[ReportRow]:
    """When exactly one row is suppressed, suppress the next smallest too, so it can't be
    worked out from the total."""
    suppressed = [row for row in rows if row.suppressed]
    if len(suppressed) != 1:
        return rows
    shown = [row for row in rows if not row.suppressed]
    if not shown:
        return rows
    smallest = min(shown, key=lambda row: (row.people, row.key))
    return [
        ReportRow(key=row.key, label=row.label, suppressed=True) if row is smallest else row
        for row in rows
    ]


def outcome_report(
    *, measure: Measure, start: date, end: date, breakdown: str = Breakdown.EVERYONE
) -> OutcomeReport:
    if breakdown not in Breakdown.values:
        raise ValueError(f"Unknown breakdown {breakdown!r}")
    since, until = period_bounds(start, end)
    people = _people(measure, since, until)
    invitations = _invitations(since, until)
    with_change = {member_id for member_id, person in people.items() if person.latest}

    def pairs_of(member_ids, quarter=None):
        pairs = []
        for member_id in member_ids:
            person = people.get(member_id)
            if person is None:
                continue
            latest = person.latest_by_quarter.get(quarter) if quarter else person.latest
            if latest is not None:
                pairs.append((person.baseline[1], latest[1]))
        return pairs

    def responded_of(member_ids, quarter=None):
        count = 0
        for member_id in member_ids:
            person = people.get(member_id)
            if person is not None and (
                person.answered if quarter is None else quarter in person.answered_in
            ):
                count += 1
        return count

    everyone_invited = set(invitations)
    total = _build_row(
        Breakdown.EVERYONE.value,
        "Everyone",
        pairs_of(with_change),
        len(everyone_invited),
        responded_of(everyone_invited),
    )
    if not with_change:
        return OutcomeReport(
            measure=measure,
            start=start,
            end=end,
            breakdown=breakdown,
            total=total,
            empty_message=_empty_message(measure, start, end, people),
        )

    rows = []
    if breakdown == Breakdown.PERIOD:
        quarters = set()
        for member_id in with_change:
            quarters.update(people[member_id].latest_by_quarter)
        for year, number in sorted(quarters):
            quarter = (year, number)
            in_quarter = {m for m in with_change if quarter in people[m].latest_by_quarter}
            invited = {m for m, asked in invitations.items() if quarter in asked}
            rows.append(
                _build_row(
                    quarter_key(year, number),
                    quarter_label(year, number),
                    pairs_of(in_quarter, quarter),
                    len(invited),
                    responded_of(invited, quarter),
                )
            )
    elif breakdown != Breakdown.EVERYONE:
        considered = with_change | everyone_invited
        if breakdown == Breakdown.FORM:
            belongs = _form_rows(considered, people, until)
        elif breakdown == Breakdown.GROUP:
            belongs = _group_rows(considered, people, until, by_kind=False)
        else:
            belongs = _topic_rows(considered)
        members_of: dict[str, set] = defaultdict(set)
        labels: dict[str, str] = {}
        for member_id, keys in belongs.items():
            for key, label in keys.items():
                members_of[key].add(member_id)
                labels[key] = label
        for key in sorted(members_of, key=lambda k: _row_order(breakdown, k, labels[k])):
            members = members_of[key]
            changed = members & with_change
            if not changed:
                continue
            invited = members & everyone_invited
            rows.append(
                _build_row(key, labels[key], pairs_of(changed), len(invited), responded_of(invited))
            )
    return OutcomeReport(
        measure=measure,
        start=start,
        end=end,
        breakdown=breakdown,
        total=total,
        rows=_suppress_complement(rows),
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
