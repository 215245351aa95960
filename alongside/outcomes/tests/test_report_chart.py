"""The report chart's geometry: a pure function of the rows."""

from decimal import Decimal
from itertools import pairwise

import pytest

from alongside.outcomes.report_chart import report_chart
from alongside.outcomes.reports import ReportRow


def row(change: str, low: str, high: str) -> ReportRow:
    return ReportRow(
        key="all",
        label="Everyone",
        suppressed=False,
        people=12,
        mean_change=Decimal(change),
        ci_low=Decimal(low),
        ci_high=Decimal(high),
    )


@pytest.mark.parametrize(
    ("change", "low", "high"),
    [("0.4", "-0.2", "1.0"), ("2.1", "1.2", "3.0"), ("-3.5", "-7.9", "0.4"), ("12", "4", "30")],
)
def test_every_axis_label_is_the_value_it_marks(change, low, high):
    chart = report_chart([row(change, low, high)])

    steps = [Decimal(tick.text) for tick in chart.ticks]
    gaps = {later - earlier for earlier, later in pairwise(steps)}
    assert len(gaps) == 1  # evenly spaced, as the ticks are drawn
    xs = [tick.x for tick in chart.ticks]
    assert xs == sorted(xs)
    assert steps[0] <= Decimal(low) and steps[-1] >= Decimal(high)
