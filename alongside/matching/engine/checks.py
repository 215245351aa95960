"""The hard constraints for one request and one supporter, in a fixed order, each with the
plain reason it gives when a pair fails it. `problem.py` applies the same rules to every
pair at once; these are for explaining (pair_problems, explain_unmatched) and testing.

Reasons name no one: they are read by coordinators about people they may not have met.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from alongside.matching.engine.facts import BLOCK_MINUTES, RequestFacts, SupporterFacts, Weights
from alongside.matching.engine.words import kind_label

IN_PERSON = "in_person"
EARTH_RADIUS_KM = 6371.0088


def unit_vector(latitude, longitude) -> tuple[float, float, float]:
    """A place as a point on the unit sphere (NaN if there is no place)."""
    if latitude is None or longitude is None:
        return (math.nan, math.nan, math.nan)
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


# Distances are compared as squared chords between unit vectors, with plain arithmetic
# only, so that the vectorised check (problem.py) and this one agree to the last bit.
def chord_squared(p, q):
    dx, dy, dz = p[0] - q[0], p[1] - q[1], p[2] - q[2]
    return dx * dx + dy * dy + dz * dz


def chord_limit(max_km) -> float:
    """The squared chord of a great-circle distance of max_km (NaN if not given)."""
    if max_km is None:
        return math.nan
    chord = 2 * math.sin(min(float(max_km), math.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM))
    return chord * chord


def km_from_chord_squared(value):
    """Great-circle km from squared chords; numbers or numpy arrays."""
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(value) / 2))


def pair_distance_km(request: RequestFacts, supporter: SupporterFacts) -> float | None:
    if not (request.has_place and supporter.has_place):
        return None
    return float(km_from_chord_squared(chord_squared(_unit(request), _unit(supporter))))


def _unit(person):
    return unit_vector(person.latitude, person.longitude)


def overlap_minutes(request: RequestFacts, supporter: SupporterFacts) -> int:
    return len(request.half_hours & supporter.half_hours) * BLOCK_MINUTES


@dataclass(frozen=True)
class Check:
    name: str
    passes: Callable[[RequestFacts, SupporterFacts, Weights, set], bool]
    reason: Callable[[RequestFacts, SupporterFacts, Weights], str]


def _in_person_ok(request, supporter, weights, blocks) -> bool:
    shared = request.modes & supporter.modes
    if shared != {IN_PERSON}:
        return True
    if not (request.has_place and supporter.has_place) or supporter.max_distance_km is None:
        return False
    return chord_squared(_unit(request), _unit(supporter)) <= chord_limit(supporter.max_distance_km)


def _in_person_reason(request, supporter, weights) -> str:
    km = pair_distance_km(request, supporter)
    if km is None:
        return (
            "the only way of meeting they share is in person, and one of them hasn't given "
            "a home town"
        )
    if supporter.max_distance_km is None:
        return (
            "the only way of meeting they share is in person, and the supporter hasn't said "
            "how far they can travel"
        )
    return (
        "the only way of meeting they share is in person, and they live about "
        f"{km:.0f} km apart, further than the supporter can travel "
        f"({supporter.max_distance_km:g} km)"
    )


CHECKS: list[Check] = [
    Check(
        "self",
        lambda r, s, w, b: r.member_id != s.user_id,
        lambda r, s, w: "the person asking and the supporter are the same person",
    ),
    Check(
        "kind",
        lambda r, s, w, b: r.kind in s.kinds,
        lambda r, s, w: f"the supporter doesn't offer {kind_label(r.kind)}",
    ),
    Check(
        "capacity",
        lambda r, s, w, b: s.free_capacity > 0,
        lambda r, s, w: "the supporter has no free places",
    ),
    Check(
        "language",
        lambda r, s, w, b: bool(r.languages & s.languages),
        lambda r, s, w: "they don't share a language",
    ),
    Check(
        "mode",
        lambda r, s, w, b: bool(r.modes & s.modes),
        lambda r, s, w: "they don't share a way of meeting",
    ),
    Check("distance", _in_person_ok, _in_person_reason),
    Check(
        "availability",
        lambda r, s, w, b: len(r.half_hours & s.half_hours) >= w.min_overlap_blocks,
        lambda r, s, w: (
            "they aren't free at the same time for long enough "
            f"(at least {w.min_overlap_minutes} minutes a week)"
        ),
    ),
    Check(
        "supporter_age_groups",
        lambda r, s, w, b: not s.comfortable_age_groups or r.age_group in s.comfortable_age_groups,
        lambda r, s, w: (
            "the supporter has said which age groups they're comfortable supporting, and "
            "the person's age group isn't one of them"
        ),
    ),
    Check(
        "gender",
        lambda r, s, w, b: not r.supporter_genders or s.gender in r.supporter_genders,
        lambda r, s, w: "the person asked for a supporter of a different gender",
    ),
    Check(
        "age_group",
        lambda r, s, w, b: not r.supporter_age_groups or s.age_group in r.supporter_age_groups,
        lambda r, s, w: "the person asked for a supporter in a different age group",
    ),
    Check(
        "shared_experience",
        lambda r, s, w, b: not r.shared_experience_important or bool(r.topic_ids & s.topic_ids),
        lambda r, s, w: (
            "the person would like someone with shared experience, and they have no topics "
            "in common"
        ),
    ),
    Check(
        "block",
        lambda r, s, w, b: (r.member_id, s.user_id) not in b,
        lambda r, s, w: (
            "this pair can't be matched: they are already matched, or a coordinator has "
            "kept them apart"
        ),
    ),
]
CHECKS_BY_NAME = {check.name: check for check in CHECKS}


def failed_checks(
    request: RequestFacts, supporter: SupporterFacts, weights: Weights, blocks
) -> list[Check]:
    return [c for c in CHECKS if not c.passes(request, supporter, weights, blocks)]


def pair_problems(
    request: RequestFacts, supporter: SupporterFacts, weights: Weights, blocks
) -> list[str]:
    """Plain reasons this pair can't be matched, in a fixed order; [] if it can."""
    return [
        c.reason(request, supporter, weights)
        for c in failed_checks(request, supporter, weights, blocks or set())
    ]
