"""Plain words about matches: why a proposed pair fits, and why someone is still waiting.

Both are read by coordinators (and a pair's explanation by the pair) and name no one.
"""

from alongside.matching.engine.checks import CHECKS_BY_NAME, IN_PERSON, pair_distance_km
from alongside.matching.engine.facts import RequestFacts, SupporterFacts, Weights
from alongside.matching.engine.words import (
    MODE_ORDER,
    age_groups_phrase,
    day_name,
    day_part,
    gender_phrase,
    join_words,
    language_list,
    mode_list,
    supporter_noun,
    topic_phrase,
)

BLOCKS_PER_DAY = 48
MAX_TIMES_NAMED = 2
MAX_TOPICS_NAMED = 3


def _runs(blocks) -> list[tuple[int, int, int]]:
    """Half-hour blocks as (day, first block of the day, block after the last) runs."""
    runs: list[tuple[int, int, int]] = []
    for block in sorted(blocks):
        day, of_day = divmod(block, BLOCKS_PER_DAY)
        if runs and runs[-1][0] == day and runs[-1][2] == of_day:
            runs[-1] = (day, runs[-1][1], of_day + 1)
        else:
            runs.append((day, of_day, of_day + 1))
    return runs


def _clock(block_of_day: int) -> str:
    return f"{block_of_day // 2:02d}:{(block_of_day % 2) * 30:02d}"


def times_phrase(blocks, *, with_day_parts: bool) -> str:
    """ "Tuesday evenings (18:00 to 20:00)" or "Tuesday 18:00 to 20:00", the first two
    times of the week and how many more."""
    runs = _runs(blocks)
    named = []
    for day, start, end in runs[:MAX_TIMES_NAMED]:
        span = f"{_clock(start)} to {_clock(end)}"
        if with_day_parts:
            named.append(f"{day_name(day)} {day_part(start)} ({span})")
        else:
            named.append(f"{day_name(day)} {span}")
    others = len(runs) - len(named)
    if others:
        named.append(f"{others} other time{'' if others == 1 else 's'} a week")
    return join_words(named)


def describe_pair(
    request: RequestFacts, supporter: SupporterFacts, topic_names: dict[int, str]
) -> str:
    """Why this pair fits: "Both speak Welsh, both prefer phone calls, share experience of
    bereavement, and are both free on Tuesday evenings (18:00 to 20:00)."""
    parts = []
    languages = request.languages & supporter.languages
    if languages:
        parts.append(f"both speak {language_list(languages)}")
    modes = request.modes & supporter.modes
    if modes:
        phrase = f"both prefer {mode_list(modes)}"
        km = pair_distance_km(request, supporter)
        if IN_PERSON in modes and km is not None:
            phrase += f" (they live about {max(1, round(km))} km apart)"
        parts.append(phrase)
    topics = sorted(
        (topic_names.get(t, "") for t in request.topic_ids & supporter.topic_ids),
        key=str.casefold,
    )
    topics = [t for t in topics if t]
    if topics:
        named = [topic_phrase(t) for t in topics[:MAX_TOPICS_NAMED]]
        if len(topics) > MAX_TOPICS_NAMED:
            named.append(f"{len(topics) - MAX_TOPICS_NAMED} more")
        parts.append(f"share experience of {join_words(named)}")
    shared_time = request.half_hours & supporter.half_hours
    if shared_time:
        parts.append(f"are both free on {times_phrase(shared_time, with_day_parts=True)}")
    if not parts:
        return "They fit what each of them asked for."
    sentence = join_words(parts)
    return sentence[0].upper() + sentence[1:] + "."


# explain_unmatched applies the constraints in this order and names the step at which
# nobody is left.
STEPS = [
    ("place", ["self", "kind", "capacity"]),
    ("language", ["language"]),
    ("mode", ["mode"]),
    ("distance", ["distance"]),
    ("availability", ["availability"]),
    ("supporter_age_groups", ["supporter_age_groups"]),
    ("gender", ["gender"]),
    ("age_group", ["age_group"]),
    ("shared_experience", ["shared_experience"]),
    ("block", ["block"]),
]


def explain_unmatched(
    request: RequestFacts,
    supporters: list[SupporterFacts],
    weights: Weights,
    blocks,
    topic_names: dict[int, str] | None = None,
) -> str:
    """Why nobody could be proposed for `request`, in plain words for a coordinator:
    "No befriender who speaks Welsh offers phone or video calls." """
    blocks = blocks or set()
    remaining = list(supporters)
    for step, names in STEPS:
        checks = [CHECKS_BY_NAME[name] for name in names]
        remaining = [
            s for s in remaining if all(c.passes(request, s, weights, blocks) for c in checks)
        ]
        if not remaining:
            return _nobody_left(step, request, topic_names or {})
    count = len(remaining)
    noun = supporter_noun(request.kind, count)
    verb = "fits" if count == 1 else "fit"
    return f"{count} {noun} {verb} what they asked for, but not everyone can be matched at once."


def _languages(request: RequestFacts) -> str:
    return language_list(request.languages, "or") or "their language"


def _who(request: RequestFacts, step: str) -> str:
    """What the earlier steps asked of a supporter, as a relative clause."""
    order = [name for name, _ in STEPS]
    reached = order.index(step)
    clauses = [f"speaks {_languages(request)}"]
    restricted_modes = set(MODE_ORDER) - set(request.modes)
    if reached > order.index("distance") and restricted_modes and request.modes:
        clauses.append(f"offers {mode_list(request.modes)}")
    if reached > order.index("availability"):
        clauses.append("is free when they are")
    return "who " + join_words(clauses)


def _nobody_left(step: str, request: RequestFacts, topic_names: dict[int, str]) -> str:
    noun = supporter_noun(request.kind)
    if step == "place":
        return f"No {noun} has a free place at the moment."
    if step == "language":
        return f"No {noun} with a free place speaks {_languages(request)}."
    who = _who(request, step)
    if step == "mode":
        return f"No {noun} {who} offers {mode_list(request.modes) or 'a way they can meet'}."
    if step == "distance":
        if not request.has_place:
            return (
                f"No {noun} {who} can meet in person without a home town on the request: "
                "add one to find someone nearby."
            )
        near = f" to {request.place_name}" if request.place_name else ""
        return f"No {noun} {who} lives near enough{near} to meet in person."
    if step == "availability":
        times = times_phrase(request.half_hours, with_day_parts=False) or "no times given"
        return f"No {noun} {who} is free when they are ({times})."
    if step == "supporter_age_groups":
        if request.age_group:
            age = age_groups_phrase([request.age_group])
            return f"No {noun} {who} is comfortable supporting someone {age}."
        return f"No {noun} {who} is comfortable supporting someone whose age group isn't known."
    if step == "gender":
        return f"No {noun} {who} is {gender_phrase(request.supporter_genders)}, as they asked."
    if step == "age_group":
        wanted = age_groups_phrase(request.supporter_age_groups)
        if request.supporter_genders:
            wanted = f"{gender_phrase(request.supporter_genders)} {wanted}"
        return f"No {noun} {who} is {wanted}, as they asked."
    if step == "shared_experience":
        if not request.topic_ids:
            return (
                f"They asked for someone with shared experience but named no topics, so no "
                f"{noun} {who} can be found for it."
            )
        named = sorted((topic_names.get(t, "") for t in request.topic_ids), key=str.casefold)
        named = [topic_phrase(t) for t in named if t]
        of = f" of {join_words(named, 'or')}" if named else ""
        return f"No {noun} {who} shares their experience{of}."
    plural = supporter_noun(request.kind, 2)
    return (
        f"The only {plural} who fit are already matched with them or have been kept apart "
        "from them by a coordinator."
    )
