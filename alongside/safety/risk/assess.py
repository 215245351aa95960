"""``assess_risk``: the rule tier, then the classifier tier (see the package docstring)."""

import bisect
import re
from dataclasses import dataclass, field

from django.db import models

from . import classifier, rules
from .normalise import normalise

RULES_VERSION = "rules-2"
# Stored with every assessment. Without a loadable classifier the rules alone answer, and
# the stored version says so (RULES_VERSION).
DETECTOR_VERSION = f"{RULES_VERSION}+{classifier.CLASSIFIER_VERSION}"

_SENTENCE = re.compile(r"[^.!?\n]+")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself)\b")
_NEGATED_OBJECT = re.compile(r"\bnot (?:wake up|be alive|exist)\b")
_X = rules.EXCEPTIONS
_CLAUSE_WINDOW = 120
CLASSIFIER_SIGNAL = "classifier.high"
_IDIOM = "exception.idiom"


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
    result, norm = _rules_tier(text)
    model = classifier.get_classifier()
    if model is None:
        return result
    return _with_classifier(result, model, norm)


def assess_rules(text: str) -> RiskAssessment:
    """The rule tier alone (for measuring it; members' text goes through ``assess_risk``)."""
    return _rules_tier(text)[0]


def _rules_tier(text: str) -> tuple[RiskAssessment, str]:
    """The rules' assessment, and the normalised text with idioms taken out."""
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
    told_in_past = "exception.past_tense" in found.signals or _X["past"].search(norm)
    if recovered and told_in_past and not found.present_intent:
        # A story told in the past by someone well now: nothing raises risk by itself,
        # and the classifier doesn't read it (see is_scored).
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
    return _result(found, urgent), norm


def _result(found: _Findings, urgent: bool) -> RiskAssessment:
    signals = tuple(found.signals)
    if urgent:
        kinds = sum(1 for s in signals if s.startswith("urgent."))
        return RiskAssessment(
            RiskLevel.URGENT, signals, min(1.0, 0.88 + 0.04 * kinds), RULES_VERSION
        )
    if found.weights:
        remaining = 1.0
        for weight in found.weights:
            remaining *= 1.0 - weight
        score = round(min(0.85, max(0.3, 1.0 - remaining)), 3)
        return RiskAssessment(RiskLevel.CONCERN, signals, score, RULES_VERSION)
    return RiskAssessment(RiskLevel.NONE, signals, 0.0, RULES_VERSION)


def is_scored(result: RiskAssessment) -> bool:
    """Whether the classifier is asked about a text the rules assessed so: never for urgent,
    never for text an exception made none (negation, past or recovery story). An idiom does
    not stop it: the idiom is taken out of the text the classifier reads ("this exam is
    killing me" is gone), and the rest of a long post is read on its own merits."""
    return result.level != RiskLevel.URGENT and not (
        result.level == RiskLevel.NONE
        and any(s.startswith("exception.") and s != _IDIOM for s in result.signals)
    )


def _with_classifier(
    result: RiskAssessment, model: classifier.Classifier, norm: str
) -> RiskAssessment:
    """The classifier never makes anything urgent, never touches urgent, and never overrides
    an exception: it only adds concern to text the rules found nothing in, and ranks concern."""
    level, signals, score = result.level, result.signals, result.score
    p = classifier.probability(model, norm) if is_scored(result) else None  # None if short
    if p is not None:
        high = p >= model.threshold
        if high:
            signals = (*signals, CLASSIFIER_SIGNAL)
        if level == RiskLevel.CONCERN:
            # Noisy-or with up to half the weight: a likely post ranks higher, an unlikely
            # one keeps the rules' score (the classifier never lowers a rule hit).
            lift = 0.5 * max(0.0, 2.0 * p - 1.0)
            score = round(min(0.85, 1.0 - (1.0 - score) * (1.0 - lift)), 3)
        elif high:
            scaled = 0.3 + 0.45 * (p - model.threshold) / (1.0 - model.threshold)
            level, score = RiskLevel.CONCERN, round(min(0.75, max(0.3, scaled)), 3)
    return RiskAssessment(level, signals, score, DETECTOR_VERSION)
