"""Mentoring, befriending and online communities against someone's answers. There are few
of these (two kinds, a few dozen spaces), so each is checked one by one."""

from dataclasses import dataclass

import numpy as np

from alongside.finder import words
from alongside.finder.catalogue import (
    LANGUAGE_CODES,
    ONE_TO_ONE_MODES,
    Catalogue,
    SpaceRow,
    Supporters,
)
from alongside.finder.distance import haversine_km_many
from alongside.finder.links import url_for
from alongside.finder.person import Person, mentions
from alongside.finder.ranking import LANGUAGE_BONUS, short_summary
from alongside.finder.results import Option, OptionKind
from alongside.matching.choices import SupportKind
from alongside.matching.engine.words import (
    join_words,
    language_list,
    supporter_noun,
    topic_phrase,
)

MIN_OVERLAP_BLOCKS = 2  # an hour a week together
LONG_WAIT_DAYS = 8 * 7
SPACE_MODES = frozenset({"forum", "text_chat"})

SUMMARIES = {
    SupportKind.MENTORING: "A trained peer mentor meets you one to one for a set time, to "
    "work towards something that matters to you.",
    SupportKind.BEFRIENDING: "A trained befriender keeps you company one to one: a regular "
    "chat, a walk or a cup of tea.",
}
# What stops a supporter fitting, in the order they are checked and told.
LANGUAGE, WAY, DISTANCE, TIME = "language", "way", "distance", "time"


@dataclass(frozen=True)
class SupporterFits:
    """Each supporter with a free place against someone's answers (arrays over them)."""

    failed: dict[str, np.ndarray]  # LANGUAGE, WAY, DISTANCE, TIME → bool
    fits: np.ndarray
    modes: np.ndarray  # bool, supporters x ONE_TO_ONE_MODES: ways the two could meet


def check_supporters(person: Person, table: Supporters) -> SupporterFits:
    n = len(table)
    answers = person.answers
    if person.languages:
        language_ok = (table.languages & person.language_columns).any(axis=1)
    else:
        language_ok = np.ones(n, dtype=bool)
    wanted = np.array([person.accepts(mode) for mode in ONE_TO_ONE_MODES], dtype=bool)
    offered = table.modes & wanted
    modes = offered.copy()
    if answers.has_place:
        km = haversine_km_many(answers.latitude, answers.longitude,
                               table.latitudes, table.longitudes)  # fmt: skip
        reach = np.minimum(table.max_km, person.travel_km or np.inf)
        # As matching decides: in person needs the supporter's town and how far they go.
        modes[:, 0] &= (km <= reach) & np.isfinite(table.max_km)
    way_failed = ~offered.any(axis=1)
    if person.free_half_hours:
        blocks = sorted(person.free_half_hours)
        time_ok = table.half_hours[:, blocks].sum(axis=1) >= MIN_OVERLAP_BLOCKS
    else:
        time_ok = np.ones(n, dtype=bool)
    failed = {
        LANGUAGE: ~language_ok,
        WAY: way_failed,
        DISTANCE: ~way_failed & ~modes.any(axis=1),
        TIME: ~time_ok,
    }
    fits = language_ok & modes.any(axis=1) & time_ok
    return SupporterFits(failed=failed, fits=fits, modes=modes)


def waiting_text(catalogue: Catalogue, kind: str, *, someone_fits: bool) -> str:
    """The current wait; "No wait" only when a supporter with a free place suits them."""
    waiting = catalogue.waiting.get(kind)
    if waiting is None:
        return ""
    if waiting.no_wait and someone_fits:
        return "No wait at the moment."
    if waiting.days is None:
        return ""
    return f"The wait is {words.weeks_text(waiting.days)} at the moment."


def _blocker(kind: str, person: Person, checked: SupporterFits) -> str:
    """What stops every supporter fitting: a reason only when it holds for all of them."""
    noun = supporter_noun(kind)
    if len(checked.fits) == 0:
        return f"no {noun} has a free place at the moment"
    if checked.failed[LANGUAGE].all():
        spoken = language_list(person.languages, "or")
        return f"no {noun} with a free place speaks {spoken}"
    if checked.failed[WAY].all():
        return f"no {noun} with a free place offers support {words.ways_phrase(person.modes)}"
    if checked.failed[DISTANCE].all():
        return f"no {noun} with a free place meets in person near {person.place_short}"
    if checked.failed[TIME].all():
        return f"no {noun} with a free place is free at the times you chose"
    return f"no {noun} with a free place fits everything you told us"


def one_to_one_option(kind: str, person: Person, catalogue: Catalogue) -> Option:
    table = catalogue.supporters[kind]
    checked = check_supporters(person, table)
    count = int(checked.fits.sum())
    noun = supporter_noun(kind, count)
    reasons: list[str] = []
    misfits: list[str] = []
    score = 2.0
    if not person.wants("one_to_one"):
        misfits.append("you didn't choose one to one support")
    elif count:
        reasons.append(f"{count} trained {noun} could support you")
        shared = checked.modes[checked.fits].any(axis=0)
        reasons.append(
            words.ways_phrase({m for m, on in zip(ONE_TO_ONE_MODES, shared, strict=True) if on})
        )
        fitting_languages = table.languages[checked.fits].any(axis=0)
        spoken = [code for j, code in enumerate(LANGUAGE_CODES)
                  if code in person.non_english and fitting_languages[j]]  # fmt: skip
        if spoken:
            reasons.append(f"in {join_words([words.language_phrase(c) for c in spoken], 'or')}")
            score += LANGUAGE_BONUS
        lived = table.topics[checked.fits] & person.topic_columns
        experienced = int(lived.any(axis=1).sum())
        if experienced:
            covered = lived.any(axis=0)
            # Only the topics one of them knows: "2 of them have experience of anxiety or
            # bereavement" (each of at least one).
            columns = catalogue.topic_columns
            names = [catalogue.topic_names[t] for t in sorted(person.topic_ids)
                     if t in columns and covered[columns[t]]]  # fmt: skip
            fitting = int(checked.fits.sum())
            if fitting == 1:
                they = "they have"
            elif experienced == fitting:
                they = "all of them have"
            else:
                they = "1 of them has" if experienced == 1 else f"{experienced} of them have"
            joined = join_words([topic_phrase(name) for name in names[:3]],
                                "and" if experienced == 1 else "or")  # fmt: skip
            reasons.append(f"{they} experience of {joined}")
            score += 3.0
    else:
        misfits.append(_blocker(kind, person, checked))
    waiting = catalogue.waiting.get(kind)
    if waiting is not None and waiting.days is not None and not waiting.no_wait:
        if waiting.days > LONG_WAIT_DAYS:
            misfits.append(f"the wait is {words.weeks_text(waiting.days)} at the moment")
            score -= 2.0
    elif waiting is not None and waiting.no_wait and count:
        reasons.append("no wait at the moment")
    hard = not person.wants("one_to_one") or not count
    return Option(
        kind=OptionKind(kind),
        object_id=None,
        title=SupportKind(kind).label,
        url=url_for("matching:request", kind),
        summary=SUMMARIES[kind],
        score=score,
        fits=not hard,
        reasons=tuple(reasons),
        misfits=tuple(misfits),
        waiting_text=waiting_text(catalogue, kind, someone_fits=not hard),
    )


def space_option(space: SpaceRow, person: Person, catalogue: Catalogue) -> Option:
    reasons: list[str] = []
    misfits: list[str] = []
    hard = False
    score = 1.0
    if not person.wants("online"):
        misfits.append("you didn't choose online communities")
        hard = True
    if person.modes and not person.modes & SPACE_MODES:
        misfits.append(f"is a forum and text chat, and you chose {words.ways_phrase(person.modes)}")
        hard = True
    else:
        reasons.append("a forum and chat you can join any time")
    if person.languages and "en" not in person.languages:
        misfits.append("is in English")
        hard = True
    shared = [catalogue.topic_names[t] for t in sorted(space.topic_ids & person.topic_ids)
              if t in catalogue.topic_names]  # fmt: skip
    if shared:
        reasons.append(f"about {words.topics_phrase(shared)}")
        score += 3.0 * min(len(shared), 3)
    elif person.topic_ids:
        misfits.append("isn't about the topics you chose")
        score -= 1.0
    text = f"{space.name} {space.description}".lower()
    matched = mentions(text, person.keywords)
    if matched:
        reasons.append(f"mentions {join_words([f'“{k}”' for k in matched[:3]])}")
        score += 1.5 * min(len(matched), 3)
    return Option(
        kind=OptionKind.SPACE,
        object_id=space.id,
        title=space.name,
        url=url_for("community:space", space.slug),
        summary=short_summary(space.description),
        score=score,
        fits=not hard,
        reasons=tuple(reasons),
        misfits=tuple(misfits),
        topic_ids=tuple(sorted(space.topic_ids)),
    )
