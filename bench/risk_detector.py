"""Risk detector benchmark: how well, and how fast, on the held-out part of the crisis CSVs.

For each CSV in ../shared/data/crisis/ it takes the same held-out 20% that
``manage.py train_risk_classifier`` kept out of training (same seed, stratified), and prints
precision, recall, F1 and false-positive rate for

  (a) the rules alone (positive = concern or urgent),
  (b) the classifier alone at its threshold (every text, whatever its length),
  (c) the full ``assess_risk`` (positive = concern or urgent),

the share of texts the full detector calls urgent, (c) again at a few other thresholds (not
the shipped one: for comparison), and the median / p99 time per text for the
rules alone against the full detector, measured in the same run, text by text, alternately.

    .venv/bin/python bench/risk_detector.py [--data-dir ../shared/data/crisis] [--repeat 3]

Labels are subreddits (r/SuicideWatch against r/teenagers or r/depression), not clinicians.
"""

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from alongside.safety.risk import RiskLevel, assess_risk, classifier, training  # noqa: E402
from alongside.safety.risk.assess import (  # noqa: E402
    _rules_tier,
    _with_classifier,
    assess_rules,
)

SWEEP = (0.3, 0.4, 0.5)

# Our own short chat-style messages, for the latency of what members mostly send.
SHORT = [
    "Had a hard day but talking here helps, thanks everyone",
    "Anyone around tonight? Could do with a chat",
    "I feel so hopeless and worthless",
    "The bus was late again so I missed the start of the group",
    "I'm going to kill myself tonight, I have the pills ready",
    "This exam is killing me haha",
    "Thank you all for listening yesterday, it meant a lot to me and I slept better",
    "Does anyone know if the Thursday meeting is still on this week?",
]


def figures(labels: list[int], predicted: list[bool]) -> str:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    negatives = labels.count(0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / negatives if negatives else 0.0
    return f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  FPR {fpr:.3f}"


def timed(function, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def latency(texts: list[str], repeat: int) -> tuple[list[float], list[float]]:
    rules, full = [], []
    for _ in range(repeat):
        for text in texts:  # alternate, so load on the machine hits both alike
            rules.append(timed(assess_rules, text))
            full.append(timed(assess_risk, text))
    return rules, full


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def report_latency(name: str, texts: list[str], repeat: int) -> None:
    rules, full = latency(texts, repeat)
    rules_median, full_median = statistics.median(rules), statistics.median(full)
    print(
        f"  {name}: rules {rules_median * 1e3:.3f} ms (p99 {p99(rules) * 1e3:.3f}), "
        f"full {full_median * 1e3:.3f} ms (p99 {p99(full) * 1e3:.3f}), "
        f"added {(full_median - rules_median) * 1e3:.3f} ms, "
        f"ratio {full_median / rules_median:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="timing passes over the texts")
    args = parser.parse_args()
    data_dir = (args.data_dir or training.default_data_dir()).resolve()

    started = time.perf_counter()
    model = classifier.get_classifier()
    if model is None:
        sys.exit("The classifier did not load: see the error above.")
    print(f"classifier loaded in {time.perf_counter() - started:.2f} s (once per process)")
    print(
        f"detector {assess_risk('').detector_version}, threshold {model.threshold}, "
        f"classifier on texts of {classifier.MIN_WORDS}+ words"
    )

    held_out = []
    for part in training.splits(data_dir):
        labels = part.test_labels
        rules = [assess_rules(text) for text in part.test_raw]
        full = [assess_risk(text) for text in part.test_raw]
        probabilities = [model.probability(text) for text in part.test_texts]
        positive = labels.count(1)
        print(f"\n{part.name}: {len(labels)} held-out posts ({positive} labelled suicidal)")
        print(
            f"  (a) rules only      {figures(labels, [r.level != RiskLevel.NONE for r in rules])}"
        )
        flagged = [p >= model.threshold for p in probabilities]
        print(f"  (b) classifier only {figures(labels, flagged)}")
        print(f"  (c) full detector   {figures(labels, [r.level != RiskLevel.NONE for r in full])}")
        urgent_pos = sum(1 for r, y in zip(full, labels, strict=True) if y and r.level == "urgent")
        urgent_neg = sum(
            1 for r, y in zip(full, labels, strict=True) if not y and r.level == "urgent"
        )
        print(
            f"  urgent: {(urgent_pos + urgent_neg) / len(labels):.1%} of all "
            f"({urgent_pos / positive:.1%} of suicidal, "
            f"{urgent_neg / (len(labels) - positive):.1%} of the others)"
        )
        # What the full detector would do with another threshold (same rules, same model).
        tiers = [_rules_tier(text) for text in part.test_raw]
        for threshold in SWEEP:
            lower = dataclasses.replace(model, threshold=threshold)
            swept = [_with_classifier(result, lower, norm).level for result, norm in tiers]
            print(
                f"  (c) at threshold {threshold}  "
                f"{figures(labels, [level != RiskLevel.NONE for level in swept])}"
            )
        held_out.extend(part.test_raw)

    print(f"\nlatency per text, median of {args.repeat} passes, rules alone vs full detector:")
    report_latency(f"held-out posts ({len(held_out)})", held_out, args.repeat)
    report_latency(f"short messages ({len(SHORT)}, ours)", SHORT * 50, args.repeat)
    print(f"\nwhole run {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
