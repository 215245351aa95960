"""What the finder needs from someone's answers, worked out once per search."""

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from alongside.accounts.choices import AVAILABILITY_SLOTS, ContactMode
from alongside.finder.answers import FinderAnswers, Format
from alongside.finder.catalogue import FEATURES, LANGUAGE_CODES, Catalogue
from alongside.groups.access import NEED_FEATURES
from alongside.matching.availability import from_day_parts, half_hours

# Someone who gave a town but not how far they'll go: about 20 miles.
DEFAULT_TRAVEL_KM = 32.0
STOP_WORDS = frozenset(
    {
        "about",
        "after",
        "again",
        "also",
        "because",
        "been",
        "being",
        "could",
        "does",
        "doing",
        "from",
        "have",
        "having",
        "into",
        "just",
        "like",
        "more",
        "much",
        "really",
        "some",
        "something",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "thing",
        "things",
        "this",
        "those",
        "through",
        "very",
        "want",
        "what",
        "when",
        "where",
        "which",
        "while",
        "with",
        "would",
        "your",
        "feel",
        "feeling",
        "someone",
        "people",
    }
)


@dataclass(frozen=True)
class Person:
    answers: FinderAnswers
    formats: frozenset[str]  # empty: any
    modes: frozenset[str]  # empty: any
    languages: frozenset[str]
    topic_ids: frozenset[int]
    topic_columns: np.ndarray  # bool over the catalogue's topic columns
    language_columns: np.ndarray  # bool over LANGUAGE_CODES
    free_slots: np.ndarray | None  # bool over AVAILABILITY_SLOTS; None: any time
    free_half_hours: frozenset[int]
    travel_km: float | None
    needs: tuple[str, ...]  # access needs a venue meets with a feature
    need_columns: tuple[int, ...]
    keywords: tuple[str, ...]

    def wants(self, form: str) -> bool:
        return not self.formats or form in self.formats

    def accepts(self, mode: str) -> bool:
        return not self.modes or mode in self.modes

    @property
    def place_short(self) -> str:
        return self.answers.place_name.split(",")[0]

    @property
    def non_english(self) -> frozenset[str]:
        return self.languages - {"en"}


def stem(word: str) -> str:
    """A rough stem, so that "walking" finds "walk" and "carers" finds "carer"."""
    for ending, shortest in (("ing", 7), ("ed", 6), ("s", 5)):
        if word.endswith(ending) and len(word) >= shortest:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str) -> re.Pattern:
    """The keyword and the endings `stem` takes off, up to the end of a word: "walk" finds
    "walking", not "walkway"; "hear" finds "hearing", not "heart". Starts with the word
    itself (fast to search for): see `mentioned_at` for the start of the word."""
    return re.compile(rf"{re.escape(keyword)}(?:s|es|ed|ing|er|ers)?\b")


def mentioned_at(text: str, keyword: str) -> list[int]:
    """Where `text` has `keyword` as a word of its own (not inside "unwalked")."""
    return [match.start() for match in keyword_pattern(keyword).finditer(text)
            if match.start() == 0 or not text[match.start() - 1].isalnum()]  # fmt: skip


def mentions(text: str, keywords: tuple[str, ...]) -> list[str]:
    """The words of `text` that its keywords found, as written there ("carers")."""
    found = []
    for keyword in keywords:
        at = mentioned_at(text, keyword)
        if at:
            found.append(keyword_pattern(keyword).match(text, at[0]).group())
    return list(dict.fromkeys(found))


def keywords(text: str, *, limit: int = 6) -> tuple[str, ...]:
    words = re.findall(r"[^\W\d_]{4,}", text.lower()[:2000])
    return tuple(dict.fromkeys(stem(w) for w in words if w not in STOP_WORDS))[:limit]


def person_from(answers: FinderAnswers, catalogue: Catalogue) -> Person:
    topic_columns = np.zeros(max(1, len(catalogue.topic_columns)), dtype=bool)
    for topic_id in answers.topics:
        if topic_id in catalogue.topic_columns:
            topic_columns[catalogue.topic_columns[topic_id]] = True
    languages = frozenset(answers.languages)
    language_columns = np.array([code in languages for code in LANGUAGE_CODES], dtype=bool)
    free_slots = None
    free_half_hours: frozenset[int] = frozenset()
    slots = [s for s in answers.availability if s in AVAILABILITY_SLOTS]
    if slots:
        free_slots = np.array([slot in slots for slot in AVAILABILITY_SLOTS], dtype=bool)
        free_half_hours = frozenset(half_hours(from_day_parts(slots)))
    travel_km = answers.travel_km
    if travel_km is None and answers.has_place:
        travel_km = DEFAULT_TRAVEL_KM
    needs = tuple(need for need in answers.access_needs if need in NEED_FEATURES)
    return Person(
        answers=answers,
        formats=frozenset(f for f in answers.formats if f in Format.values),
        modes=frozenset(m for m in answers.modes if m in ContactMode.values),
        languages=languages,
        topic_ids=frozenset(answers.topics),
        topic_columns=topic_columns,
        language_columns=language_columns,
        free_slots=free_slots,
        free_half_hours=free_half_hours,
        travel_km=travel_km,
        needs=needs,
        need_columns=tuple(FEATURES.index(NEED_FEATURES[need]) for need in needs),
        keywords=keywords(answers.about),
    )
