"""Each hard constraint on its own: a pair that passes everything, then one change at a
time, with the plain reason pair_problems gives and solve() not proposing the pair."""

from dataclasses import replace

import pytest

from alongside.matching.engine import (
    RequestFacts,
    SupporterFacts,
    Weights,
    build_problem,
    pair_problems,
    solve,
)

TUESDAY_EVENING = frozenset(range(48 + 36, 48 + 40))  # Tuesday 18:00 to 20:00
SATURDAY_MORNING = frozenset(range(5 * 48 + 20, 5 * 48 + 24))  # Saturday 10:00 to 12:00
CARDIFF = (51.4816, -3.1791)
PENARTH = (51.4347, -3.1745)  # about 5 km from Cardiff
SWANSEA = (51.6214, -3.9436)  # about 55 km from Cardiff
TOPIC_NAMES = {1: "Bereavement", 2: "Anxiety", 3: "Loneliness"}
WEIGHTS = Weights()


def make_request(**changes) -> RequestFacts:
    facts = RequestFacts(
        id=1,
        member_id=10,
        kind="befriending",
        topic_ids=frozenset({1}),
        text="I lost my mum last year and would like someone to talk to",
        modes=frozenset({"phone", "video"}),
        half_hours=TUESDAY_EVENING,
        languages=frozenset({"cy", "en"}),
        latitude=CARDIFF[0],
        longitude=CARDIFF[1],
        age_group="25_34",
        supporter_genders=frozenset(),
        supporter_age_groups=frozenset(),
        shared_experience_important=False,
        waiting_days=30.0,
        place_name="Cardiff",
    )
    return replace(facts, **changes)


def make_supporter(**changes) -> SupporterFacts:
    facts = SupporterFacts(
        user_id=20,
        kinds=frozenset({"befriending"}),
        topic_ids=frozenset({1}),
        text="My dad died when I was thirty and I know how grief can feel",
        modes=frozenset({"phone"}),
        half_hours=TUESDAY_EVENING,
        languages=frozenset({"cy"}),
        latitude=PENARTH[0],
        longitude=PENARTH[1],
        max_distance_km=15.0,
        free_capacity=1,
        age_group="35_44",
        gender="woman",
        comfortable_age_groups=frozenset(),
        place_name="Penarth",
    )
    return replace(facts, **changes)


def proposed_pairs(request, supporter, blocks=frozenset()):
    result = solve([request], [supporter], WEIGHTS, set(blocks), TOPIC_NAMES)
    return [(p.request_id, p.supporter_id) for p in result.proposals]


def test_a_pair_that_fits_everything_is_feasible_and_proposed():
    request, supporter = make_request(), make_supporter()

    assert pair_problems(request, supporter, WEIGHTS, set()) == []
    assert proposed_pairs(request, supporter) == [(1, 20)]


# (what changes, request changes, supporter changes, blocks, the reason given)
ONE_CONSTRAINT_AT_A_TIME = [
    (
        "the supporter offers another kind of support",
        {},
        {"kinds": frozenset({"mentoring"})},
        set(),
        "the supporter doesn't offer befriending",
    ),
    (
        "no shared language",
        {"languages": frozenset({"pl"})},
        {},
        set(),
        "they don't share a language",
    ),
    (
        "no shared way of meeting",
        {"modes": frozenset({"text_chat"})},
        {},
        set(),
        "they don't share a way of meeting",
    ),
    (
        "only in person, further apart than the supporter travels",
        {"modes": frozenset({"in_person"})},
        {
            "modes": frozenset({"in_person"}),
            "latitude": SWANSEA[0],
            "longitude": SWANSEA[1],
        },
        set(),
        "the only way of meeting they share is in person, and they live about 55 km apart, "
        "further than the supporter can travel (15 km)",
    ),
    (
        "only in person, the person has no home town",
        {"modes": frozenset({"in_person"}), "latitude": None, "longitude": None},
        {"modes": frozenset({"in_person"})},
        set(),
        "the only way of meeting they share is in person, and one of them hasn't given a home town",
    ),
    (
        "only in person, the supporter hasn't said how far they travel",
        {"modes": frozenset({"in_person"})},
        {"modes": frozenset({"in_person"}), "max_distance_km": None},
        set(),
        "the only way of meeting they share is in person, and the supporter hasn't said how "
        "far they can travel",
    ),
    (
        "not free at the same time",
        {"half_hours": SATURDAY_MORNING},
        {},
        set(),
        "they aren't free at the same time for long enough (at least 60 minutes a week)",
    ),
    (
        "free at the same time for less than the minimum",
        {"half_hours": frozenset({48 + 36})},  # half an hour on Tuesday
        {},
        set(),
        "they aren't free at the same time for long enough (at least 60 minutes a week)",
    ),
    (
        "the supporter has no free place",
        {},
        {"free_capacity": 0},
        set(),
        "the supporter has no free places",
    ),
    (
        "the supporter isn't comfortable with the person's age group",
        {},
        {"comfortable_age_groups": frozenset({"55_64", "65_plus"})},
        set(),
        "the supporter has said which age groups they're comfortable supporting, and the "
        "person's age group isn't one of them",
    ),
    (
        "the person asked for a supporter of another gender",
        {"supporter_genders": frozenset({"man"})},
        {},
        set(),
        "the person asked for a supporter of a different gender",
    ),
    (
        "the person asked for a supporter in another age group",
        {"supporter_age_groups": frozenset({"18_24"})},
        {},
        set(),
        "the person asked for a supporter in a different age group",
    ),
    (
        "shared experience matters and they share no topic",
        {"shared_experience_important": True, "topic_ids": frozenset({2})},
        {},
        set(),
        "the person would like someone with shared experience, and they have no topics in common",
    ),
    (
        "the pair is blocked (or already matched)",
        {},
        {},
        {(10, 20)},
        "this pair can't be matched: they are already matched, or a coordinator has kept "
        "them apart",
    ),
    (
        "the person asking is the supporter",
        {"member_id": 20},
        {},
        set(),
        "the person asking and the supporter are the same person",
    ),
]


@pytest.mark.parametrize(
    ("request_changes", "supporter_changes", "blocks", "reason"),
    [case[1:] for case in ONE_CONSTRAINT_AT_A_TIME],
    ids=[case[0] for case in ONE_CONSTRAINT_AT_A_TIME],
)
def test_each_hard_constraint_alone_makes_the_pair_infeasible(
    request_changes, supporter_changes, blocks, reason
):
    request = make_request(**request_changes)
    supporter = make_supporter(**supporter_changes)

    assert pair_problems(request, supporter, WEIGHTS, blocks) == [reason]
    assert proposed_pairs(request, supporter, blocks) == []
    assert len(build_problem([request], [supporter], WEIGHTS, blocks, TOPIC_NAMES).score) == 0


def test_in_person_within_the_supporters_distance_is_feasible():
    request = make_request(modes=frozenset({"in_person"}))
    supporter = make_supporter(modes=frozenset({"in_person"}))  # Penarth, 15 km

    assert pair_problems(request, supporter, WEIGHTS, set()) == []
    assert proposed_pairs(request, supporter) == [(1, 20)]


def test_distance_doesnt_matter_when_they_can_also_meet_another_way():
    request = make_request(modes=frozenset({"in_person", "phone"}))
    supporter = make_supporter(
        modes=frozenset({"in_person", "phone"}), latitude=SWANSEA[0], longitude=SWANSEA[1]
    )

    assert pair_problems(request, supporter, WEIGHTS, set()) == []
    assert proposed_pairs(request, supporter) == [(1, 20)]


def test_preferences_left_empty_mean_anyone():
    request = make_request(age_group="", supporter_genders=frozenset())
    supporter = make_supporter(gender="", age_group="", comfortable_age_groups=frozenset())

    assert pair_problems(request, supporter, WEIGHTS, set()) == []


def test_a_preference_is_not_met_by_someone_who_didnt_say():
    request = make_request(supporter_genders=frozenset({"woman"}))
    supporter = make_supporter(gender="")

    assert pair_problems(request, supporter, WEIGHTS, set()) == [
        "the person asked for a supporter of a different gender"
    ]


def test_a_higher_minimum_overlap_is_a_hard_constraint():
    request, supporter = make_request(), make_supporter()  # two shared hours
    strict = replace(WEIGHTS, min_overlap_minutes=150)

    assert pair_problems(request, supporter, strict, set()) == [
        "they aren't free at the same time for long enough (at least 150 minutes a week)"
    ]
    assert solve([request], [supporter], strict, set(), TOPIC_NAMES).proposals == []


def test_several_problems_are_all_given_in_a_fixed_order():
    request = make_request(languages=frozenset({"pl"}), half_hours=SATURDAY_MORNING)
    supporter = make_supporter(free_capacity=0)

    assert pair_problems(request, supporter, WEIGHTS, set()) == [
        "the supporter has no free places",
        "they don't share a language",
        "they aren't free at the same time for long enough (at least 60 minutes a week)",
    ]


def test_a_supporter_is_never_given_more_people_than_free_places():
    requests = [make_request(id=i, member_id=100 + i) for i in range(1, 5)]
    supporter = make_supporter(free_capacity=2)

    result = solve(requests, [supporter], WEIGHTS, set(), TOPIC_NAMES)

    assert len(result.proposals) == 2
    assert len(result.unmatched) == 2
