"""Groups against someone's answers: every group scored at once (numpy), then only the best
few and the nearest misses explained in words. What doesn't fit is either hard (the option
isn't one they could use: no shared way to meet, language, too far, a venue without what
they need) or soft (shown lower: the times, the topics, nothing planned yet)."""

from dataclasses import dataclass

import numpy as np

from alongside.finder import words
from alongside.finder.catalogue import HORIZON, LANGUAGE_CODES, Catalogue
from alongside.finder.distance import amount_text, distance_text, haversine_km_many
from alongside.finder.links import url_for
from alongside.finder.person import Person, mentioned_at, mentions
from alongside.finder.results import NextMeeting, Option, OptionKind
from alongside.groups.choices import MeetingMode
from alongside.matching.engine.words import join_words, language_name

SUMMARY_LENGTH = 200
LANGUAGE_BONUS = 20.0

# Why a group doesn't fit, hard: the order is the order misfits are told.
WAY, LANGUAGE, DISTANCE, ACCESS = "way", "language", "distance", "access"
HARD = (WAY, LANGUAGE, DISTANCE, ACCESS)

MODE_WORDS = {
    MeetingMode.IN_PERSON: "meets in person only",
    MeetingMode.VIDEO: "meets by video",
    MeetingMode.PHONE: "meets by phone",
    MeetingMode.HYBRID: "meets in person and by video",
}


@dataclass
class GroupScores:
    """Per group (arrays over the catalogue's groups)."""

    hard: dict[str, np.ndarray]  # category → bool
    fits: np.ndarray
    hard_count: np.ndarray
    score: np.ndarray
    distance_km: np.ndarray  # NaN when unknown
    in_person: np.ndarray  # they'd go in person (else by video or phone)
    remote: np.ndarray  # they could join by video or phone
    missing: np.ndarray  # the venue lacks something they need
    time_fit: np.ndarray
    time_misfit: np.ndarray
    topic_overlap: np.ndarray  # how many of their topics
    keyword_hits: np.ndarray
    language_match: np.ndarray  # one of their non-English languages


def score_groups(person: Person, catalogue: Catalogue) -> GroupScores:
    groups = catalogue.groups
    n = len(groups)
    mode_is = groups.mode_is
    venue_mode = mode_is[MeetingMode.IN_PERSON] | mode_is[MeetingMode.HYBRID]
    can_in_person = venue_mode & person.accepts("in_person")
    video_mode = mode_is[MeetingMode.VIDEO] | mode_is[MeetingMode.HYBRID]
    can_remote = (video_mode & person.accepts("video")) | (
        mode_is[MeetingMode.PHONE] & person.accepts("phone")
    )
    answers = person.answers
    if answers.has_place:
        distance = haversine_km_many(
            answers.latitude, answers.longitude, groups.latitudes, groups.longitudes
        )
    else:
        distance = np.full(n, np.nan)
    too_far = distance > (person.travel_km if person.travel_km is not None else np.inf)
    if person.need_columns:
        missing = ~groups.features[:, list(person.need_columns)].all(axis=1)
    else:
        missing = np.zeros(n, dtype=bool)
    flexible = answers.access_flexible
    in_person = can_in_person & ~too_far & (~missing | flexible | ~can_remote)
    in_person &= ~(can_remote & missing)  # by video rather than to a venue that lacks it
    if person.languages:
        language_ok = (groups.languages & person.language_columns).any(axis=1)
    else:
        language_ok = np.ones(n, dtype=bool)
    hard = {
        WAY: ~(can_in_person | can_remote),
        LANGUAGE: ~language_ok,
        DISTANCE: can_in_person & too_far & ~can_remote,
        ACCESS: can_in_person & ~too_far & missing & ~can_remote & (not flexible),
    }
    if not person.wants("group"):
        hard = {name: np.ones(n, dtype=bool) for name in hard}
    hard_count = sum(mask.astype(int) for mask in hard.values())
    fits = hard_count == 0

    meets = groups.slots.any(axis=1)
    if person.free_slots is not None:
        time_fit = (groups.slots & person.free_slots).any(axis=1)
        time_misfit = meets & ~time_fit
    else:
        time_fit = meets
        time_misfit = np.zeros(n, dtype=bool)
    topic_overlap = (groups.topics & person.topic_columns).sum(axis=1)
    non_english = person.language_columns & np.array(
        [code != "en" for code in LANGUAGE_CODES], dtype=bool
    )
    language_match = (groups.languages & non_english).any(axis=1)
    keyword_hits = np.zeros(n)
    for keyword in person.keywords:
        keyword_hits += keyword_mask(keyword, groups)

    # Their own non-English language outranks everything else that fits (a Welsh speaker
    # sees Welsh-language groups first).
    score = 3.0 * np.minimum(topic_overlap, 3) + LANGUAGE_BONUS * language_match
    score += 2.0 * (time_fit & (person.free_slots is not None)) - 3.0 * time_misfit
    score -= 2.0 * ~meets
    if person.topic_ids:
        score -= 1.0 * (topic_overlap == 0)
    score += 1.5 * np.minimum(keyword_hits, 3)
    scale = person.travel_km or 50.0
    goes_in_person = in_person | (can_in_person & ~can_remote)
    score -= 2.0 * np.where(goes_in_person & ~np.isnan(distance), distance / scale, 0.0)
    score += 0.5 / (1.0 + np.nan_to_num(groups.days_to_next, nan=np.inf) / 7.0)
    score -= 0.5 * (in_person & missing)
    return GroupScores(
        hard=hard, fits=fits, hard_count=hard_count, score=score, distance_km=distance,
        in_person=in_person, remote=can_remote, missing=missing, time_fit=time_fit,
        time_misfit=time_misfit,
        topic_overlap=topic_overlap, keyword_hits=keyword_hits, language_match=language_match,
    )  # fmt: skip


KEYWORDS_HELD = 500


def keyword_mask(keyword: str, groups) -> np.ndarray:
    """Which groups' name or purpose mentions `keyword` (one pass over all the text, then
    held with the snapshot: people often use the same words)."""
    held = groups.keyword_masks.get(keyword)
    if held is not None:
        return held
    found = np.zeros(len(groups), dtype=bool)
    positions = mentioned_at(groups.text_blob, keyword)
    if positions:
        found[np.searchsorted(groups.text_starts, positions, side="right") - 1] = True
    if len(groups.keyword_masks) < KEYWORDS_HELD:
        groups.keyword_masks[keyword] = found
    return found


def best(indexes: np.ndarray, scores: GroupScores, limit: int) -> list[int]:
    """The `limit` best of `indexes`: fewest hard misfits, then highest score."""
    if limit <= 0 or len(indexes) == 0:
        return []
    keys = scores.hard_count[indexes] * 1000.0 - scores.score[indexes]
    if len(indexes) > limit:
        chosen = np.argpartition(keys, limit - 1)[:limit]
    else:
        chosen = np.arange(len(indexes))
    chosen = chosen[np.argsort(keys[chosen], kind="stable")]
    return [int(indexes[i]) for i in chosen]


def short_summary(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"


def _distance_phrase(km: float, person: Person) -> str:
    return distance_text(km, person.answers.distance_unit)


def explain_group(i: int, person: Person, catalogue: Catalogue, s: GroupScores) -> Option:
    groups = catalogue.groups
    mode = groups.modes[i]
    reasons: list[str] = []
    misfits: list[str] = []
    slots = np.flatnonzero(groups.slots[i])
    if len(slots):
        if person.free_slots is not None and s.time_fit[i]:
            reasons.append(words.meets_phrase(np.flatnonzero(groups.slots[i] & person.free_slots)))
        elif s.time_misfit[i]:
            misfits.append(words.busy_phrase(slots, np.flatnonzero(person.free_slots)))
        else:
            reasons.append(words.meets_phrase(slots))
    else:
        misfits.append(f"no meetings are planned in the next {HORIZON.days // 7} weeks")
    distance = s.distance_km[i]
    known = not np.isnan(distance)
    if s.in_person[i]:
        if known:
            reasons.append(_distance_phrase(distance, person))
        elif groups.venue_names[i]:
            reasons.append(f"meets in person at {groups.venue_names[i]}")
        else:
            reasons.append("meets in person")
        for need, column in zip(person.needs, person.need_columns, strict=True):
            if groups.features[i, column]:
                reasons.append(words.HAS_FEATURE[need])
            elif not s.hard[ACCESS][i]:  # they said it may be shown anyway
                misfits.append(f"the venue {words.LACKS_FEATURE[need]}")
    elif s.remote[i]:
        remote = "by phone" if mode == MeetingMode.PHONE else "by video"
        reasons.append(remote)
        # Why not in person, for someone who'd go: it is too far, or lacks what they need.
        if mode == MeetingMode.HYBRID and person.accepts("in_person"):
            if known and distance > (person.travel_km or np.inf):
                misfits.append(f"its venue is {_distance_phrase(distance, person)}")
            elif s.missing[i]:
                lacking = [words.WITH_FEATURE[need] for need, column
                           in zip(person.needs, person.need_columns, strict=True)
                           if not groups.features[i, column]]  # fmt: skip
                misfits.append(f"its venue doesn't have {join_words(lacking, 'or')}")
    shared_topics = [catalogue.topic_names[t] for t in groups.topic_ids[i] if t in person.topic_ids]
    if shared_topics:
        reasons.append(f"focuses on {words.topics_phrase(shared_topics)}")
    elif person.topic_ids:
        misfits.append("isn't about the topics you chose")
    if s.language_match[i]:
        spoken = [c for c in LANGUAGE_CODES if c in person.non_english
                  and groups.languages[i, LANGUAGE_CODES.index(c)]]  # fmt: skip
        reasons.append(f"meets in {join_words([words.language_phrase(c) for c in spoken])}")
    matched = mentions(groups.search_text[i], person.keywords)
    if matched:
        reasons.append(f"mentions {join_words([f'“{k}”' for k in matched[:3]])}")
    misfits = _hard_misfits(i, person, catalogue, s) + misfits
    return Option(
        kind=OptionKind.GROUP,
        object_id=int(groups.ids[i]),
        title=groups.names[i],
        url=url_for("groups:detail", groups.slugs[i]),
        summary=short_summary(groups.purposes[i]),
        score=float(s.score[i]),
        fits=bool(s.fits[i]),
        reasons=tuple(reasons),
        misfits=tuple(misfits),
        distance_km=float(distance) if known else None,
        distance_text=_distance_phrase(distance, person) if known else "",
        next_meetings=tuple(
            NextMeeting(
                occurrence_id=pk,
                starts_at=start,
                timezone=zone,
                url=url_for("meetings:occurrence", pk),
            )
            for pk, start, zone in groups.next_meetings[i]
        ),
        topic_ids=groups.topic_ids[i],
    )


def _hard_misfits(i: int, person: Person, catalogue: Catalogue, s: GroupScores) -> list[str]:
    groups = catalogue.groups
    said: list[str] = []
    if not person.wants("group"):
        return ["you didn't choose groups"]
    if s.hard[WAY][i]:
        said.append(f"{MODE_WORDS[groups.modes[i]]}, not {words.ways_phrase(person.modes)}")
    if s.hard[LANGUAGE][i]:
        spoken = [c for j, c in enumerate(LANGUAGE_CODES) if groups.languages[i, j]]
        said.append(f"meets in {join_words([language_name(c) for c in spoken])}")
    if s.hard[DISTANCE][i]:
        unit = person.answers.distance_unit
        text = f"is {amount_text(s.distance_km[i], unit)} away"
        if person.answers.travel_distance is not None:
            text += f", further than the {amount_text(person.travel_km, unit)} you can travel"
        said.append(text)
    if s.hard[ACCESS][i]:
        lacking = [words.LACKS_FEATURE[need] for need, column
                   in zip(person.needs, person.need_columns, strict=True)
                   if not groups.features[i, column]]  # fmt: skip
        said.append(f"the venue {join_words(lacking)}")
    return said
