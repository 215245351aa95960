"""Risk detection for member text: ``assess_risk(text, context) -> RiskAssessment``.

Tiers (see DESIGN.md, "Safety net"). This package is the rule tier; the classifier that
scores and ranks concern comes later and will add to the same result.

1. **Urgent** (``urgent.*`` signals): a first-person intent (``intent.*``: "I want to die",
   "I'm going to kill myself") together with a method (``method.*``), a plan (``plan.*``),
   a timing (``timing.*``) or a goodbye (``goodbye.*``) anywhere in the text; a final goodbye
   that carries intent by itself (``goodbye.final`` -> ``urgent.final_goodbye``); an attempt
   in the last day (``urgent.recent_attempt``).
2. **Concern**: intent alone (``concern.intent_only``), a weak goodbye alone
   (``concern.goodbye_only``), someone else at risk (``concern.third_party``), and the risk
   lexicon (``concern.*`` rules with weights; several hits combine as 1 - prod(1 - weight)).
3. **None**: nothing fired, or only exceptions.

Exceptions, always recorded as signals:

- ``exception.negated``: a negator in the same clause before the phrase ("I would never
  kill myself", "I don't want to die") -> that phrase is ignored.
- ``exception.disavowed``: a separate sentence that disavows acting ("I'd never do it") turns
  an intent-plus-method/plan/timing/goodbye urgent into concern (a moderator still looks).
- ``exception.past_tense``: intent in a sentence about the past ("two years ago I tried to…")
  -> concern at most. ``exception.recovered``: the same text also says the writer is well now
  ("today I'm doing well") -> the past story raises nothing (level none, unless something in
  the present does). We chose none for a clear recovery story because members must be able to
  tell their story without being flagged; any present-tense signal still counts.
- ``exception.idiom`` (plus the ``idiom.*`` id): "this exam is killing me" is removed before
  matching.
- ``exception.quoted``: intent inside double quotes or in a sentence about a song/lyric ->
  concern at most.

Text is normalised first (``normalise.py``: NFKC, casefold, accents, zero-width characters,
leetspeak, repeated letters, algospeak, misspellings, contractions), so rules are written
against plain lower-case English: "I'm" is "i am", "don't" is "do not", "kms" is
"kill myself".

Adding a rule: add an entry with an ``id``, ``pattern`` and ``comment`` to the right table in
``data/rules.toml`` (or an alias to ``data/normalise.toml``), add a sentence for it to the
tables in ``alongside/safety/tests/test_risk_rules.py`` (a test fails if a rule id has no
case), and bump ``DETECTOR_VERSION`` in ``assess.py``.
"""

from .assess import DETECTOR_VERSION, RiskAssessment, RiskContext, RiskLevel, assess_risk

__all__ = ["DETECTOR_VERSION", "RiskAssessment", "RiskContext", "RiskLevel", "assess_risk"]
