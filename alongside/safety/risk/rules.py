"""Load the rule data files once and compile every pattern at import time."""

import re
import tomllib
from dataclasses import dataclass

from .normalise import DATA_DIR, add_vocabulary


@dataclass(frozen=True)
class Rule:
    id: str
    regex: re.Pattern
    weight: float = 0.0
    strong: bool = False
    combine_only: bool = False


def _load() -> dict:
    with (DATA_DIR / "rules.toml").open("rb") as handle:
        return tomllib.load(handle)


def _rules(entries: list[dict]) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            id=entry["id"],
            regex=re.compile(entry["pattern"]),
            weight=float(entry.get("weight", 0.0)),
            strong=bool(entry.get("strong", False)),
            combine_only=bool(entry.get("combine_only", False)),
        )
        for entry in entries
    )


_DATA = _load()
INTENT = _rules(_DATA["intent"])
METHOD = _rules(_DATA["method"])
PLAN = _rules(_DATA["plan"])
TIMING = _rules(_DATA["timing"])
GOODBYE = _rules(_DATA["goodbye"])
ATTEMPT = _rules(_DATA["attempt"])
IDIOM = _rules(_DATA["idiom"])
CONCERN = _rules(_DATA["concern"])
EXCEPTIONS = {name: re.compile(pattern) for name, pattern in _DATA["exceptions"].items()}

ALL_RULE_IDS = tuple(
    rule.id
    for group in (INTENT, METHOD, PLAN, TIMING, GOODBYE, ATTEMPT, IDIOM, CONCERN)
    for rule in group
)

add_vocabulary(
    [
        rule.regex.pattern
        for group in (INTENT, METHOD, PLAN, TIMING, GOODBYE, ATTEMPT, IDIOM, CONCERN)
        for rule in group
    ]
    + [regex.pattern for regex in EXCEPTIONS.values()]
)
