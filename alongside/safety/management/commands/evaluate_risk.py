"""Measure the risk detector on any labelled CSV file.

    .venv/bin/python manage.py evaluate_risk FILE.csv --text-col text --label-col class \\
        --positive suicide [--cross-validate 5]

Prints, for "concern or urgent" against "none", the recall, precision and false-positive rate
of each tier (the rules alone, the classifier alone at its threshold, the full detector) with
their confusion matrices, the full detector's levels by label, and the time per message of the
rules alone and of the full detector (median and p99) and what the classifier adds.

``--text-col`` may be given more than once (e.g. title and selftext): the columns are joined
with a line break. ``--positive`` may be given more than once; every other label value counts
as negative. Without ``--cross-validate`` the shipped model is measured; use it only on data
the model was not trained on. With ``--cross-validate K`` the file is split into K stratified
folds; for each, a classifier is trained on the other K-1 folds with the shipped model's
training code (``training.build_pipeline``) and its threshold chosen as the shipped one is
(out of fold on those K-1 folds, the rules in front, false-positive rate at most 0.10), unless
``--threshold`` fixes it; the held-out fold is assessed and the predictions pooled. Latency is
always that of the shipped detector.
"""

import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.safety.risk import classifier, training
from alongside.safety.risk.assess import RiskLevel, _rules_tier, _with_classifier, assess_rules
from alongside.safety.risk.normalise import normalise

LEVELS = (RiskLevel.NONE, RiskLevel.CONCERN, RiskLevel.URGENT)


def _confusion(labels: list[int], predicted: list[int]) -> dict[str, int]:
    pairs = list(zip(labels, predicted, strict=True))
    return {
        "tp": sum(1 for y, p in pairs if y and p),
        "fp": sum(1 for y, p in pairs if not y and p),
        "fn": sum(1 for y, p in pairs if y and not p),
        "tn": sum(1 for y, p in pairs if not y and not p),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Measure the risk detector (each tier, confusion matrices, latency) on a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A CSV file with a header row.")
        parser.add_argument(
            "--text-col",
            action="append",
            required=True,
            help="The column holding the text; give it more than once to join columns.",
        )
        parser.add_argument("--label-col", required=True, help="The column holding the label.")
        parser.add_argument(
            "--positive",
            action="append",
            default=None,
            help="A label value meaning at risk (default 1); may be given more than once.",
        )
        parser.add_argument(
            "--cross-validate",
            type=int,
            default=None,
            metavar="K",
            help="Train on K-1 folds, assess the held-out fold, pool the K folds.",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="The classifier threshold (default: the shipped one, or chosen per fold).",
        )
        parser.add_argument(
            "--latency-rows",
            type=int,
            default=1000,
            help="Time the detector on at most this many rows (0: skip timing).",
        )

    def handle(self, *args, **options):
        folds, threshold = options["cross_validate"], options["threshold"]
        if folds is not None and folds < 2:
            raise CommandError("--cross-validate needs at least 2 folds.")
        if threshold is not None and not 0.0 < threshold < 1.0:
            raise CommandError("--threshold must be between 0 and 1.")
        if options["latency_rows"] < 0:
            raise CommandError("--latency-rows cannot be negative.")
        text_columns = tuple(options["text_col"])
        positive = tuple(options["positive"] or ["1"])
        try:
            data = training.read_labelled(
                options["file"], text_columns, options["label_col"], positive
            )
        except training.DataError as error:
            raise CommandError(str(error)) from None
        labels = data.labels
        if folds is not None and folds > min(labels.count(0), labels.count(1)):
            raise CommandError(
                f"--cross-validate {folds} needs at least {folds} rows of each label; "
                f"the file has {labels.count(1)} positive and {labels.count(0)} other rows."
            )

        started = time.perf_counter()
        tiers = [_rules_tier(text) for text in data.texts]
        normalised = [normalise(text) for text in data.texts]
        if folds is None:
            scorers, how = self._shipped(len(labels), threshold)
        else:
            try:
                scorers, how = self._cross_validated(data, normalised, folds, threshold)
            except ValueError as error:  # e.g. too few rows left for the vocabulary
                raise CommandError(f"Could not train on {options['file'].name}: {error}") from None

        rules = [int(result.level != RiskLevel.NONE) for result, _ in tiers]
        alone = [
            int(s.probability(text) >= s.threshold)
            for s, text in zip(scorers, normalised, strict=True)
        ]
        full = [
            _with_classifier(result, scorer, norm).level
            for (result, norm), scorer in zip(tiers, scorers, strict=True)
        ]
        flagged = [int(level != RiskLevel.NONE) for level in full]

        out = self.stdout.write
        out(
            f"{options['file'].name}: {len(labels)} rows with text"
            + (f" ({data.skipped} without text skipped)" if data.skipped else "")
            + f"; {sum(labels)} labelled {' or '.join(map(repr, positive))} in "
            f"{options['label_col']!r}, {labels.count(0)} others."
        )
        out(how)
        out('Positive = the detector says "concern" or "urgent"; negative = "none".\n')
        out(
            f"{'tier':<17} {'recall':>7} {'precision':>9} {'FPR':>6}   {'TP':>5} {'FP':>5} "
            f"{'FN':>5} {'TN':>5}"
        )
        for name, predicted in (
            ("rules only", rules),
            ("classifier only", alone),
            ("full detector", flagged),
        ):
            figures = training.measure(labels, predicted)
            c = _confusion(labels, predicted)
            fpr = figures["false_positive_rate"]
            out(
                f"{name:<17} {figures['recall']:>7.3f} {figures['precision']:>9.3f} "
                f"{fpr:>6.3f}   {c['tp']:>5} {c['fp']:>5} {c['fn']:>5} {c['tn']:>5}"
            )
        out("\nFull detector, rows by label and level:")
        out(f"{'':<17} {'none':>7} {'concern':>8} {'urgent':>7}")
        for name, wanted in (("labelled positive", 1), ("labelled negative", 0)):
            counts = [
                sum(1 for y, lv in zip(labels, full, strict=True) if y == wanted and lv == level)
                for level in LEVELS
            ]
            out(f"{name:<17} {counts[0]:>7} {counts[1]:>8} {counts[2]:>7}")
        out(f"\nassessed in {time.perf_counter() - started:.1f} s")
        if options["latency_rows"]:
            self._latency(data.texts[: options["latency_rows"]])

    def _shipped(self, rows: int, threshold: float | None):
        model = classifier.get_classifier()
        if model is None:
            raise CommandError(
                "The shipped classifier could not be loaded (see the log above); rebuild it "
                "with: .venv/bin/python manage.py train_risk_classifier"
            )
        if threshold is not None:
            model = training.replace_threshold(model, threshold)
        how = (
            f"Shipped model {model.metadata.get('classifier_version')}, threshold "
            f"{model.threshold} (not cross-validated: use this only on rows it was not "
            "trained on)."
        )
        return [model] * rows, how

    def _cross_validated(self, data, normalised, folds: int, threshold: float | None):
        from sklearn.model_selection import StratifiedKFold

        labels = data.labels
        decisions = training.rules_decisions(data.texts) if threshold is None else None
        scorers: list = [None] * len(labels)
        chosen = []
        split = StratifiedKFold(folds, shuffle=True, random_state=training.SEED)
        for number, (train, test) in enumerate(split.split(normalised, labels), start=1):
            texts = [normalised[i] for i in train]
            fold_labels = [labels[i] for i in train]
            fold_threshold = threshold
            if fold_threshold is None:
                oof = training.out_of_fold(texts, fold_labels)
                fold_decisions = [decisions[i] for i in train]
                fold_threshold = training.choose_threshold(fold_labels, oof, fold_decisions)
            pipeline = training.build_pipeline().fit(texts, fold_labels)
            scorer = training.to_classifier(pipeline, fold_threshold)
            for i in test:
                scorers[i] = scorer
            chosen.append(fold_threshold)
            self.stderr.write(f"fold {number} of {folds}: threshold {fold_threshold}")
        rule = (
            "fixed by --threshold"
            if threshold is not None
            else "chosen on each fold's training rows as the shipped one is"
        )
        how = (
            f"Cross-validated: {folds} stratified folds; each fold assessed by a classifier "
            f"trained on the other {folds - 1} (threshold {rule}: "
            f"{', '.join(map(str, chosen))}); predictions pooled."
        )
        return scorers, how

    def _latency(self, texts: list[str]) -> None:
        from alongside.safety.risk import assess_risk

        started = time.perf_counter()
        classifier.preload()
        load = time.perf_counter() - started
        rules, full = [], []
        for text in texts:  # alternately, so the machine's load hits both alike
            start = time.perf_counter()
            assess_rules(text)
            middle = time.perf_counter()
            assess_risk(text)
            rules.append(middle - start)
            full.append(time.perf_counter() - middle)
        rules_median, full_median = statistics.median(rules), statistics.median(full)
        self.stdout.write(
            f"\nLatency per message, shipped detector, {len(texts)} rows (model load "
            f"{load:.2f} s, once per process):"
        )
        self.stdout.write(
            f"  rules only     median {rules_median * 1e3:.3f} ms, "
            f"p99 {_percentile(rules, 0.99) * 1e3:.3f} ms"
        )
        self.stdout.write(
            f"  full detector  median {full_median * 1e3:.3f} ms, "
            f"p99 {_percentile(full, 0.99) * 1e3:.3f} ms"
        )
        self.stdout.write(f"  added by the classifier: {(full_median - rules_median) * 1e3:.3f} ms")
