"""Risk detection for member text: ``assess_risk(text, context) -> RiskAssessment``.

Tiers (see DESIGN.md, "Safety net"): the rules below decide first; the classifier tier
(``classifier.py``, further down) adds concern the rules missed and ranks concern.

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

Classifier tier (``classifier.py``, trained by ``training.py``):

- TF-IDF of word 1-2 grams (terms found in at least 5 posts) and, beside it, of character
  2-5 grams inside words (found in at least 10 posts; they catch misspellings and word forms),
  each sublinear and normalised on its own, then a logistic regression, give p: the
  probability that the normalised text reads like a post from r/SuicideWatch. It is trained
  on the two CSVs in ``../shared/data/crisis/`` (labels are subreddits, not clinicians;
  texts are long posts), on a seeded, stratified 80% of each file; the other 20% is held out
  for measuring. Rebuild the shipped ``data/classifier.npz`` (terms and weights, read with
  numpy only), ``data/classifier.json`` (versions, row counts, CSV hashes, seed, blocks,
  threshold, figures) and ``data/classifier.joblib`` (the fitted scikit-learn pipeline, for
  tests and inspection, never loaded at run time) with exactly::

      .venv/bin/python manage.py train_risk_classifier

- Threshold (in the metadata, about 0.36): the lowest p at which the full detector (these
  rules, then the classifier, exactly as below) flags at most 10% of the negatives, 5-fold
  out of fold on the training part of the first file (r/SuicideWatch against r/teenagers,
  i.e. everyday negatives), never below 0.2. That is the issue's target (recall as high as
  possible at a false-positive rate of at most 0.10); a false concern shows gentle resources
  and puts an item in the moderators' queue, a missed one shows nothing.
- Rules say none, no exception fired and p >= threshold: concern, signal
  ``classifier.high``, score 0.3-0.75 rising with p (below every urgent score).
- Rules say concern: p lifts the score (noisy-or, at most half the weight, never lowers it,
  capped at 0.85) so the queue ranks likelier posts first; ``classifier.high`` is added when
  p >= threshold.
- Never: the classifier never makes anything urgent, never changes an urgent result, and
  never overrides an exception: text the rules call none because of a negation or a past or
  recovery story is not scored at all (``assess.is_scored``); quoted or disavowed text stays
  concern. An idiom is taken out before the classifier reads the text ("this exam is
  killing me" is gone), so the rest of a long post is still scored.
- Short texts: the model learnt from long posts and is unreliable on a chat line, so texts
  under ``MIN_WORDS`` (10) words are not scored; the rules alone assess them. Only the first
  20,000 characters of a longer text are scored (the rules read all of it).
- No probability is stored: only level, signals, score and ``DETECTOR_VERSION``
  ("rules-2+clf-2"; the metadata's ``classifier_version`` must match ``CLASSIFIER_VERSION``).
- Loading: once per process, under a lock, from ``data/classifier.npz`` (or
  ``settings.RISK_CLASSIFIER_PATH``), without importing scikit-learn (a few hundredths of a
  second). Server processes load it at start-up (``config/asgi.py``, ``config/wsgi.py``);
  tests once per session (``conftest.py``). If it is missing, broken or of another classifier
  version, an error is logged once and the rules answer alone, stored as version "rules-2".
- Measured by ``manage.py evaluate_risk FILE.csv --text-col ... --label-col ...
  [--cross-validate K]`` (any labelled CSV), ``bench/risk_detector.py`` (the held-out part)
  and ``bench/risk_sentence_table.py`` (our own sentence tables); figures in
  ``bench/README.md``.

Adding a rule: add an entry with an ``id``, ``pattern`` and ``comment`` to the right table in
``data/rules.toml`` (or an alias to ``data/normalise.toml``), add a sentence for it to the
tables in ``alongside/safety/tests/test_risk_rules.py`` (a test fails if a rule id has no
case), and bump ``RULES_VERSION`` in ``assess.py`` (``DETECTOR_VERSION`` follows).
"""

from .assess import DETECTOR_VERSION, RiskAssessment, RiskContext, RiskLevel, assess_risk

__all__ = ["DETECTOR_VERSION", "RiskAssessment", "RiskContext", "RiskLevel", "assess_risk"]
