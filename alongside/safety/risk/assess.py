"""The rule tier of ``assess_risk``: see the package docstring for the tiers."""

import bisect
import re
from dataclasses import dataclass, field

from django.db import models

from . import rules
from .normalise import normalise

DETECTOR_VERSION = "rules-1"

_SENTENCE = re.compile(r"[^.!?\n]+")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself)\b")
_NEGATED_OBJECT = re.compile(r"\bnot (?:wake up|be alive|exist)\b")
_X = rules.EXCEPTIONS
_CLAUSE_WINDOW = 120


class RiskLevel(models.TextChoices):
    NONE = "none", "No risk found"
    CONCERN = "concern", "Concern"
    URGENT = "urgent", "Urgent"


@dataclass(frozen=True)
class RiskContext:
    """Where the text comes from. The rules ignore it; the classifier tier may not."""

    purpose: str = "post"
    author_id: int | None = None


@dataclass(frozen=True)
class RiskAssessment:
    level: RiskLevel
    signals: tuple[str, ...]
    score: float
    detector_version: str = DETECTOR_VERSION


@dataclass
class _Findings:
    signals: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    present_intent: bool = False

    def add(self, signal: str, weight: float = 0.0) -> None:
        if signal not in self.signals:
            self.signals.append(signal)
        if weight:
            self.weights.append(weight)


def _clause_before(sentence: str, position: int) -> str:
    start = max(0, position - _CLAUSE_WINDOW)  # bounded, so long text stays linear
    for match in _X["clause_break"].finditer(sentence, start, position):
        start = match.end()
    return sentence[start:position]


def _is_negated(sentence: str, match: re.Match) -> bool:
    text = _clause_before(sentence, match.start()) + " " + _NEGATED_OBJECT.sub("", match[0])
    return bool(_X["negation"].search(text))


def _in_quote(position: int, quotes: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(quotes, (position, float("inf"))) - 1
    return index >= 0 and quotes[index][0] <= position < quotes[index][1]


def _intents(text: str, quotes, found: _Findings, recovered: bool) -> None:
    for sentence_match in _SENTENCE.finditer(text):
        sentence, offset = sentence_match[0], sentence_match.start()
        past = bool(_X["past"].search(sentence))
        lyric = bool(_X["lyric"].search(sentence))
        third_party = bool(_X["third_party"].search(sentence))
        if third_party:
            found.add("concern.third_party", 0.5)
        for rule in rules.INTENT:
            for match in rule.regex.finditer(sentence):
                if third_party and not _FIRST_PERSON.search(match[0]):
                    continue
                found.add(rule.id)
                if _is_negated(sentence, match):
                    found.add("exception.negated")
                elif lyric or _in_quote(offset + match.start(), quotes):
                    found.add("exception.quoted", 0.35)
                elif past:
                    found.add("exception.past_tense", 0 if recovered else 0.35)
                else:
                    found.present_intent = True
        for rule in rules.CONCERN:
            for match in rule.regex.finditer(sentence):
                if _X["negation"].search(_clause_before(sentence, match.start())):
                    found.add("exception.negated")
                elif past and recovered:
                    found.add("exception.past_tense")
                else:
                    found.add(rule.id, rule.weight)


def _matching(group, text: str) -> list:
    return [rule for rule in group if rule.regex.search(text)]


def assess_risk(text: str, context: RiskContext | None = None) -> RiskAssessment:
    """Assess one piece of member text. Pure and fast; any string (or None) is accepted."""
    norm = normalise(text or "")
    found = _Findings()
    for rule in rules.IDIOM:
        if rule.regex.search(norm):
            found.add("exception.idiom")
            found.add(rule.id)
            norm = rule.regex.sub(" ~ ", norm)
    quotes = [m.span() for m in _X["quote"].finditer(norm)]
    plain = _X["quote"].sub(" ", norm)
    recovered = bool(_X["wellbeing"].search(norm))
    _intents(norm, quotes, found, recovered)
    if recovered and "exception.past_tense" in found.signals and not found.present_intent:
        found.add("exception.recovered")

    components = {
        "method": _matching(rules.METHOD, plain),
        "plan": _matching(rules.PLAN, plain),
        "timing": _matching(rules.TIMING, plain),
        "goodbye": _matching(rules.GOODBYE, plain),
    }
    urgent = False
    if found.present_intent:
        for kind, matched in components.items():
            for rule in matched:
                found.add(rule.id)
            if matched:
                found.add(f"urgent.intent_with_{kind}")
                urgent = True
        if urgent and _X["disavowal"].search(plain):
            found.add("exception.disavowed", 0.6)
            urgent = False
        elif not urgent:
            found.add("concern.intent_only", 0.6)
    for rule in components["goodbye"]:
        if rule.combine_only:
            continue
        found.add(rule.id)
        if rule.strong:
            found.add("urgent.final_goodbye")
            urgent = True
        elif not found.present_intent:
            found.add("concern.goodbye_only", 0.4)
    for rule in _matching(rules.ATTEMPT, plain):
        found.add(rule.id)
        urgent = True
    return _result(found, urgent)


def _result(found: _Findings, urgent: bool) -> RiskAssessment:
    signals = tuple(found.signals)
    if urgent:
        kinds = sum(1 for s in signals if s.startswith("urgent."))
        return RiskAssessment(RiskLevel.URGENT, signals, min(1.0, 0.88 + 0.04 * kinds))
    if found.weights:
        remaining = 1.0
        for weight in found.weights:
            remaining *= 1.0 - weight
        score = round(min(0.85, max(0.3, 1.0 - remaining)), 3)
        return RiskAssessment(RiskLevel.CONCERN, signals, score)
    return RiskAssessment(RiskLevel.NONE, signals, 0.0)
