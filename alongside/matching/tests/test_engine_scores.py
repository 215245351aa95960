"""The score: 1 + the weighted components (topics, text, availability, distance, waiting)
x 100, each component measured on its own by giving only it a weight."""

import pytest

from alongside.matching.engine import Weights, build_problem, suggest
from alongside.matching.engine.checks import pair_distance_km
from alongside.matching.tests.test_engine_constraints import (
    SWANSEA,
    TOPIC_NAMES,
    make_request,
    make_supporter,
)


def score(request, supporter, **weights) -> float:
    only = {"topics": 0, "text": 0, "availability": 0, "distance": 0, "waiting": 0, **weights}
    problem = build_problem([request], [supporter], Weights(**only), set(), TOPIC_NAMES)
    assert len(problem.score) == 1
    return float(problem.score[0])


def test_availability_counts_shared_time_up_to_four_hours():
    request, supporter = make_request(), make_supporter()  # two shared hours

    assert score(request, supporter, availability=20) == pytest.approx(1 + 50)
    all_evening = frozenset(range(48 + 34, 48 + 46))  # 16:00 to 23:00: 5 shared hours
    assert score(
        make_request(half_hours=all_evening),
        make_supporter(half_hours=all_evening),
        availability=20,
    ) == pytest.approx(101)


def test_waiting_counts_up_to_ninety_days():
    assert score(make_request(waiting_days=45), make_supporter(), waiting=25) == pytest.approx(51)
    assert score(make_request(waiting_days=400), make_supporter(), waiting=25) == pytest.approx(101)


def test_topics_count_the_share_of_the_persons_topics_in_common():
    request = make_request(topic_ids=frozenset({1, 2}))

    assert score(request, make_supporter(topic_ids=frozenset({1})), topics=30) == pytest.approx(51)
    assert score(make_request(topic_ids=frozenset()), make_supporter(), topics=30) == 1


def test_distance_counts_nearness_within_the_supporters_reach():
    request = make_request(modes=frozenset({"in_person", "phone"}))
    near = make_supporter(modes=frozenset({"in_person", "phone"}))
    far = make_supporter(
        modes=frozenset({"in_person", "phone"}), latitude=SWANSEA[0], longitude=SWANSEA[1]
    )
    by_phone = make_supporter(modes=frozenset({"phone"}))
    km = pair_distance_km(request, near)

    assert score(request, near, distance=10) == pytest.approx(1 + (1 - km / 15) * 100)
    assert score(request, far, distance=10) == pytest.approx(1)
    assert score(request, by_phone, distance=10) == pytest.approx(1)
    # Someone who doesn't want to meet in person loses nothing by distance.
    assert score(make_request(), far, distance=10) == pytest.approx(101)


def test_text_counts_how_alike_their_words_are():
    same = "grief after losing a parent, long walks, gardening"

    assert score(
        make_request(text=same, topic_ids=frozenset()),
        make_supporter(text=same, topic_ids=frozenset()),
        text=15,
    ) == pytest.approx(101)
    assert score(
        make_request(text="gardening", topic_ids=frozenset()),
        make_supporter(text="football", topic_ids=frozenset()),
        text=15,
    ) == pytest.approx(1)


def test_every_feasible_pair_is_worth_at_least_one_even_with_no_weights():
    assert score(make_request(), make_supporter()) == 1


def test_the_weights_average_the_components():
    request = make_request(topic_ids=frozenset({1, 2}), waiting_days=45)
    supporter = make_supporter(topic_ids=frozenset({1}))
    # topics 0.5 x 30, availability 0.5 x 20, waiting 0.5 x 25, over a total weight of 75.
    expected = 1 + (0.5 * 30 + 0.5 * 20 + 0.5 * 25) / 75 * 100

    assert score(request, supporter, topics=30, availability=20, waiting=25) == pytest.approx(
        expected
    )


def test_suggest_gives_the_best_few_feasible_supporters_best_first():
    request = make_request(topic_ids=frozenset({1, 2}))
    supporters = [
        make_supporter(user_id=21, topic_ids=frozenset()),
        make_supporter(user_id=22, topic_ids=frozenset({1, 2})),
        make_supporter(user_id=23, topic_ids=frozenset({1})),
        make_supporter(user_id=24, languages=frozenset({"pl"})),  # not feasible
        make_supporter(user_id=25, free_capacity=0),  # full
    ]

    suggestions = suggest(request, supporters, Weights(), set(), TOPIC_NAMES, limit=2)

    assert [s.supporter_id for s in suggestions] == [22, 23]
    assert suggestions[0].score > suggestions[1].score
    assert suggestions[0].explanation.startswith("Both speak Welsh")
