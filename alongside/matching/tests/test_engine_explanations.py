"""Plain words: why a proposed pair fits, and why someone is still waiting."""

import pytest

from alongside.matching.engine import Weights, explain_unmatched, solve
from alongside.matching.tests.test_engine_constraints import (
    SATURDAY_MORNING,
    SWANSEA,
    TOPIC_NAMES,
    TUESDAY_EVENING,
    make_request,
    make_supporter,
)

WEIGHTS = Weights()


def test_the_explanation_names_the_shared_language_way_of_meeting_topic_and_time():
    result = solve([make_request()], [make_supporter()], WEIGHTS, set(), TOPIC_NAMES)

    assert [p.explanation for p in result.proposals] == [
        "Both speak Welsh, both prefer phone calls, share experience of bereavement, and "
        "are both free on Tuesday evenings (18:00 to 20:00)."
    ]


def test_the_explanation_lists_several_shared_things_and_how_far_apart_they_live():
    both_modes = frozenset({"in_person", "video", "phone"})
    request = make_request(
        modes=both_modes,
        topic_ids=frozenset({1, 2}),
        half_hours=TUESDAY_EVENING | SATURDAY_MORNING,
        languages=frozenset({"cy", "en"}),
    )
    supporter = make_supporter(
        modes=both_modes,
        topic_ids=frozenset({1, 2, 3}),
        half_hours=TUESDAY_EVENING | SATURDAY_MORNING,
        languages=frozenset({"en", "cy"}),
    )

    [proposal] = solve([request], [supporter], WEIGHTS, set(), TOPIC_NAMES).proposals

    assert proposal.explanation == (
        "Both speak Welsh and English, both prefer meeting in person, video calls, or phone "
        "calls (they live about 5 km apart), share experience of anxiety and bereavement, "
        "and are both free on Tuesday evenings (18:00 to 20:00) and Saturday mornings "
        "(10:00 to 12:00)."
    )


def test_the_explanation_names_no_one():
    request = make_request(place_name="Cardiff")
    supporter = make_supporter(place_name="Penarth")

    [proposal] = solve([request], [supporter], WEIGHTS, set(), TOPIC_NAMES).proposals

    assert "Cardiff" not in proposal.explanation
    assert "Penarth" not in proposal.explanation


WAITING_CASES = [
    (
        "nobody has a free place",
        {},
        [{"free_capacity": 0}, {"kinds": frozenset({"mentoring"})}],
        set(),
        "No befriender has a free place at the moment.",
    ),
    (
        "nobody speaks their language",
        {},
        [{"languages": frozenset({"pl"})}],
        set(),
        "No befriender with a free place speaks Welsh or English.",
    ),
    (
        "nobody who speaks Welsh offers the ways they'd like to meet",
        {"languages": frozenset({"cy"})},
        [{"modes": frozenset({"text_chat"})}, {"languages": frozenset({"pl"})}],
        set(),
        "No befriender who speaks Welsh offers video or phone calls.",
    ),
    (
        "nobody is near enough to meet in person",
        {"languages": frozenset({"cy"}), "modes": frozenset({"in_person"})},
        [{"modes": frozenset({"in_person"}), "latitude": SWANSEA[0], "longitude": SWANSEA[1]}],
        set(),
        "No befriender who speaks Welsh lives near enough to Cardiff to meet in person.",
    ),
    (
        "nobody is free when they are",
        {"kind": "mentoring", "languages": frozenset({"cy"})},
        [{"kinds": frozenset({"mentoring"}), "half_hours": SATURDAY_MORNING}],
        set(),
        "No mentor who speaks Welsh and offers video or phone calls is free when they are "
        "(Tuesday 18:00 to 20:00).",
    ),
    (
        "nobody is comfortable with their age group",
        {
            "languages": frozenset({"cy"}),
            "modes": frozenset({"phone", "video", "text_chat", "in_person"}),
        },
        [{"comfortable_age_groups": frozenset({"65_plus"})}],
        set(),
        "No befriender who speaks Welsh and is free when they are is comfortable supporting "
        "someone aged 25 to 34.",
    ),
    (
        "nobody is the gender they asked for",
        {"languages": frozenset({"cy"}), "supporter_genders": frozenset({"man", "non_binary"})},
        [{}],
        set(),
        "No befriender who speaks Welsh, offers video or phone calls, and is free when they "
        "are is a man or non-binary, as they asked.",
    ),
    (
        "nobody shares their experience",
        {
            "languages": frozenset({"cy"}),
            "shared_experience_important": True,
            "topic_ids": frozenset({2, 3}),
        },
        [{}],
        set(),
        "No befriender who speaks Welsh, offers video or phone calls, and is free when they "
        "are shares their experience of anxiety or loneliness.",
    ),
    (
        "the only one who fits is kept apart from them",
        {},
        [{}],
        {(10, 20)},
        "The only befrienders who fit are already matched with them or have been kept apart "
        "from them by a coordinator.",
    ),
    (
        "some fit, but the places went to others",
        {},
        [{}, {"user_id": 21}],
        set(),
        "2 befrienders fit what they asked for, but not everyone can be matched at once.",
    ),
]


@pytest.mark.parametrize(
    ("request_changes", "supporter_changes", "blocks", "message"),
    [case[1:] for case in WAITING_CASES],
    ids=[case[0] for case in WAITING_CASES],
)
def test_why_someone_is_still_waiting(request_changes, supporter_changes, blocks, message):
    request = make_request(**request_changes)
    supporters = [make_supporter(**changes) for changes in supporter_changes]

    assert explain_unmatched(request, supporters, WEIGHTS, blocks, TOPIC_NAMES) == message


def test_the_waiting_message_names_the_first_step_that_leaves_nobody():
    # One supporter speaks Polish only; the Welsh speaker has no shared time: the language
    # step leaves one, the availability step none.
    request = make_request(languages=frozenset({"cy"}), modes=frozenset({"phone"}))
    supporters = [
        make_supporter(user_id=21, languages=frozenset({"pl"})),
        make_supporter(user_id=22, half_hours=SATURDAY_MORNING),
    ]

    assert explain_unmatched(request, supporters, WEIGHTS, set()) == (
        "No befriender who speaks Welsh and offers phone calls is free when they are "
        "(Tuesday 18:00 to 20:00)."
    )


def test_nobody_at_all_reads_as_no_free_places():
    assert explain_unmatched(make_request(kind="mentoring"), [], WEIGHTS, set()) == (
        "No mentor has a free place at the moment."
    )
