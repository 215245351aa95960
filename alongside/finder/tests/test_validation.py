"""The finder's checks on what people type: the same words for the pages and the API."""

import pytest

from alongside.accounts.places import close_spellings
from alongside.accounts.tests.factories import TopicFactory
from alongside.finder.answers import FinderAnswers
from alongside.finder.validation import (
    IN_PERSON_NEEDS_PLACE,
    FinderInputError,
    answers_from_input,
    check_travel_distance,
    contradictions,
    parse_place,
)


def test_a_known_town_is_resolved():
    place = parse_place("Cardiff")
    assert place.label == "Cardiff, Wales, United Kingdom"


def test_an_unknown_town_suggests_close_spellings():
    with pytest.raises(ValueError) as error:
        parse_place("Cardif")
    message = str(error.value)
    assert message.startswith("We couldn't find a town called \u201cCardif\u201d. Did you mean ")
    assert "Cardiff, Wales" in message
    assert "Cardigan, Wales" in message
    assert "Wales; " in message  # places with commas of their own are kept apart
    assert message.endswith("?")


def test_a_town_with_no_close_spelling_says_what_to_try():
    with pytest.raises(ValueError, match=r"Check the spelling, or try the nearest larger town\."):
        parse_place("Xqzzvw")


def test_a_shared_name_lists_the_choices():
    with pytest.raises(ValueError, match="More than one place is called"):
        parse_place("Newport")


@pytest.mark.parametrize("text", ["", "   ", "\x00", "\ud800", "a" * 10_000])
def test_empty_or_junk_place_text_is_a_plain_message(text):
    with pytest.raises(ValueError):
        parse_place(text)


def test_close_spellings_put_home_first_and_are_quick():
    import time

    close_spellings("Swansee")  # loads the index
    started = time.perf_counter()
    places = close_spellings("Swansee")
    assert time.perf_counter() - started < 0.05
    assert places[0].label == "Swansea, Wales, United Kingdom"


@pytest.mark.parametrize("value", ["-5", "100000", "abc", "1e309", "nan", "inf", "", None, True,
                                   -5, 0, 0.5, 201, [], {}, "\x00"])  # fmt: skip
def test_bad_travel_distances_get_one_plain_message(value):
    with pytest.raises(ValueError) as error:
        check_travel_distance(value, "mi")
    assert str(error.value) == "Enter how far you can travel as a number of miles from 1 to 200."


@pytest.mark.parametrize(("value", "unit", "expected"),
                         [("5", "mi", 5.0), ("5\x00", "mi", 5.0), (" 12.5 miles ", "mi", 12.5),
                          (200, "mi", 200.0), ("320", "km", 320.0), ("1", "km", 1.0)])  # fmt: skip
def test_good_travel_distances(value, unit, expected):
    assert check_travel_distance(value, unit) == expected


def test_kilometres_have_their_own_limit_and_words():
    with pytest.raises(ValueError, match="number of kilometres from 1 to 320"):
        check_travel_distance("321", "km")


def test_in_person_only_with_no_town_is_a_contradiction():
    assert contradictions(FinderAnswers(modes=("in_person",))) == {"place": IN_PERSON_NEEDS_PLACE}
    assert contradictions(FinderAnswers(modes=("in_person", "video"))) == {}
    with_town = FinderAnswers(modes=("in_person",), latitude=51.5, longitude=-3.2)
    assert contradictions(with_town) == {}


@pytest.mark.parametrize(("formats", "modes"),
                         [(("one_to_one",), ("forum",)), (("group",), ("forum", "text_chat")),
                          (("online",), ("phone",)),
                          (("group", "one_to_one"), ("forum",))])  # fmt: skip
def test_ways_that_no_chosen_form_offers_are_contradictions(formats, modes):
    found = contradictions(FinderAnswers(formats=formats, modes=modes))
    assert list(found) == ["modes"]
    assert "Choose" in found["modes"]


def test_answers_that_fit_together_are_not_contradictions():
    assert contradictions(FinderAnswers()) == {}
    both = FinderAnswers(formats=("group", "online"), modes=("forum", "video"))
    assert contradictions(both) == {}


@pytest.mark.django_db
def test_whole_answers_from_api_input():
    TopicFactory(name="Anxiety", slug="anxiety")
    answers = answers_from_input(
        {
            "topics": ["anxiety"],
            "about": "  Hard\x00 days ",
            "formats": ["group"],
            "modes": ["video", "in_person"],
            "availability": ["tue_evening"],
            "place": "Cardiff",
            "travel_distance": "10",
            "distance_unit": "km",
            "languages": ["cy"],
            "access_needs": ["step_free"],
        }
    )
    assert answers.about == "Hard days"
    assert answers.modes == ("in_person", "video")
    assert answers.place_name == "Cardiff, Wales, United Kingdom"
    assert answers.travel_km == 10.0
    assert len(answers.topics) == 1


@pytest.mark.django_db
def test_every_problem_in_api_input_is_named_by_field():
    with pytest.raises(FinderInputError) as error:
        answers_from_input(
            {
                "topics": ["no-such-topic"],
                "modes": ["telepathy"],
                "place": "Cardif",
                "travel_distance": -5,
                "about": "x" * 1001,
                "access_needs_other": "y" * 501,
                "languages": "cy",
            }
        )
    errors = error.value.errors
    assert errors["topics"] == [
        "We don't know the topic \u201cno-such-topic\u201d. See GET /topics."
    ]
    assert errors["modes"] == ["We don't know the way to connect \u201ctelepathy\u201d."]
    assert "Did you mean Cardiff, Wales" in errors["place"][0]
    assert errors["travel_distance"] == [
        "Enter how far you can travel as a number of miles from 1 to 200."
    ]
    assert "1,000 characters or fewer" in errors["about"][0]
    assert "500 characters or fewer" in errors["access_needs_other"][0]
    assert errors["languages"] == ["Give languages as a list."]


@pytest.mark.django_db
def test_contradictions_in_api_input_are_errors():
    with pytest.raises(FinderInputError) as error:
        answers_from_input({"modes": ["in_person"]})
    assert error.value.errors == {"place": [IN_PERSON_NEEDS_PLACE]}


@pytest.mark.parametrize(
    ("typed", "unit", "expected"),
    [("1,5", "mi", 1.5), ("12,5 km", "km", 12.5), ("10 km", "mi", 6.2), ("5 miles", "km", 8.0)],
)
def test_a_decimal_comma_and_a_typed_unit_are_read_as_meant(typed, unit, expected):
    assert check_travel_distance(typed, unit) == pytest.approx(expected, abs=0.05)
