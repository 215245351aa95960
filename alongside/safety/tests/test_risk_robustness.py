"""assess_risk takes any string: never raises, always a valid level, and stays fast."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.safety.risk import (
    DETECTOR_VERSION,
    RiskAssessment,
    RiskContext,
    RiskLevel,
    assess_risk,
)

LEVELS = set(RiskLevel.values)


def _valid(result: RiskAssessment) -> None:
    assert result.level in LEVELS
    assert 0.0 <= result.score <= 1.0
    assert all(isinstance(signal, str) for signal in result.signals)
    assert result.detector_version == DETECTOR_VERSION


@given(st.text(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_unicode_is_assessed(text):
    _valid(assess_risk(text))


@given(st.text(alphabet="kilmysef13!|@$ .,'\"\u200b\n", max_size=300))
@settings(max_examples=300, deadline=None)
def test_text_made_of_risky_letters_is_assessed(text):
    _valid(assess_risk(text))


def test_the_result_is_frozen_and_the_context_is_optional():
    result = assess_risk("hello", RiskContext(purpose="message", author_id=7))
    _valid(result)
    try:
        result.level = RiskLevel.URGENT
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("RiskAssessment must be frozen")


def test_none_is_treated_as_empty():
    assert assess_risk(None).level == RiskLevel.NONE


def test_emoji_only_and_mixed_scripts():
    _valid(assess_risk("😢😢😢💔"))
    _valid(assess_risk("Я хочу 死 kill мyself"))
    _valid(assess_risk("\u202e\u0000\ufffd\U0010ffff"))


# Not a speed test (bench/risk_detector.py measures speed): a pattern that backtracks
# catastrophically on long input takes minutes, so a bound this loose only catches that.
BACKTRACKING_BOUND_S = 10.0


def _timed(text: str) -> float:
    start = time.perf_counter()
    _valid(assess_risk(text))
    return time.perf_counter() - start


def test_fifty_thousand_characters_are_assessed_without_catastrophic_backtracking():
    assert (
        _timed("I feel a bit low today and the exam is killing me. " * 1000) < BACKTRACKING_BOUND_S
    )
    assert _timed("i " * 25_000) < BACKTRACKING_BOUND_S
    assert _timed("a" * 50_000) < BACKTRACKING_BOUND_S
    assert _timed('"' + "i want to " * 5_000) < BACKTRACKING_BOUND_S
    assert _timed("k1ll " * 10_000) < BACKTRACKING_BOUND_S
    assert _timed("' " * 25_000) < BACKTRACKING_BOUND_S


def test_fifty_thousand_characters_of_repeated_risk_phrases_are_assessed():
    assert _timed("i want to die and " * 2_800) < BACKTRACKING_BOUND_S
    assert _timed("i am not suicidal and " * 2_300) < BACKTRACKING_BOUND_S
    assert _timed("kill myself, " * 4_000) < BACKTRACKING_BOUND_S
    assert _timed("i feel hopeless and " * 2_500) < BACKTRACKING_BOUND_S
    assert _timed('"i want to die" and ' * 2_500) < BACKTRACKING_BOUND_S


def test_a_long_message_still_finds_the_risk():
    text = "Nothing much happened today. " * 1500 + "I'm going to kill myself tonight."
    assert len(text) > 40_000
    assert assess_risk(text).level == RiskLevel.URGENT
