"""Which of someone's access needs matter for how a meeting happens, and which of those a
coordinator must arrange."""

from alongside.groups.access import needs_to_arrange, relevant_needs, why_to_arrange

ALL = [
    "step_free",
    "hearing_loop",
    "bsl_interpreter",
    "language_interpreter",
    "large_print",
    "quiet_space",
    "travel_costs",
    "childcare",
    "other",
]


def test_in_person_and_hybrid_meetings_need_everything():
    assert relevant_needs(ALL, "in_person") == ALL
    assert relevant_needs(ALL, "hybrid") == ALL


def test_a_video_call_needs_interpreters_large_print_childcare_and_anything_else():
    assert relevant_needs(ALL, "video") == [
        "bsl_interpreter",
        "language_interpreter",
        "large_print",
        "childcare",
        "other",
    ]


def test_a_phone_call_needs_only_a_language_interpreter_childcare_and_anything_else():
    assert relevant_needs(ALL, "phone") == ["language_interpreter", "childcare", "other"]


def test_a_venue_without_step_free_access_leaves_that_need_to_arrange():
    assert needs_to_arrange(["step_free"], mode="in_person", venue_features=[]) == ["step_free"]


def test_a_venue_with_step_free_access_meets_the_need():
    assert needs_to_arrange(["step_free"], mode="in_person", venue_features=["step_free"]) == []


def test_an_interpreter_always_needs_booking_even_online():
    assert needs_to_arrange(
        ["bsl_interpreter", "step_free"], mode="video", venue_features=None
    ) == ["bsl_interpreter"]


def test_large_print_and_something_else_are_passed_on_but_not_tasks():
    assert needs_to_arrange(["large_print", "other"], mode="in_person", venue_features=[]) == []


def test_the_reason_is_in_plain_words():
    assert why_to_arrange("hearing_loop", []) == "The venue has no hearing loop."
    assert why_to_arrange("language_interpreter", []) == "An interpreter needs booking."
