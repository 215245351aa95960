"""Measures as data: what a definition holds, how it is checked, and how answers are scored.

A definition is a JSON document (see `measures/*.json`); adding a measure is adding one,
with `manage.py load_measures`, or pasting it into the admin. Nothing here knows about a
particular measure.

    {
      "key": "ucla3", "name": "...", "short_name": "...", "score_name": "loneliness score",
      "about": "what it asks about, for members", "instructions": "shown above the items",
      "citation": "...", "licence": "...",
      "higher_is_better": false,
      "options": [{"value": 1, "label": "Hardly ever"}, ...],
      "items": [{"key": "left_out", "text": "How often do you feel left out?"}, ...],
      "scoring": {"method": "sum", "conversion": {"3": 3.0, ...}, "decimals": 0},
      "score_range": [3, 9]
    }

An item whose wording is licensed has `"text": null` and a `"topic"` (a few words saying
what it is about); a coordinator enters the wording after registering with the owners.
An item may have `"reverse": true` to score it the other way round.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

METHODS = ("sum", "mean")
# What the Measure row can hold.
KEY_MAX_LENGTH = 40
NAME_MAX_LENGTH = 200
MAX_ITEMS = 50
MAX_OPTIONS = 11
MAX_TEXT = 500
# What a stored score can hold (Response.score: 6 digits, 2 after the point).
MIN_SCORE, MAX_SCORE = Decimal(-9999), Decimal(9999)
MAX_DECIMALS = 2


class DefinitionError(ValueError):
    """A measure definition that can't be used. `problems` says each thing to fix."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    key: str
    text: str | None  # None: licensed wording, entered by a coordinator
    topic: str
    reverse: bool = False


@dataclass(frozen=True)
class ScoreResult:
    raw: int
    score: Decimal


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    short_name: str
    score_name: str
    about: str
    instructions: str
    citation: str
    licence: str
    higher_is_better: bool
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    method: str
    conversion: dict[int, Decimal]
    decimals: int
    score_range: tuple[Decimal, Decimal]

    @property
    def wording_licensed(self) -> bool:
        return any(item.text is None for item in self.items)

    @property
    def option_values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.options)

    @property
    def raw_range(self) -> tuple[int, int]:
        low, high = min(self.option_values), max(self.option_values)
        return low * len(self.items), high * len(self.items)

    def label_for(self, value: int) -> str:
        return next((option.label for option in self.options if option.value == value), "")

    def item_errors(self, answers: dict) -> dict[str, str]:
        """Answers that can't be kept, by item key: unknown items, or values that aren't
        one of the options. Unanswered items are not errors (a draft may leave them)."""
        keys = {item.key for item in self.items}
        numbers = {item.key: index for index, item in enumerate(self.items, start=1)}
        errors = {}
        for key, value in answers.items():
            if key not in keys:
                errors[str(key)[:50]] = f"There is no question {str(key)[:50]!r} in this measure."
            elif value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value not in self.option_values
            ):
                errors[key] = (
                    f"Choose one of the answers for question {numbers[key]}: "
                    f"{self.options_words()}."
                )
        return errors

    def options_words(self) -> str:
        return ", ".join(f"{option.value} ({option.label})" for option in self.options)

    def unanswered(self, answers: dict) -> list[Item]:
        return [item for item in self.items if answers.get(item.key) is None]

    def score(self, answers: dict) -> ScoreResult:
        """Score complete, valid answers. Check them with `item_errors` and `unanswered`
        first: this raises ValueError on anything else."""
        if self.item_errors(answers) or self.unanswered(answers):
            raise ValueError("Only complete, valid answers can be scored.")
        low, high = min(self.option_values), max(self.option_values)
        values = [
            (low + high - answers[item.key]) if item.reverse else answers[item.key]
            for item in self.items
        ]
        raw = sum(values)
        if self.conversion:
            score = self.conversion[raw]
        elif self.method == "mean":
            score = Decimal(raw) / len(values)
        else:
            score = Decimal(raw)
        return ScoreResult(raw=raw, score=self.rounded(score))

    def rounded(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


def _text(data: dict, name: str, problems: list[str], *, required: bool = True) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(f"“{name}” must be text.")
        return ""
    value = value.strip()
    if required and not value:
        problems.append(f"“{name}” is missing.")
    if len(value) > MAX_TEXT * 4:
        problems.append(f"“{name}” is too long (at most {MAX_TEXT * 4} characters).")
    return value


def _options(data: dict, problems: list[str]) -> tuple[Option, ...]:
    raw = data.get("options")
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        problems.append(f"“options” must be a list of 2 to {MAX_OPTIONS} answers.")
        return ()
    options = []
    for number, entry in enumerate(raw, start=1):
        value = entry.get("value") if isinstance(entry, dict) else None
        label = entry.get("label") if isinstance(entry, dict) else None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            problems.append(f"Answer {number} needs a whole-number “value” from 0 to 100.")
            continue
        if not isinstance(label, str) or not label.strip() or len(label) > 100:
            problems.append(f"Answer {number} needs a “label” of up to 100 characters.")
            continue
        options.append(Option(value=value, label=label.strip()))
    if len({option.value for option in options}) != len(options):
        problems.append("Each answer needs a different “value”.")
    return tuple(options)


def _items(data: dict, problems: list[str]) -> tuple[Item, ...]:
    raw = data.get("items")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_ITEMS:
        problems.append(f"“items” must be a list of 1 to {MAX_ITEMS} questions.")
        return ()
    items = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            problems.append(f"Question {number} must be an object.")
            continue
        key = entry.get("key")
        try:
            validate_slug(key if isinstance(key, str) else "")
        except ValidationError:
            problems.append(f"Question {number} needs a “key” of letters, numbers, - or _.")
            continue
        text = entry.get("text")
        topic = entry.get("topic") or ""
        if text is not None and (not isinstance(text, str) or not text.strip()):
            problems.append(f"Question {number}: “text” must be the wording, or null.")
            continue
        if not isinstance(topic, str) or (text is None and not topic.strip()):
            problems.append(
                f"Question {number} has no wording, so it needs a “topic” saying what it asks."
            )
            continue
        if isinstance(text, str) and len(text) > MAX_TEXT:
            problems.append(f"Question {number}: “text” is longer than {MAX_TEXT} characters.")
            continue
        items.append(
            Item(
                key=key,
                text=text.strip() if text else None,
                topic=topic.strip() or (text or "").strip(),
                reverse=entry.get("reverse") is True,
            )
        )
    if len({item.key for item in items}) != len(items):
        problems.append("Each question needs a different “key”.")
    return tuple(items)


def _conversion(scoring: dict, raw_range, problems: list[str]) -> dict[int, Decimal]:
    table = scoring.get("conversion") or {}
    if not isinstance(table, dict):
        problems.append("“scoring.conversion” must map each raw score to a converted score.")
        return {}
    if not table:
        return {}
    conversion = {}
    for raw, converted in table.items():
        try:
            raw_number = int(raw)
            if isinstance(converted, bool) or not isinstance(converted, int | float | str):
                raise ValueError
            value = Decimal(str(converted))
            if not value.is_finite():
                raise ValueError
        except (ValueError, ArithmeticError):
            problems.append(f"“scoring.conversion” has an entry that isn't a number: {raw!r}.")
            return {}
        if not MIN_SCORE <= value <= MAX_SCORE:
            problems.append(
                f"“scoring.conversion” scores must be from {MIN_SCORE} to {MAX_SCORE}; "
                f"{raw!r} is not."
            )
            return {}
        conversion[raw_number] = value
    if raw_range is not None:
        low, high = raw_range
        missing = [str(raw) for raw in range(low, high + 1) if raw not in conversion]
        if missing:
            problems.append(
                "“scoring.conversion” needs a converted score for every raw score; missing: "
                + ", ".join(missing)
                + "."
            )
    ordered = [conversion[raw] for raw in sorted(conversion)]
    if any(later < earlier for earlier, later in pairwise(ordered)):
        problems.append("“scoring.conversion” must not go down as the raw score goes up.")
    return conversion


def parse_definition(data) -> Definition:
    """Check a measure definition and return it, or raise DefinitionError saying what to
    fix. Checks that every possible answer can be scored and lands in `score_range`."""
    if not isinstance(data, dict):
        raise DefinitionError(["A measure definition must be a JSON object."])
    problems: list[str] = []
    key = data.get("key")
    try:
        validate_slug(key if isinstance(key, str) else "")
    except ValidationError:
        problems.append("“key” must be letters, numbers, - or _ (for example “ucla3”).")
    else:
        if len(key) > KEY_MAX_LENGTH:
            problems.append(f"“key” must be {KEY_MAX_LENGTH} characters or fewer.")
    if isinstance(data.get("name"), str) and len(data["name"].strip()) > NAME_MAX_LENGTH:
        problems.append(f"“name” must be {NAME_MAX_LENGTH} characters or fewer.")
    texts = {
        name: _text(data, name, problems, required=name in ("name", "short_name", "score_name"))
        for name in (
            "name", "short_name", "score_name", "about", "instructions", "citation", "licence"
        )
    }  # fmt: skip
    if not isinstance(data.get("higher_is_better"), bool):
        problems.append("“higher_is_better” must be true or false.")
    options = _options(data, problems)
    items = _items(data, problems)
    scoring = data.get("scoring")
    if not isinstance(scoring, dict) or scoring.get("method") not in METHODS:
        problems.append("“scoring.method” must be “sum” or “mean”.")
        scoring = scoring if isinstance(scoring, dict) else {}
    decimals = scoring.get("decimals", 0)
    if (
        isinstance(decimals, bool)
        or not isinstance(decimals, int)
        or not 0 <= decimals <= MAX_DECIMALS
    ):
        problems.append(f"“scoring.decimals” must be a whole number from 0 to {MAX_DECIMALS}.")
        decimals = 0
    values = [option.value for option in options]
    raw_range = (min(values) * len(items), max(values) * len(items)) if values and items else None
    conversion = _conversion(scoring, raw_range, problems)
    declared = data.get("score_range")
    if (
        not isinstance(declared, list)
        or len(declared) != 2
        or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in declared)
        or not all(not isinstance(n, float) or math.isfinite(n) for n in declared)
    ):
        problems.append("“score_range” must be [lowest, highest].")
        declared = None
    if problems:
        raise DefinitionError(problems)

    definition = Definition(
        key=key,
        **texts,
        higher_is_better=data["higher_is_better"],
        options=options,
        items=items,
        method=scoring["method"],
        conversion=conversion,
        decimals=decimals,
        score_range=(Decimal(str(declared[0])), Decimal(str(declared[1]))),
    )
    low, high = definition.raw_range
    scores = [_score_of_raw(definition, raw) for raw in (low, high)]
    if definition.conversion:
        scores = [definition.conversion[raw] for raw in range(low, high + 1)]
    lowest, highest = definition.score_range
    if min(scores) != lowest or max(scores) != highest:
        raise DefinitionError(
            [
                f"“score_range” says {lowest:g} to {highest:g}, but the answers give "
                f"{min(scores):g} to {max(scores):g}."
            ]
        )
    return definition


def _score_of_raw(definition: Definition, raw: int) -> Decimal:
    if definition.method == "mean":
        return definition.rounded(Decimal(raw) / len(definition.items))
    return Decimal(raw)
