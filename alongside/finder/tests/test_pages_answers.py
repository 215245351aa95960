"""The answers in words (check-your-answers page, and enquiries with answers attached) and
meeting dates in words."""

from datetime import UTC, datetime

import pytest

from alongside.accounts.tests.factories import TopicFactory
from alongside.finder.answers import FinderAnswers
from alongside.finder.presenters import answer_rows, when_words

pytestmark = pytest.mark.django_db


def as_dict(rows):
    return {question: answer for question, answer, _step in rows}


def test_every_question_reads_no_preference_when_unanswered(django_assert_num_queries):
    with django_assert_num_queries(0):
        rows = answer_rows(FinderAnswers())
    assert {answer for _q, answer, _s in rows} == {"No preference"}
    assert [step for _q, _a, step in rows] == [
        "topics", "connect", "ways", "when", "where", "where", "languages", "access",
    ]  # fmt: skip


def test_answers_in_words_in_one_query(django_assert_num_queries):
    grief = TopicFactory(name="Bereavement")
    answers = FinderAnswers(
        topics=(grief.pk,),
        about="Since my mum died",
        formats=("group", "online"),
        modes=("video",),
        availability=("tue_evening", "sat_morning"),
        place_name="Cardiff, Wales, United Kingdom",
        latitude=51.48,
        longitude=-3.18,
        travel_distance=1.0,
        distance_unit="mi",
        languages=("cy", "bfi"),
        access_needs=("hearing_loop", "other"),
        access_needs_other="A seat near the door",
        access_flexible=True,
    )
    with django_assert_num_queries(1):
        rows = as_dict(answer_rows(answers))
    assert rows["What's on your mind"] == "Bereavement"
    assert rows["In your own words"] == "Since my mum died"
    assert rows["Group or one to one"] == "In a group, In an online community (forum and chat)"
    assert rows["How you'd like to connect"] == "Video call"
    assert rows["When you're free"] == "Tuesday evening, Saturday morning"
    assert rows["Where you are"] == "Cardiff, Wales, United Kingdom"
    assert rows["How far you can travel"] == "Up to 1 mile"
    assert rows["Languages"] == "Welsh (Cymraeg), British Sign Language"
    assert rows["Anything that makes it hard to take part"] == "Hearing loop, A seat near the door"
    assert rows["Places without everything I need"].startswith("Yes")


def test_unknown_values_are_shown_as_they_are_never_an_error():
    answers = FinderAnswers(
        topics=(987654,), formats=("zz",), availability=("never", "xyz_abc"), languages=("qq",)
    )
    rows = as_dict(answer_rows(answers))
    assert rows["What's on your mind"] == "No preference"
    assert rows["Group or one to one"] == "zz"
    assert rows["When you're free"] == "never, xyz_abc"
    assert rows["Languages"] == "qq"


def test_kilometres():
    rows = as_dict(answer_rows(FinderAnswers(travel_distance=12.5, distance_unit="km")))
    assert rows["How far you can travel"] == "Up to 12.5 kilometres"


@pytest.mark.parametrize(
    ("moment", "zone", "words"),
    [
        (datetime(2026, 12, 1, 19, 0, tzinfo=UTC), "Europe/London", "Tuesday 1 December, 7pm"),
        (datetime(2026, 7, 7, 18, 30, tzinfo=UTC), "Europe/London", "Tuesday 7 July, 7:30pm"),
        (datetime(2026, 12, 1, 0, 5, tzinfo=UTC), "Europe/London", "Tuesday 1 December, 12:05am"),
        (datetime(2026, 12, 1, 12, 0, tzinfo=UTC), "Not/AZone", "Tuesday 1 December, 12pm"),
    ],
)
def test_meeting_dates_in_words_in_the_meetings_timezone(moment, zone, words):
    assert when_words(moment, zone) == words
