"""The words and the chart geometry of a member's progress (pure functions, no database)."""

import itertools
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from alongside.outcomes.definitions import parse_definition
from alongside.outcomes.progress import (
    HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MIN_LABEL_GAP,
    WIDTH,
    Answer,
    chart_for,
    number_words,
    summary_words,
    y_tick_values,
)

MEASURES = Path(__file__).resolve().parent.parent / "measures"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def definition(key):
    return parse_definition(json.loads((MEASURES / f"{key}.json").read_text()))


def answer(when, score, raw=None):
    return Answer(when=when, score=Decimal(str(score)), raw=raw or int(score), occasion="x")


def at(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "words"),
    [("4", "4"), ("4.00", "4"), ("1.5", "1.5"), ("1.50", "1.5"), ("2.86", "2.9"), ("0.04", "0")],
)
def test_numbers_in_words_have_at_most_one_decimal_and_no_trailing_zeros(value, words):
    assert number_words(Decimal(value), 2) == words


def test_whole_number_measures_round_to_whole_numbers():
    assert number_words(Decimal("2.5"), 0) == "3"


def test_wellbeing_gone_up_since_a_month_this_year():
    words = summary_words(
        definition("belonging"), [answer(at(2026, 3, 3), 5), answer(at(2026, 9, 1), 9)], now=NOW
    )
    assert words == "Your belonging score has gone up by 4 points since March."


def test_converted_score_gone_down_by_a_decimal():
    words = summary_words(
        definition("swemwbs"),
        [answer(at(2026, 3, 3), "21.54", 21), answer(at(2026, 6, 3), "20.04", 20)],
        now=NOW,
    )
    assert words == "Your wellbeing score has gone down by 1.5 points since March."


def test_older_answers_name_the_year():
    words = summary_words(
        definition("belonging"), [answer(at(2024, 3, 3), 6), answer(at(2026, 9, 1), 7)], now=NOW
    )
    assert words == "Your belonging score has gone up by 1 point since March 2024."


def test_same_month_names_the_day():
    words = summary_words(
        definition("belonging"), [answer(at(2026, 3, 3), 6), answer(at(2026, 3, 20), 6)], now=NOW
    )
    assert words == "Your belonging score has stayed the same since 3 March."


def test_lower_is_better_says_which_way_is_better():
    words = summary_words(
        definition("ucla3"), [answer(at(2026, 3, 3), 7), answer(at(2026, 8, 3), 5)], now=NOW
    )
    assert words == (
        "Your loneliness score has gone down by 2 points since March "
        "(lower means feeling lonely less often)."
    )


def test_one_answer_says_so():
    words = summary_words(definition("ucla3"), [answer(at(2026, 3, 3), 7)], now=NOW)
    assert words == (
        "You've checked in once so far, on 3 March 2026. "
        "Your next answers will show how things change."
    )


def test_no_answers_no_words():
    assert summary_words(definition("ucla3"), [], now=NOW) == ""


def test_y_ticks_include_both_ends_of_the_range():
    assert y_tick_values(Decimal(3), Decimal(9)) == [Decimal(n) for n in range(3, 10)]
    ticks = y_tick_values(Decimal("7.00"), Decimal("35.00"))
    assert ticks[0] == 7 and ticks[-1] == 35
    assert ticks == [7, 10, 15, 20, 25, 30, 35]


def test_chart_puts_the_range_ends_on_the_plot_edges():
    chart = chart_for(definition("ucla3"), [answer(at(2026, 1, 1), 3), answer(at(2026, 7, 1), 9)])
    first, last = chart.points
    assert (first.x, first.y) == (MARGIN_LEFT, HEIGHT - MARGIN_BOTTOM)
    assert (last.x, last.y) == (WIDTH - MARGIN_RIGHT, MARGIN_TOP)
    assert chart.view_box == f"0 0 {WIDTH} {HEIGHT}"
    assert chart.line == f"{first.x:.1f},{first.y:.1f} {last.x:.1f},{last.y:.1f}"
    assert first.title == "1 January 2026: 3"
    assert [tick.label for tick in chart.x_ticks] == ["1 Jan", "1 Jul"]


def test_points_are_placed_by_date_and_score():
    chart = chart_for(
        definition("belonging"),
        [answer(at(2026, 1, 1), 3), answer(at(2026, 1, 11), 6), answer(at(2026, 1, 21), 12)],
    )
    middle = chart.points[1]
    assert middle.x == pytest.approx((MARGIN_LEFT + WIDTH - MARGIN_RIGHT) / 2)
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    assert middle.y == pytest.approx(HEIGHT - MARGIN_BOTTOM - plot_height * 3 / 9)


def test_one_answer_sits_in_the_middle():
    chart = chart_for(definition("ucla3"), [answer(at(2026, 1, 1), 6)])
    assert chart.points[0].x == pytest.approx((MARGIN_LEFT + WIDTH - MARGIN_RIGHT) / 2)


def test_date_labels_never_crowd_and_the_latest_is_always_labelled():
    answers = [answer(at(2026, 1, day), 5) for day in range(1, 29)]
    chart = chart_for(definition("ucla3"), answers)
    positions = [tick.position for tick in chart.x_ticks]
    assert all(b - a >= MIN_LABEL_GAP for a, b in itertools.pairwise(positions))
    assert chart.x_ticks[-1].label == "28 Jan"


def test_labels_show_years_when_answers_span_years():
    chart = chart_for(definition("ucla3"), [answer(at(2025, 6, 1), 5), answer(at(2026, 6, 1), 4)])
    assert [tick.label for tick in chart.x_ticks] == ["1 Jun 2025", "1 Jun 2026"]


def test_a_score_outside_the_range_stays_on_the_chart():
    chart = chart_for(definition("ucla3"), [answer(at(2026, 1, 1), 99)])
    assert chart.points[0].y == MARGIN_TOP
