"""A definition that can't be used is refused with one plain problem for each thing to fix."""

import copy
import json
from pathlib import Path

import pytest

from alongside.outcomes.definitions import DefinitionError, parse_definition

MEASURES = Path(__file__).resolve().parents[1] / "measures"


def valid() -> dict:
    return {
        "key": "calm",
        "name": "Feeling calm",
        "short_name": "Calm",
        "score_name": "calm score",
        "about": "Two questions about feeling calm.",
        "instructions": "Choose the answer closest to how you feel.",
        "citation": "Written for the tests.",
        "licence": "Public domain.",
        "higher_is_better": True,
        "options": [
            {"value": 1, "label": "Rarely"},
            {"value": 2, "label": "Sometimes"},
            {"value": 3, "label": "Often"},
        ],
        "items": [
            {"key": "calm_day", "text": "How often have you felt calm in the day?"},
            {"key": "calm_night", "text": "How often have you felt calm at night?"},
        ],
        "scoring": {
            "method": "sum",
            "decimals": 1,
            "conversion": {"2": 0, "3": 2.5, "4": 5, "5": 7.5, "6": 10},
        },
        "score_range": [0, 10],
    }


def problems_of(data) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(data)
    assert raised.value.problems
    assert str(raised.value) == "; ".join(raised.value.problems)
    return raised.value.problems


def changed(change) -> dict:
    data = copy.deepcopy(valid())
    change(data)
    return data


def test_the_valid_example_parses():
    definition = parse_definition(valid())
    assert definition.key == "calm"
    assert definition.raw_range == (2, 6)
    assert definition.score_range == (0, 10)
    assert definition.score({"calm_day": 2, "calm_night": 1}).score == 2.5


@pytest.mark.parametrize("key", ["swemwbs", "ucla3", "belonging"])
def test_the_shipped_definitions_parse(key):
    definition = parse_definition(json.loads((MEASURES / f"{key}.json").read_text()))
    assert definition.key == key
    assert definition.citation and definition.licence


@pytest.mark.parametrize("data", [None, [], "swemwbs", 3, True])
def test_not_an_object(data):
    assert problems_of(data) == ["A measure definition must be a JSON object."]


BROKEN = {
    "missing key": (lambda d: d.pop("key"), "“key” must be letters"),
    "key with spaces": (lambda d: d.update(key="my measure"), "“key” must be letters"),
    "missing name": (lambda d: d.pop("name"), "“name” is missing."),
    "name not text": (lambda d: d.update(name=5), "“name” must be text."),
    "blank score name": (lambda d: d.update(score_name="  "), "“score_name” is missing."),
    "citation too long": (lambda d: d.update(citation="x" * 5000), "“citation” is too long"),
    "direction missing": (
        lambda d: d.pop("higher_is_better"),
        "“higher_is_better” must be true or false.",
    ),
    "direction as text": (
        lambda d: d.update(higher_is_better="yes"),
        "“higher_is_better” must be true or false.",
    ),
    "one option": (lambda d: d.update(options=d["options"][:1]), "“options” must be a list"),
    "options not a list": (lambda d: d.update(options={"1": "No"}), "“options” must be a list"),
    "non-integer option value": (
        lambda d: d["options"][0].update(value=1.5),
        "Answer 1 needs a whole-number “value”",
    ),
    "option value as text": (
        lambda d: d["options"][1].update(value="2"),
        "Answer 2 needs a whole-number “value”",
    ),
    "option value true": (
        lambda d: d["options"][0].update(value=True),
        "Answer 1 needs a whole-number “value”",
    ),
    "option without label": (
        lambda d: d["options"][2].pop("label"),
        "Answer 3 needs a “label”",
    ),
    "duplicate option values": (
        lambda d: d["options"][1].update(value=1),
        "Each answer needs a different “value”.",
    ),
    "no items": (lambda d: d.update(items=[]), "“items” must be a list of 1 to 50 questions."),
    "item not an object": (
        lambda d: d["items"].append("How calm?"),
        "Question 3 must be an object.",
    ),
    "item without key": (lambda d: d["items"][0].pop("key"), "Question 1 needs a “key”"),
    "duplicate item keys": (
        lambda d: d["items"][1].update(key="calm_day"),
        "Each question needs a different “key”.",
    ),
    "text null without topic": (
        lambda d: d["items"][1].update(text=None),
        "Question 2 has no wording, so it needs a “topic” saying what it asks.",
    ),
    "blank text": (
        lambda d: d["items"][0].update(text="  "),
        "Question 1: “text” must be the wording, or null.",
    ),
    "text too long": (
        lambda d: d["items"][0].update(text="x" * 501),
        "Question 1: “text” is longer than 500 characters.",
    ),
    "unknown method": (
        lambda d: d["scoring"].update(method="median"),
        "“scoring.method” must be “sum” or “mean”.",
    ),
    "no scoring": (lambda d: d.pop("scoring"), "“scoring.method” must be “sum” or “mean”."),
    "decimals out of range": (
        lambda d: d["scoring"].update(decimals=9),
        "“scoring.decimals” must be a whole number from 0 to 2.",
    ),
    # Scores are stored with two places after the point: a third would be lost.
    "more decimals than are stored": (
        lambda d: d["scoring"].update(decimals=3),
        "“scoring.decimals” must be a whole number from 0 to 2.",
    ),
    "conversion missing a raw score": (
        lambda d: d["scoring"]["conversion"].pop("4"),
        "“scoring.conversion” needs a converted score for every raw score; missing: 4.",
    ),
    "conversion going down": (
        lambda d: d["scoring"]["conversion"].update({"5": 4}),
        "“scoring.conversion” must not go down as the raw score goes up.",
    ),
    "conversion with a word": (
        lambda d: d["scoring"]["conversion"].update({"5": "high"}),
        "“scoring.conversion” has an entry that isn't a number: '5'.",
    ),
    "conversion raw not a number": (
        lambda d: d["scoring"]["conversion"].update({"six": 10}),
        "“scoring.conversion” has an entry that isn't a number: 'six'.",
    ),
    "conversion not a mapping": (
        lambda d: d["scoring"].update(conversion=[0, 2.5]),
        "“scoring.conversion” must map each raw score to a converted score.",
    ),
    "score range missing": (
        lambda d: d.pop("score_range"),
        "“score_range” must be [lowest, highest].",
    ),
    "score range of three": (
        lambda d: d.update(score_range=[0, 5, 10]),
        "“score_range” must be [lowest, highest].",
    ),
    "score range of text": (
        lambda d: d.update(score_range=["0", "10"]),
        "“score_range” must be [lowest, highest].",
    ),
    "score range wrong": (
        lambda d: d.update(score_range=[0, 12]),
        "“score_range” says 0 to 12, but the answers give 0 to 10.",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_definition_names_its_problem(name):
    change, expected = BROKEN[name]

    problems = problems_of(changed(change))

    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_wrong_score_range_without_a_conversion_says_what_the_answers_give():
    def change(data):
        data["scoring"] = {"method": "sum"}
        data["score_range"] = [0, 6]

    assert problems_of(changed(change)) == [
        "“score_range” says 0 to 6, but the answers give 2 to 6."
    ]


def test_several_problems_are_all_reported_at_once():
    def change(data):
        data.pop("name")
        data["items"][1]["key"] = "calm_day"
        data["higher_is_better"] = None

    problems = problems_of(changed(change))

    assert "“name” is missing." in problems
    assert "Each question needs a different “key”." in problems
    assert "“higher_is_better” must be true or false." in problems


def test_licensed_wording_is_null_text_with_a_topic():
    def change(data):
        data["items"][0] = {"key": "calm_day", "text": None, "topic": "calm in the day"}

    definition = parse_definition(changed(change))

    assert definition.wording_licensed
    assert definition.items[0].text is None
    assert definition.items[0].topic == "calm in the day"
    # Shipped wording doubles as the topic.
    assert definition.items[1].topic == "How often have you felt calm at night?"


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["items"][0].update(key=None),
        lambda d: d["items"][0].update(key=["a"]),
        lambda d: d["items"][0].update(topic=3, text=None),
        lambda d: d["options"].__setitem__(0, None),
        lambda d: d.update(scoring="sum"),
        lambda d: d["scoring"].update(decimals=True),
        lambda d: d["scoring"]["conversion"].update({"4": None}),
        lambda d: d["scoring"]["conversion"].update({"4": "NaN"}),
        lambda d: d["scoring"]["conversion"].update({"4": "\x00"}),
        lambda d: d.update(score_range=[float("inf"), 10]),
        lambda d: d.update(score_range=[float("nan"), 10]),
        lambda d: d.update(score_range=[0, 10**400]),
        lambda d: d["scoring"]["conversion"].update({"6": 10**30}),
        lambda d: d["scoring"]["conversion"].update({"6": "Infinity"}),
        lambda d: d["scoring"]["conversion"].update({"1" * 5000: 10}),
        lambda d: d.update(items=[{"key": f"k{n}", "text": "Q?"} for n in range(51)]),
        lambda d: d.update(options=[{"value": n, "label": str(n)} for n in range(12)]),
        lambda d: d["options"][0].update(value=10**30),
    ],
)
def test_odd_definitions_are_refused_with_a_problem_not_a_crash(change):
    problems_of(changed(change))
