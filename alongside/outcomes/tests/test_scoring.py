"""Scoring each shipped measure against its published examples, and properties every
definition's scoring keeps. No database: definitions are plain data."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.outcomes.definitions import Definition, parse_definition

MEASURES = Path(__file__).resolve().parents[1] / "measures"


def shipped(key: str) -> Definition:
    return parse_definition(json.loads((MEASURES / f"{key}.json").read_text()))


SWEMWBS = shipped("swemwbs")
UCLA3 = shipped("ucla3")
BELONGING = shipped("belonging")
ALL = {"swemwbs": SWEMWBS, "ucla3": UCLA3, "belonging": BELONGING}


def answers_with_raw(definition: Definition, raw: int) -> dict:
    """Answers adding up to `raw`, filled from the first item."""
    low, high = min(definition.option_values), max(definition.option_values)
    answers, left = {}, raw - low * len(definition.items)
    for item in definition.items:
        extra = min(left, high - low)
        answers[item.key] = low + extra
        left -= extra
    assert left == 0
    return answers


def all_answered(definition: Definition, value: int) -> dict:
    return {item.key: value for item in definition.items}


# The Warwick-Edinburgh scoring guidance: SWEMWBS raw score to metric score.
@pytest.mark.parametrize(
    ("raw", "metric"),
    [
        (7, "7.00"),
        (8, "9.51"),
        (14, "15.32"),
        (21, "19.25"),
        (28, "25.03"),
        (34, "32.55"),
        (35, "35.00"),
    ],
)
def test_swemwbs_raw_scores_convert_to_the_published_metric_scores(raw, metric):
    result = SWEMWBS.score(answers_with_raw(SWEMWBS, raw))

    assert result.raw == raw
    assert result.score == Decimal(metric)
    assert str(result.score) == metric  # two decimal places, as published


def test_swemwbs_every_answer_none_of_the_time_is_the_lowest_score():
    assert SWEMWBS.label_for(1) == "None of the time"
    result = SWEMWBS.score(all_answered(SWEMWBS, 1))
    assert (result.raw, result.score) == (7, Decimal("7.00"))


def test_swemwbs_every_answer_all_of_the_time_is_the_highest_score():
    result = SWEMWBS.score(all_answered(SWEMWBS, 5))
    assert (result.raw, result.score) == (35, Decimal("35.00"))


def test_swemwbs_conversion_table_covers_every_raw_score_and_never_goes_down():
    assert sorted(SWEMWBS.conversion) == list(range(7, 36))
    metrics = [SWEMWBS.conversion[raw] for raw in range(7, 36)]
    assert metrics == sorted(metrics)
    assert SWEMWBS.wording_licensed
    assert all(item.text is None and item.topic for item in SWEMWBS.items)


@pytest.mark.parametrize(
    ("values", "expected"),
    [((1, 1, 1), 3), ((3, 3, 3), 9), ((1, 2, 3), 6), ((2, 2, 3), 7), ((3, 1, 1), 5)],
)
def test_ucla3_is_the_sum_of_the_three_answers(values, expected):
    answers = dict(zip([item.key for item in UCLA3.items], values, strict=True))
    result = UCLA3.score(answers)
    assert result.raw == expected
    assert result.score == Decimal(expected)


def test_ucla3_hardly_ever_to_often_and_lower_is_better():
    assert UCLA3.label_for(1) == "Hardly ever or never"
    assert UCLA3.label_for(3) == "Often"
    assert UCLA3.higher_is_better is False
    assert UCLA3.score(all_answered(UCLA3, 1)).score == Decimal(3)
    assert UCLA3.score(all_answered(UCLA3, 3)).score == Decimal(9)


def test_belonging_runs_from_3_to_12_whatever_order_its_options_are_listed_in():
    assert BELONGING.options[0].value == 4  # listed "Very strongly" first
    assert BELONGING.score(all_answered(BELONGING, 1)).score == Decimal(3)
    assert BELONGING.score(all_answered(BELONGING, 4)).score == Decimal(12)
    mixed = dict(zip([item.key for item in BELONGING.items], (4, 2, 1), strict=True))
    assert BELONGING.score(mixed).score == Decimal(7)

    data = json.loads((MEASURES / "belonging.json").read_text())
    data["options"] = list(reversed(data["options"]))
    reordered = parse_definition(data)
    assert reordered.options[0].value == 1
    for value in (1, 2, 3, 4):
        answers = all_answered(BELONGING, value)
        assert reordered.score(answers) == BELONGING.score(answers)
    assert reordered.score(mixed) == BELONGING.score(mixed)


def test_mean_scoring_and_reversed_items():
    definition = parse_definition(
        {
            "key": "tiny",
            "name": "Tiny",
            "short_name": "Tiny",
            "score_name": "tiny score",
            "higher_is_better": True,
            "options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Some"},
                        {"value": 2, "label": "Yes"}],
            "items": [{"key": "a", "text": "A?"}, {"key": "b", "text": "B?", "reverse": True}],
            "scoring": {"method": "mean", "decimals": 1},
            "score_range": [0, 2],
        }
    )  # fmt: skip
    # b is reversed: answering 0 counts as 2.
    assert definition.score({"a": 2, "b": 0}).score == Decimal("2.0")
    assert definition.score({"a": 1, "b": 2}).score == Decimal("0.5")
    assert definition.score({"a": 1, "b": 1}).raw == 2


@pytest.mark.parametrize("key", ALL)
@pytest.mark.parametrize(
    "bad", [0, 6, -1, 10**30, True, False, 2.5, 2.0, float("nan"), "3", "", [3], {"v": 3}]
)
def test_answers_that_are_not_one_of_the_options_are_errors(key, bad):
    """At the definition level only whole numbers count: "3" is turned into 3 (and ""
    into no answer) by `actions.clean_answers`, before this check."""
    definition = ALL[key]
    answers = all_answered(definition, min(definition.option_values))
    first = definition.items[0].key
    answers[first] = bad

    errors = definition.item_errors(answers)

    assert list(errors) == [first]
    assert "Choose one of the answers for question 1" in errors[first]
    with pytest.raises(ValueError):
        definition.score(answers)


def test_unknown_question_keys_are_errors_and_say_which():
    answers = {**all_answered(UCLA3, 1), "mood": 2}
    errors = UCLA3.item_errors(answers)
    assert list(errors) == ["mood"]
    assert "There is no question 'mood'" in errors["mood"]


def test_a_huge_unknown_key_is_reported_cut_short():
    errors = UCLA3.item_errors({"x" * 10_000: 1})
    (key,) = errors
    assert len(key) == 50


def test_partial_answers_are_not_errors_but_cannot_be_scored():
    answers = {UCLA3.items[0].key: 2}
    assert UCLA3.item_errors(answers) == {}
    assert [item.key for item in UCLA3.unanswered(answers)] == ["left_out", "isolated"]
    with pytest.raises(ValueError):
        UCLA3.score(answers)
    with pytest.raises(ValueError):
        UCLA3.score({})


def complete_answers(definition: Definition):
    values = sorted(definition.option_values)
    return st.fixed_dictionaries({item.key: st.sampled_from(values) for item in definition.items})


@pytest.mark.parametrize("key", ALL)
@given(data=st.data())
def test_any_complete_valid_answers_score_within_the_declared_range(key, data):
    definition = ALL[key]
    answers = data.draw(complete_answers(definition))

    result = definition.score(answers)

    low, high = definition.score_range
    assert low <= result.score <= high
    assert definition.raw_range[0] <= result.raw <= definition.raw_range[1]


@pytest.mark.parametrize("key", ALL)
@given(data=st.data())
def test_answering_one_question_higher_never_lowers_the_score(key, data):
    """Monotone in each answer: up for an ordinary item, down for a reversed one."""
    definition = ALL[key]
    answers = data.draw(complete_answers(definition))
    item = data.draw(st.sampled_from(definition.items))
    higher = [value for value in definition.option_values if value > answers[item.key]]
    if not higher:
        return
    raised = {**answers, item.key: data.draw(st.sampled_from(sorted(higher)))}

    before, after = definition.score(answers), definition.score(raised)

    if item.reverse:
        assert after.score <= before.score and after.raw < before.raw
    else:
        assert after.score >= before.score and after.raw > before.raw


@given(
    values=st.lists(st.integers(min_value=0, max_value=1), min_size=3, max_size=3),
    reverse=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_reversed_items_score_the_other_way_round(values, reverse):
    definition = parse_definition(
        {
            "key": "rev",
            "name": "Reversed",
            "short_name": "Rev",
            "score_name": "score",
            "higher_is_better": True,
            "options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}],
            "items": [
                {"key": f"q{n}", "text": f"Question {n}?", "reverse": flag}
                for n, flag in enumerate(reverse)
            ],
            "scoring": {"method": "sum"},
            "score_range": [0, 3],
        }
    )
    answers = {f"q{n}": value for n, value in enumerate(values)}
    expected = sum(1 - v if flag else v for v, flag in zip(values, reverse, strict=True))
    assert definition.score(answers).raw == expected
