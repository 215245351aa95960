"""Properties of the solver on small random instances: capacities and one proposal per
request respected, only feasible pairs proposed, the total equal to an exact reference
computed another way, and never worse than greedy."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.matching.engine import (
    RequestFacts,
    SupporterFacts,
    Weights,
    build_problem,
    explain_unmatched,
    greedy,
    pair_problems,
    solve,
    solve_dense_reference,
    suggest,
)

TOWNS = [(51.4816, -3.1791), (51.4347, -3.1745), (51.6214, -3.9436), (53.4808, -2.2426), None]
TOPIC_NAMES = {1: "Bereavement", 2: "Anxiety", 3: "Loneliness", 4: "Parenting"}
# A small week (Monday and Tuesday evenings) so that times often overlap, and sometimes don't.
BLOCKS = list(range(34, 44)) + list(range(48 + 34, 48 + 44))
MODES = ["in_person", "video", "phone", "text_chat"]
AGES = ["18_24", "35_44", "65_plus"]
GENDERS = ["woman", "man", "non_binary"]

subsets = st.frozensets
places = st.sampled_from(TOWNS)
weeks = subsets(st.sampled_from(BLOCKS), max_size=8)
texts = st.sampled_from(["", "grief and loss", "new baby no sleep", "lonely since moving"])


@st.composite
def requests(draw, index):
    place = draw(places)
    return RequestFacts(
        id=index + 1,
        member_id=draw(st.integers(1, 12)),
        kind=draw(st.sampled_from(["befriending", "mentoring"])),
        topic_ids=draw(subsets(st.integers(1, 4), max_size=3)),
        text=draw(texts),
        modes=draw(subsets(st.sampled_from(MODES), min_size=1)),
        half_hours=draw(weeks),
        languages=draw(subsets(st.sampled_from(["en", "cy", "pl"]), min_size=1, max_size=2)),
        latitude=None if place is None else place[0],
        longitude=None if place is None else place[1],
        age_group=draw(st.sampled_from(["", *AGES])),
        supporter_genders=draw(subsets(st.sampled_from(GENDERS), max_size=2)),
        supporter_age_groups=draw(subsets(st.sampled_from(AGES), max_size=2)),
        shared_experience_important=draw(st.booleans()),
        waiting_days=draw(st.floats(0, 200)),
    )


@st.composite
def supporters(draw, index):
    place = draw(places)
    return SupporterFacts(
        user_id=8 + index,  # some are also members asking for support
        kinds=draw(subsets(st.sampled_from(["befriending", "mentoring"]), min_size=1)),
        topic_ids=draw(subsets(st.integers(1, 4), max_size=3)),
        text=draw(texts),
        modes=draw(subsets(st.sampled_from(MODES), min_size=1)),
        half_hours=draw(weeks),
        languages=draw(subsets(st.sampled_from(["en", "cy", "pl"]), min_size=1, max_size=2)),
        latitude=None if place is None else place[0],
        longitude=None if place is None else place[1],
        max_distance_km=draw(st.sampled_from([None, 3.0, 10.0, 60.0])),
        free_capacity=draw(st.integers(1, 3)),
        age_group=draw(st.sampled_from(["", *AGES])),
        gender=draw(st.sampled_from(["", *GENDERS])),
        comfortable_age_groups=draw(subsets(st.sampled_from(AGES), max_size=2)),
    )


@st.composite
def instances(draw):
    request_count = draw(st.integers(0, 15))
    supporter_count = draw(st.integers(0, 8))
    the_requests = [draw(requests(i)) for i in range(request_count)]
    the_supporters = [draw(supporters(i)) for i in range(supporter_count)]
    pairs = [(r.member_id, s.user_id) for r in the_requests for s in the_supporters]
    blocks = set(draw(st.lists(st.sampled_from(pairs), max_size=4))) if pairs else set()
    weights = Weights(
        topics=draw(st.integers(0, 40)),
        text=draw(st.integers(0, 40)),
        availability=draw(st.integers(0, 40)),
        distance=draw(st.integers(0, 40)),
        waiting=draw(st.integers(0, 40)),
        min_overlap_minutes=draw(st.sampled_from([0, 30, 60, 120])),
    )
    return the_requests, the_supporters, weights, blocks


PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(instances())
def test_solve_is_feasible_within_capacity_and_optimal(instance):
    the_requests, the_supporters, weights, blocks = instance
    result = solve(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)
    requests_by_id = {r.id: r for r in the_requests}
    supporters_by_id = {s.user_id: s for s in the_supporters}

    per_request = Counter(p.request_id for p in result.proposals)
    assert all(count == 1 for count in per_request.values())
    per_supporter = Counter(p.supporter_id for p in result.proposals)
    for user_id, count in per_supporter.items():
        assert count <= supporters_by_id[user_id].free_capacity
    for proposal in result.proposals:
        request = requests_by_id[proposal.request_id]
        supporter = supporters_by_id[proposal.supporter_id]
        assert pair_problems(request, supporter, weights, blocks) == []
        assert 1.0 <= proposal.score <= 101.0 + 1e-9
    assert sorted(result.unmatched + list(per_request)) == sorted(requests_by_id)

    reference = solve_dense_reference(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)
    assert abs(result.total_score - reference.total_score) <= 1e-6
    baseline = greedy(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)
    assert result.total_score >= baseline.total_score - 1e-9


@PROPERTY_SETTINGS
@given(instances())
def test_the_vectorised_feasibility_agrees_with_pair_problems(instance):
    the_requests, the_supporters, weights, blocks = instance
    problem = build_problem(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)
    vectorised = set(
        zip(problem.request_index.tolist(), problem.supporter_index.tolist(), strict=True)
    )

    one_by_one = {
        (i, j)
        for i, request in enumerate(the_requests)
        for j, supporter in enumerate(the_supporters)
        if pair_problems(request, supporter, weights, blocks) == []
    }

    assert vectorised == one_by_one


@PROPERTY_SETTINGS
@given(instances())
def test_solving_twice_gives_the_same_proposals(instance):
    the_requests, the_supporters, weights, blocks = instance
    first = solve(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)
    second = solve(the_requests, the_supporters, weights, blocks, TOPIC_NAMES)

    assert first.proposals == second.proposals


@PROPERTY_SETTINGS
@given(instances())
def test_suggestions_are_feasible_best_first_and_explanations_match(instance):
    the_requests, the_supporters, weights, blocks = instance
    supporters_by_id = {s.user_id: s for s in the_supporters}
    for request in the_requests:
        suggestions = suggest(request, the_supporters, weights, blocks, TOPIC_NAMES, limit=3)
        scores = [s.score for s in suggestions]
        assert scores == sorted(scores, reverse=True)
        for suggestion in suggestions:
            supporter = supporters_by_id[suggestion.supporter_id]
            assert pair_problems(request, supporter, weights, blocks) == []
        anyone_fits = any(pair_problems(request, s, weights, blocks) == [] for s in the_supporters)
        why = explain_unmatched(request, the_supporters, weights, blocks, TOPIC_NAMES)
        assert ("fit" in why.split(" but ")[0] and why[0].isdigit()) == anyone_fits
        assert bool(suggestions) == anyone_fits
