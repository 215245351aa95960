"""The risk detector on our own sentence tables: urgent recall and the false-urgent rate.

Imports the tables the tests use (alongside/safety/tests/test_risk_rules.py,
test_risk_classifier.py and test_risk_evaluate.py; every sentence written by us, none from
the crisis data) and runs
the full ``assess_risk`` over them, so the figures are exactly what the tests check:

- urgent recall: the share of sentences expected urgent that the detector calls urgent;
- false-urgent rate on the exception cases: the share of the negation, idiom, recovery,
  quoted, past-tense, disavowal and someone-else sentences (expected concern or none) that
  the detector calls urgent; and the same over every sentence not expected urgent;
- the share of every sentence given exactly its expected level, and any that differ.

    .venv/bin/python bench/risk_sentence_table.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from alongside.safety.risk import RiskLevel, assess_risk  # noqa: E402
from alongside.safety.tests import test_risk_classifier as clf  # noqa: E402
from alongside.safety.tests import test_risk_evaluate as evaluate  # noqa: E402
from alongside.safety.tests import test_risk_rules as rules  # noqa: E402

URGENT, CONCERN, NONE = RiskLevel.URGENT, RiskLevel.CONCERN, RiskLevel.NONE
EXCEPTION_PREFIXES = ("exception.", "idiom.", "concern.third_party")


def table() -> list[tuple[str, str, bool, str]]:
    """(text, expected level, is an exception case, table name) for every sentence."""
    rows = []

    def signalled(name, cases, level):
        for text, signal in cases:
            exception = level != URGENT and bool(signal) and signal.startswith(EXCEPTION_PREFIXES)
            rows.append((text, level, exception, name))

    signalled("URGENT_CASES", rules.URGENT_CASES, URGENT)
    signalled("CONCERN_CASES", rules.CONCERN_CASES, CONCERN)
    signalled("NONE_CASES", rules.NONE_CASES, NONE)
    for name, cases in (("NEGATION_PLACEMENT", rules.NEGATION_PLACEMENT), ("MIXED", rules.MIXED)):
        # Both tables were written as negation, idiom, recovery and someone-else sentences
        # mixed with urgent ones: every row not expected urgent is an exception case.
        rows.extend((text, level, level != URGENT, name) for text, level in cases)
    rows.extend((text, CONCERN, False, "classifier HOPELESS") for text in clf.HOPELESS)
    rows.extend((text, NONE, False, "classifier EVERYDAY") for text in clf.EVERYDAY)
    rows.extend((text, NONE, True, "classifier EXCEPTIONS") for text, _ in clf.EXCEPTIONS)
    rows.extend((text, URGENT, False, "classifier URGENT_TEXTS") for text in clf.URGENT_TEXTS)
    rows.extend((text, URGENT, False, "evaluate URGENT_TEXTS") for text in evaluate.URGENT_TEXTS)
    rows.extend((text, NONE, False, "evaluate EVERYDAY_TEXTS") for text in evaluate.EVERYDAY_TEXTS)
    return rows


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else "0/0"


def main() -> None:
    rows = table()
    results = [(*row, assess_risk(row[0])) for row in rows]
    print(f"detector {assess_risk('').detector_version}: {len(rows)} sentences of our own")

    urgent = [r for r in results if r[1] == URGENT]
    caught = sum(1 for r in urgent if r[4].level == URGENT)
    print(f"urgent recall: {share(caught, len(urgent))} (target 100%)")

    exceptions = [r for r in results if r[2]]
    false_urgent = sum(1 for r in exceptions if r[4].level == URGENT)
    print(
        f"false urgent on the exception cases (negation, idiom, recovery, quoted, past, "
        f"disavowed, someone else): {share(false_urgent, len(exceptions))} (target under 5%)"
    )
    not_urgent = [r for r in results if r[1] != URGENT]
    false_all = sum(1 for r in not_urgent if r[4].level == URGENT)
    print(
        f"false urgent on every sentence not expected urgent: {share(false_all, len(not_urgent))}"
    )

    exact = sum(1 for r in results if r[4].level == r[1])
    print(f"exactly the expected level: {share(exact, len(results))}")
    for text, level, _, name, result in results:
        if result.level != level:
            print(f"  differs ({name}): expected {level}, got {result.level}: {text!r}")


if __name__ == "__main__":
    main()
