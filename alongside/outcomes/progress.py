"""A member's own progress on each measure: the words that sum it up and the geometry of
the line chart drawn on the server. Pure functions of the scores: nothing here reads the
database, so it is tested without one."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.dateformat import format as format_date

from alongside.outcomes.definitions import Definition

# The chart's own coordinate system; the SVG scales to its container through its viewBox.
WIDTH = 640
HEIGHT = 320
MARGIN_LEFT = 64
MARGIN_RIGHT = 24
MARGIN_TOP = 16
MARGIN_BOTTOM = 64
MIN_LABEL_GAP = 80  # x distance between two date labels, so that they never overlap
MAX_Y_TICKS = 8


@dataclass(frozen=True)
class Answer:
    """One complete response, as the progress page shows it."""

    when: datetime
    score: Decimal
    raw: int
    occasion: str  # in words


@dataclass(frozen=True)
class Tick:
    position: float  # x for the date axis, y for the score axis
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    points: tuple[Point, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def line(self) -> str:
        """The polyline's `points` attribute."""
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def x_axis_label_y(self) -> float:
        return self.height - 12

    @property
    def y_axis_label_x(self) -> float:
        return 16

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        return (self.top + self.bottom) / 2


def number_words(value: Decimal, decimals: int = 1) -> str:
    """A number as people write it: at most one decimal place, no trailing zeros
    (4, 1.5, 2.86 -> "2.9")."""
    places = min(max(decimals, 0), 1)
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _points_words(amount: str) -> str:
    return f"{amount} point" if amount == "1" else f"{amount} points"


def _local(when: datetime) -> datetime:
    return timezone.localtime(when) if timezone.is_aware(when) else when


def _since_words(first: datetime, latest: datetime, *, now: datetime) -> str:
    """ "March", "March 2025", or "3 March" when both answers are in the same month."""
    first, latest = _local(first), _local(latest)
    recent = now - first <= timedelta(days=365)
    same_month = (first.year, first.month) == (latest.year, latest.month)
    if same_month:
        return format_date(first, "j F" if recent else "j F Y")
    return format_date(first, "F" if recent else "F Y")


def better_words(definition: Definition) -> str:
    """Which way is better, for a measure where a lower score is better: the measure's own
    words where its description has them ("A lower score means feeling lonely less often.")."""
    found = re.search(r"\bA lower score means ([^.]+)\.", definition.about)
    if found:
        return f"lower means {found.group(1).strip()}"
    return "a lower score is better"


def summary_words(
    definition: Definition, answers: list[Answer], *, now: datetime | None = None
) -> str:
    """The plain-words summary above the chart: the first complete answer against the latest."""
    if not answers:
        return ""
    now = now or timezone.now()
    name = definition.score_name
    first, latest = answers[0], answers[-1]
    if len(answers) == 1:
        when = format_date(_local(first.when), "j F Y")
        return (
            f"You've checked in once so far, on {when}. "
            "Your next answers will show how things change."
        )
    since = _since_words(first.when, latest.when, now=now)
    change = Decimal(latest.score) - Decimal(first.score)
    amount = number_words(abs(change), definition.decimals)
    if change == 0:
        sentence = f"Your {name} has stayed the same since {since}"
    elif amount == "0":
        sentence = f"Your {name} has stayed about the same since {since}"
    else:
        direction = "gone up" if change > 0 else "gone down"
        sentence = f"Your {name} has {direction} by {_points_words(amount)} since {since}"
    if not definition.higher_is_better:
        sentence += f" ({better_words(definition)})"
    return sentence[0].upper() + sentence[1:] + "."


def _nice_step(span: Decimal) -> Decimal:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= MAX_Y_TICKS:
            return Decimal(step)
    return span


def y_tick_values(low: Decimal, high: Decimal) -> list[Decimal]:
    """The score axis's labelled values: both ends of the range, and round numbers between
    them that aren't crowding an end."""
    low, high = Decimal(low), Decimal(high)
    if high <= low:
        return [low]
    step = _nice_step(high - low)
    values = [low]
    value = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step + step
    while value < high:
        if value - low >= step / 2 and high - value >= step / 2:
            values.append(value)
        value += step
    values.append(high)
    return values


def _y_for(score: Decimal, low: Decimal, high: Decimal, top: float, bottom: float) -> float:
    if high <= low:
        return (top + bottom) / 2
    share = float((Decimal(score) - low) / (high - low))
    share = min(max(share, 0.0), 1.0)  # a score outside the range stays on the chart
    return bottom - share * (bottom - top)


def _x_positions(days: list[date], left: float, right: float) -> list[float]:
    first, last = days[0], days[-1]
    span = (last - first).days
    if len(days) == 1:
        return [(left + right) / 2]
    if span == 0:  # several on one day: spread them out evenly
        return [left + (right - left) * index / (len(days) - 1) for index in range(len(days))]
    return [left + (right - left) * (day - first).days / span for day in days]


def _date_label(day: date, *, with_year: bool) -> str:
    return format_date(day, "j M Y" if with_year else "j M")


def chart_for(definition: Definition, answers: list[Answer]) -> Chart:
    """Where everything goes on the line chart of these answers (oldest first)."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    low, high = definition.score_range
    y_ticks = tuple(
        Tick(position=_y_for(value, low, high, top, bottom), label=number_words(value, 1))
        for value in y_tick_values(low, high)
    )
    days = [_local(answer.when).date() for answer in answers]
    xs = _x_positions(days, left, right) if answers else []
    with_year = len({day.year for day in days}) > 1
    points = []
    for answer, day, x in zip(answers, days, xs, strict=True):
        score = number_words(answer.score, definition.decimals)
        points.append(
            Point(
                x=x,
                y=_y_for(answer.score, low, high, top, bottom),
                title=f"{format_date(day, 'j F Y')}: {score}",
            )
        )
    x_ticks = []
    for index, (day, x) in enumerate(zip(days, xs, strict=True)):
        is_last = index == len(days) - 1
        if x_ticks and x - x_ticks[-1].position < MIN_LABEL_GAP:
            if not is_last:
                continue
            x_ticks.pop()  # the latest date matters more than the one before it
            if x_ticks and x - x_ticks[-1].position < MIN_LABEL_GAP:
                x_ticks.pop()
        x_ticks.append(Tick(position=x, label=_date_label(day, with_year=with_year)))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        y_ticks=y_ticks,
        x_ticks=tuple(x_ticks),
        points=tuple(points),
    )


@dataclass(frozen=True)
class MeasureProgress:
    """Everything the progress page shows about one measure."""

    key: str
    definition: Definition
    answers: tuple[Answer, ...]
    summary: str
    chart: Chart

    @property
    def shows_raw(self) -> bool:
        """Whether the raw score differs from the score anywhere (a converted measure)."""
        return any(Decimal(answer.raw) != answer.score for answer in self.answers)

    @property
    def title(self) -> str:
        name = self.definition.score_name
        return f"Your {name} over time"


def progress_of(responses, *, now: datetime | None = None) -> list[MeasureProgress]:
    """One MeasureProgress per measure, in the order given, from a member's complete
    responses (ordered by measure, then oldest first)."""
    grouped: dict[str, tuple[Definition, list[Answer]]] = {}
    for response in responses:
        key = response.measure.key
        if key not in grouped:
            grouped[key] = (response.measure.parsed, [])
        _, answers = grouped[key]
        answers.append(
            Answer(
                when=response.completed_at,
                score=Decimal(response.score),
                raw=response.raw_score,
                occasion=response.check_in.get_occasion_display(),
            )
        )
    result = []
    for key, (definition, answers) in grouped.items():
        answers.sort(key=lambda answer: answer.when)
        result.append(
            MeasureProgress(
                key=key,
                definition=definition,
                answers=tuple(answers),
                summary=summary_words(definition, answers, now=now),
                chart=chart_for(definition, answers),
            )
        )
    return result
