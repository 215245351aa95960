"""Finding support: every form at once, ranked, each with its reasons in plain words."""

import numpy as np

from alongside.finder import words
from alongside.finder.answers import FinderAnswers
from alongside.finder.catalogue import Catalogue, get_catalogue
from alongside.finder.distance import amount_text, distance_text
from alongside.finder.one_to_one import one_to_one_option, space_option
from alongside.finder.person import Person, person_from
from alongside.finder.ranking import (
    ACCESS,
    DISTANCE,
    HARD,
    LANGUAGE,
    WAY,
    GroupScores,
    best,
    explain_group,
    score_groups,
)
from alongside.finder.results import FinderResult, Option
from alongside.matching.choices import SupportKind
from alongside.matching.engine.words import join_words, language_list

NEAREST = 3


def find_support(answers: FinderAnswers, *, limit: int = 20, now=None) -> FinderResult:
    """The options that fit `answers`, best first (at most `limit`); when fewer than three
    fit, up to three near misses saying what doesn't fit; when none fit, why not.
    One query when the catalogue is current."""
    limit = max(0, min(int(limit), 200))
    catalogue = get_catalogue(now=now)
    person = person_from(answers, catalogue)
    scores = score_groups(person, catalogue)
    group_options = [
        explain_group(i, person, catalogue, scores)
        for i in best(np.flatnonzero(scores.fits), scores, limit)
    ]
    others = []
    if person.wants("one_to_one"):
        others += [one_to_one_option(kind, person, catalogue) for kind in SupportKind.values]
    if person.wants("online"):
        others += [space_option(space, person, catalogue) for space in catalogue.spaces]
    fitting = sorted(group_options + [o for o in others if o.fits], key=lambda o: -o.score)[:limit]
    nearest: list[Option] = []
    if len(fitting) < NEAREST:
        missed = []
        if person.wants("group"):
            near_groups = best(np.flatnonzero(~scores.fits), scores, NEAREST)
            missed += [(int(scores.hard_count[i]), explain_group(i, person, catalogue, scores))
                       for i in near_groups]  # fmt: skip
        missed += [(1, o) for o in others if not o.fits]
        missed.sort(key=lambda pair: (pair[0], -pair[1].score))
        nearest = [option for _, option in missed[:NEAREST]]
    reason = "" if fitting else nothing_found_reason(person, catalogue, scores, others)
    return FinderResult(
        options=tuple(fitting),
        nearest=tuple(nearest),
        nothing_found_reason=reason,
        considered=len(catalogue.groups) + len(others),
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _group_blocker(person: Person, catalogue: Catalogue, s: GroupScores) -> str:
    """The main reason no group fits, said only when it is true of every group."""
    if len(catalogue.groups) == 0:
        return "No groups are running at the moment."
    alone = {c: int((s.hard[c] & (s.hard_count == 1)).sum()) for c in HARD}
    total = {c: int(s.hard[c].sum()) for c in HARD}
    for main in sorted(HARD, key=lambda c: (alone[c], total[c]), reverse=True):
        if not total[main]:
            continue
        if main in (DISTANCE, ACCESS) and person.answers.has_place:
            text = _distance_blocker(person, s)
        elif main == ACCESS and s.hard[ACCESS].all():
            needs = join_words([words.WITH_FEATURE[n] for n in person.needs])
            text = f"No group meets at a venue with {needs}."
        elif main == LANGUAGE and person.languages and s.hard[LANGUAGE].all():
            spoken = language_list(person.languages, "or")
            text = f"No group meets in {spoken}."
        elif main == WAY and person.modes and s.hard[WAY].all():
            text = f"No group meets {words.ways_phrase(person.modes)}."
        else:
            text = ""
        if text:
            return text
    return "No group fits everything you told us."


def _distance_blocker(person: Person, s: GroupScores) -> str:
    """ "No group meets within 5 miles of Tenby with step-free access.", unless one does."""
    answers = person.answers
    unit = answers.distance_unit
    strict = bool(person.needs) and not answers.access_flexible
    usable = ~s.hard[WAY] & ~np.isnan(s.distance_km)
    if strict:
        usable &= ~s.missing
    within = usable & (s.distance_km <= person.travel_km)
    if (within & ~s.hard[LANGUAGE]).any():
        return ""
    spoken = ""
    if within.any():  # near enough, but not in their language
        spoken = " in " + language_list(person.languages, "or")
    needs = " with " + join_words([words.WITH_FEATURE[n] for n in person.needs]) if strict else ""
    within_text = amount_text(person.travel_km, unit)
    text = f"No group{spoken} meets within {within_text} of {person.place_short}{needs}."
    could_go = usable & ~s.hard[LANGUAGE]
    if could_go.any():
        nearest = float(s.distance_km[could_go].min())
        text += f" The nearest is {distance_text(nearest, unit)}."
    return text


def nothing_found_reason(
    person: Person, catalogue: Catalogue, scores: GroupScores, others: list[Option]
) -> str:
    """One or two sentences naming what stood in the way."""
    sentences = []
    if person.wants("group"):
        sentences.append(_group_blocker(person, catalogue, scores))
    for option in others:
        if len(sentences) >= 2:
            break
        if option.misfits and option.kind != "space" and not option.misfits[0].startswith("you"):
            sentences.append(_sentence(option.misfits[0]))
    if not sentences and person.wants("online"):
        sentences.append(
            "None of our online communities fits what you told us."
            if catalogue.spaces
            else "There are no online communities at the moment."
        )
    return " ".join(sentences[:2]) or "Nothing we offer fits everything you told us."
