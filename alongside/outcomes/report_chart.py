"""Geometry of the report chart: one horizontal bar per row for the mean change, with a
whisker for its 95% confidence interval, around a zero line. Drawn as SVG on the server;
the table beside it holds the same numbers."""

import math
from dataclasses import dataclass
from decimal import Decimal

from alongside.outcomes.progress import number_words
from alongside.outcomes.reports import ReportRow

WIDTH = 680
LABEL_WIDTH = 210
PLOT_LEFT = LABEL_WIDTH + 10
PLOT_RIGHT = WIDTH - 20
ROW_HEIGHT = 40
TOP = 10
AXIS_SPACE = 34
LABEL_MAX = 28


@dataclass(frozen=True)
class ChartBar:
    label: str
    value_text: str
    y: float  # top of the bar's band
    bar_x: float
    bar_width: float
    whisker_low: float
    whisker_high: float
    whisker_y: float
    label_y: float  # the label and the figures sit left of the plot, right-aligned
    value_y: float


@dataclass(frozen=True)
class ChartTick:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[ChartBar]
    ticks: list[ChartTick]
    zero_x: float
    plot_top: float
    plot_bottom: float
    axis_y: float
    label_x: int = LABEL_WIDTH
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT


def _nice_step(span: float) -> float:
    """About five steps of 1, 2 or 5 times a power of ten. The span is at least 1 (see
    report_chart), so every step is a multiple of 0.1 and its labels, written to one
    decimal place, are exact (a 0.25 step would be labelled 0.2, 0.5, 0.8)."""
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def report_chart(rows: list[ReportRow]) -> Chart | None:
    """The chart of the rows with figures (suppressed rows are left out), or None."""
    shown = [row for row in rows if not row.suppressed and row.mean_change is not None]
    if not shown:
        return None
    values = [0.0]
    for row in shown:
        values += [float(row.mean_change), float(row.ci_low), float(row.ci_high)]
    low, high = min(values), max(values)
    if high - low < 1:
        high, low = high + 0.5, low - 0.5
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step

    def x_of(value: float) -> float:
        return round(PLOT_LEFT + (value - low) / (high - low) * (PLOT_RIGHT - PLOT_LEFT), 1)

    zero_x = x_of(0.0)
    bars = []
    for index, row in enumerate(shown):
        y = TOP + index * ROW_HEIGHT
        mean_x = x_of(float(row.mean_change))
        low_x, high_x = x_of(float(row.ci_low)), x_of(float(row.ci_high))
        bars.append(
            ChartBar(
                label=_short(row.label),
                value_text=f"{number_words(row.mean_change)} ({number_words(row.ci_low)} "
                f"to {number_words(row.ci_high)})",
                y=y + 10,
                bar_x=min(zero_x, mean_x),
                bar_width=max(abs(mean_x - zero_x), 1.0),
                whisker_low=low_x,
                whisker_high=high_x,
                whisker_y=y + 20,
                label_y=y + 17,
                value_y=y + 33,
            )
        )
    plot_bottom = TOP + len(shown) * ROW_HEIGHT
    count = round((high - low) / step)
    ticks = [
        ChartTick(x=x_of(low + i * step), text=number_words(Decimal(str(low + i * step))))
        for i in range(count + 1)
    ]
    return Chart(
        width=WIDTH,
        height=plot_bottom + AXIS_SPACE,
        bars=bars,
        ticks=ticks,
        zero_x=zero_x,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        axis_y=plot_bottom + 18,
    )
