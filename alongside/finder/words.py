"""Plain phrases for the finder's reasons: when a group meets, what a venue has, languages,
ways of meeting and waiting times."""

from alongside.accounts.choices import AVAILABILITY_SLOTS, LANGUAGE_NAMES, AccessNeed, Day
from alongside.matching.engine.words import join_words, topic_phrase

DAY_PARTS_PLURAL = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}
DAYTIME = frozenset({"morning", "afternoon"})

# What a venue has, as a reason ("has a hearing loop"), for each need it meets.
HAS_FEATURE = {
    AccessNeed.STEP_FREE: "has step-free access",
    AccessNeed.HEARING_LOOP: "has a hearing loop",
    AccessNeed.QUIET_SPACE: "has a quiet room",
}
LACKS_FEATURE = {
    AccessNeed.STEP_FREE: "has no step-free access",
    AccessNeed.HEARING_LOOP: "has no hearing loop",
    AccessNeed.QUIET_SPACE: "has no quiet room",
}
WITH_FEATURE = {
    AccessNeed.STEP_FREE: "step-free access",
    AccessNeed.HEARING_LOOP: "a hearing loop",
    AccessNeed.QUIET_SPACE: "a quiet room",
}
WAYS = {"in_person": "in person", "video": "by video", "phone": "by phone",
        "text_chat": "by text chat", "forum": "in a forum"}  # fmt: skip


def slot_parts(slot_indexes) -> list[tuple[str, str]]:
    return [tuple(AVAILABILITY_SLOTS[i].split("_", 1)) for i in slot_indexes]


def when_phrase(slot_indexes) -> str:
    """ "Tuesday evenings", "Tuesday and Thursday evenings", "Monday mornings and Friday
    afternoons" (at most three times, then "and other times")."""
    by_part: dict[str, list[str]] = {}
    for day, part in slot_parts(slot_indexes):
        by_part.setdefault(part, []).append(Day(day).label)
    pieces = [f"{join_words(days)} {DAY_PARTS_PLURAL[part]}" for part, days in by_part.items()]
    if len(pieces) > 3:
        return join_words([*pieces[:3], "other times"])
    return join_words(pieces)


def meets_phrase(slot_indexes) -> str:
    return f"meets on {when_phrase(slot_indexes)}"


def busy_phrase(group_slots, free_slots) -> str:
    """Why a group's times don't suit: "meets in the daytime" when it meets only in the day
    and they're free only in the evening (and the other way round), else the times."""
    group_parts = {part for _, part in slot_parts(group_slots)}
    free_parts = {part for _, part in slot_parts(free_slots)}
    if group_parts <= DAYTIME and free_parts == {"evening"}:
        return "meets in the daytime"
    if group_parts == {"evening"} and free_parts <= DAYTIME:
        return "meets in the evening"
    return f"{meets_phrase(group_slots)}, which isn't a time you said you're free"


def language_phrase(code: str) -> str:
    """ "Welsh (Cymraeg)"."""
    return LANGUAGE_NAMES.get(code, code)


def topics_phrase(names: list[str]) -> str:
    return join_words([topic_phrase(name) for name in names])


def ways_phrase(modes) -> str:
    return join_words([WAYS[m] for m in WAYS if m in modes], "or")


def weeks_text(days: float) -> str:
    weeks = round(days / 7)
    if weeks < 1:
        return "less than a week"
    return "about 1 week" if weeks == 1 else f"about {weeks} weeks"
