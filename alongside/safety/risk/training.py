"""Train and measure the risk classifier from labelled CSV files.

Used by ``manage.py train_risk_classifier``, ``manage.py evaluate_risk`` and
``bench/risk_detector.py``, so all of them see the same deterministic split and the same
model. Labels are subreddits (r/SuicideWatch against r/teenagers or r/depression), not a
clinician's judgement; see ``../shared/data/crisis/README.md``.

Nothing from the posts is kept but the model's vocabulary: words and word pairs that occur in
at least ``MIN_DF`` different posts, and character 2-5 grams (inside words) that occur in at
least ``CHAR_MIN_DF`` posts.
"""

import csv
import dataclasses
import hashlib
import io
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .classifier import CLASSIFIER_VERSION, MIN_WORDS, Classifier, build, pipeline_path
from .normalise import normalise

SEED = 20261124
HELD_OUT = 0.2
FOLDS = 5
MIN_DF = 5
CHAR_MIN_DF = 10
CHAR_NGRAMS = (2, 5)
C = 4.0
# The threshold: the lowest at which the full detector (rules, then the classifier) flags at
# most this share of the everyday negatives, out of fold; so the highest recall there.
MAX_FPR = 0.10
MIN_THRESHOLD = 0.2
MAX_THRESHOLD = 0.99
REBUILD_COMMAND = ".venv/bin/python manage.py train_risk_classifier"


@dataclass(frozen=True)
class Source:
    """One CSV layout: which columns make the text and which value means suicidal."""

    filename: str
    text_columns: tuple[str, ...]
    label_column: str
    positive: str


SOURCES = (
    Source("suicide-detection-dev.csv", ("text",), "class", "suicide"),
    Source("suicidewatch-vs-depression-dev.csv", ("title", "selftext"), "is_suicide", "1"),
)


class DataError(Exception):
    """A CSV is missing or not in the expected shape (message in plain words)."""


@dataclass
class Labelled:
    sha256: str
    texts: list[str]  # as written; several text columns joined by a line break
    labels: list[int]  # 1 = one of the positive values
    skipped: int  # rows with no text


@dataclass
class Split:
    name: str
    sha256: str
    train_texts: list[str]
    train_labels: list[int]
    test_texts: list[str]
    test_labels: list[int]
    train_raw: list[str]  # as written, for the rules
    test_raw: list[str]  # as written, for the benchmark's full assess_risk


def default_data_dir() -> Path:
    from django.conf import settings

    return (Path(settings.BASE_DIR).parent / "shared" / "data" / "crisis").resolve()


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def read_labelled(
    path: Path, text_columns: tuple[str, ...], label_column: str, positive: tuple[str, ...]
) -> Labelled:
    """Any CSV with a header: the text columns (joined) and 1/0 labels (1 = a positive value).

    Every problem is a DataError in plain words: no such file, not UTF-8, empty, a missing
    column, no positive value among the labels (the values found are listed), one label only.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path} does not exist.")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path.name} is not UTF-8 text (a byte at position {error.start} is not): "
            "save it as UTF-8 and try again."
        ) from None
    csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = reader.fieldnames or []
        if not columns:
            raise DataError(f"{path.name} is empty: it needs a header row naming its columns.")
        missing = [c for c in (*text_columns, label_column) if c not in columns]
        if missing:
            raise DataError(
                f"{path.name} has no column {', '.join(map(repr, missing))}. "
                f"Its columns are: {', '.join(map(repr, columns))}."
            )
        texts, values, skipped = [], [], 0
        for row in reader:
            joined = "\n".join((row.get(c) or "").strip() for c in text_columns).strip()
            if not joined:
                skipped += 1
                continue
            texts.append(joined)
            values.append((row.get(label_column) or "").strip())
    except csv.Error as error:
        raise DataError(f"{path.name} could not be read as a CSV file: {error}.") from None
    if not texts:
        raise DataError(f"{path.name} has no rows with text in {', '.join(text_columns)}.")
    wanted = {value.strip() for value in positive}
    found = Counter(values)
    if not wanted & set(found):
        listed = ", ".join(f"{_shown(v)} ({n} rows)" for v, n in found.most_common(10))
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise DataError(
            f"No row of {path.name} has the label {' or '.join(map(repr, sorted(wanted)))} in "
            f"column {label_column!r}. The values found are: {listed}{more}."
        )
    labels = [int(value in wanted) for value in values]
    if len(set(labels)) < 2:
        raise DataError(
            f"Every row of {path.name} has a positive label: it needs rows of both kinds."
        )
    return Labelled(hashlib.sha256(data).hexdigest(), texts, labels, skipped)


def read_source(path: Path, source: Source) -> tuple[str, list[str], list[int]]:
    """(sha256, raw texts, 1/0 labels) from one of the training CSV files."""
    data = read_labelled(path, source.text_columns, source.label_column, (source.positive,))
    return data.sha256, data.texts, data.labels


def splits(data_dir: Path) -> list[Split]:
    """Every source, split the same way every time (stratified, seeded)."""
    from sklearn.model_selection import train_test_split

    result = []
    for source in SOURCES:
        sha256, raw, labels = read_source(data_dir / source.filename, source)
        indices = list(range(len(raw)))
        train_idx, test_idx = train_test_split(
            indices, test_size=HELD_OUT, random_state=SEED, stratify=labels
        )
        result.append(
            Split(
                name=source.filename,
                sha256=sha256,
                train_texts=[normalise(raw[i]) for i in train_idx],
                train_labels=[labels[i] for i in train_idx],
                test_texts=[normalise(raw[i]) for i in test_idx],
                test_labels=[labels[i] for i in test_idx],
                train_raw=[raw[i] for i in train_idx],
                test_raw=[raw[i] for i in test_idx],
            )
        )
    return result


def build_pipeline(min_df: int = MIN_DF, char_min_df: int = CHAR_MIN_DF):
    """Word 1-2 grams and character 2-5 grams (inside words), each TF-IDF on its own, then a
    logistic regression. ``classifier.py`` scores exactly this without scikit-learn."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    common = {"lowercase": False, "max_df": 0.9, "sublinear_tf": True, "dtype": np.float64}
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=min_df, **common)
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=max(min_df, char_min_df), **common
    )
    return Pipeline(
        [
            ("tfidf", FeatureUnion([("word", words), ("char", chars)])),
            ("model", LogisticRegression(C=C, solver="liblinear", max_iter=1000)),
        ]
    )


def export(pipeline) -> tuple[dict, list[dict]]:
    """The fitted pipeline as plain arrays (terms, idf, coefficients per block; intercept) and
    the blocks' settings, which is all ``classifier.build`` needs."""
    import numpy as np

    union, model = pipeline[0], pipeline[-1]
    coefficients = model.coef_[0]
    arrays, blocks, offset = {}, [], 0
    for name, vectorizer in union.transformer_list:
        if vectorizer.lowercase or vectorizer.token_pattern != r"(?u)\b\w\w+\b":
            raise ValueError(f"block {name!r}: the run-time scorer expects the default tokens")
        if vectorizer.analyzer not in ("word", "char_wb") or vectorizer.norm != "l2":
            raise ValueError(f"block {name!r}: the run-time scorer cannot score this block")
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        if any("\n" in term for term in terms):
            raise ValueError(f"block {name!r} has a term with a line break")
        size = len(terms)
        arrays[f"{name}_terms"] = np.frombuffer("\n".join(terms).encode("utf-8"), np.uint8)
        arrays[f"{name}_idf"] = np.asarray(vectorizer.idf_, dtype=np.float64)
        arrays[f"{name}_coef"] = np.asarray(coefficients[offset : offset + size], np.float64)
        blocks.append(
            {
                "name": name,
                "analyzer": vectorizer.analyzer,
                "ngram_range": list(vectorizer.ngram_range),
                "min_df": vectorizer.min_df,
                "terms": size,
            }
        )
        offset += size
    if offset != len(coefficients):
        raise ValueError("the blocks do not cover every coefficient")
    arrays["intercept"] = np.asarray([model.intercept_[0]], dtype=np.float64)
    return arrays, blocks


def to_classifier(pipeline, threshold: float, metadata: dict | None = None) -> Classifier:
    """The run-time scorer for a fitted pipeline (exactly what saving and loading gives)."""
    arrays, blocks = export(pipeline)
    return build(arrays, {**(metadata or {}), "blocks": blocks}, threshold=threshold)


def rules_decisions(raw_texts: list[str]) -> list[bool | None]:
    """For each text, what the full detector does whatever the classifier says: True (the
    rules flag it), False (the classifier is not asked: an exception, or a short text), or
    None (the classifier decides)."""
    from .assess import _rules_tier, is_scored

    decisions = []
    for raw in raw_texts:
        result, norm = _rules_tier(raw)
        if result.level != "none":
            decisions.append(True)
        elif not is_scored(result) or len(norm.split(maxsplit=MIN_WORDS)) < MIN_WORDS:
            decisions.append(False)
        else:
            decisions.append(None)
    return decisions


def combined(decisions: list[bool | None], probabilities, threshold: float) -> list[int]:
    return [
        int(p >= threshold if decision is None else decision)
        for decision, p in zip(decisions, probabilities, strict=True)
    ]


def choose_threshold(labels, probabilities, decisions=None) -> float:
    """The lowest threshold (so the highest recall) at which the full detector flags at most
    MAX_FPR of the negatives: rows the rules already flag count against it whatever the
    threshold (``decisions``, see ``rules_decisions``; None: the classifier alone). Kept
    within MIN_THRESHOLD..MAX_THRESHOLD; four decimals, rounded up."""
    if decisions is None:
        decisions = [None] * len(labels)
    negatives = labels.count(0) if isinstance(labels, list) else int(sum(1 - y for y in labels))
    fixed_fp = sum(1 for d, y in zip(decisions, labels, strict=True) if d is True and not y)
    allowed = math.floor(MAX_FPR * negatives + 1e-9) - fixed_fp
    if allowed < 0:
        return MAX_THRESHOLD
    open_negatives = sorted(
        (
            float(p)
            for d, y, p in zip(decisions, labels, probabilities, strict=True)
            if d is None and not y
        ),
        reverse=True,
    )
    if allowed >= len(open_negatives):
        return MIN_THRESHOLD
    cut = open_negatives[allowed]  # the threshold must be above this negative's score
    threshold = math.floor(cut * 1e4 + 1) / 1e4
    return round(min(MAX_THRESHOLD, max(MIN_THRESHOLD, threshold)), 4)


def out_of_fold(texts, labels, extra_texts=(), extra_labels=(), **options):
    """Out-of-fold probabilities for ``texts``: each fold is scored by a model trained, as the
    shipped one is, on the other folds plus the extra rows."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    labels = list(labels)
    folds = min(FOLDS, min(labels.count(0), labels.count(1)))
    result = np.zeros(len(texts))
    if folds < 2:
        return result
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(texts, labels):
        pipeline = build_pipeline(**options).fit(
            [texts[i] for i in train] + list(extra_texts),
            [labels[i] for i in train] + list(extra_labels),
        )
        result[test] = pipeline.predict_proba([texts[i] for i in test])[:, 1]
    return result


def replace_threshold(model: Classifier, threshold: float) -> Classifier:
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"the threshold {threshold} is not between 0 and 1")
    return dataclasses.replace(model, threshold=threshold)


def measure(labels, predicted, probabilities=None) -> dict:
    """Precision, recall, F1, false-positive rate (and AUC when scores are given)."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    negatives = len(labels) - sum(labels)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "rows": len(labels),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "false_positive_rate": round(fp / negatives, 4) if negatives else None,
    }
    if probabilities is not None:
        from sklearn.metrics import roc_auc_score

        two = len(set(labels)) == 2
        figures["auc"] = round(float(roc_auc_score(labels, probabilities)), 4) if two else None
    return figures


def train(data_dir: Path, min_df: int = MIN_DF, char_min_df: int = CHAR_MIN_DF):
    """Fit on the training part of every source; returns (pipeline, metadata)."""
    import sklearn

    options = {"min_df": min_df, "char_min_df": char_min_df}
    parts = splits(data_dir)
    first, others = parts[0], parts[1:]
    # Trained on the training part of every file. (Tried: the other files' positive rows
    # only, i.e. no r/depression posts as negatives: out-of-fold recall on the first file at
    # FPR 0.10 rose from 0.88 to 0.905, but held out it was no better (0.905 at FPR 0.119
    # against 0.903 at 0.111) and r/SuicideWatch against r/depression fell from AUC 0.77 to
    # 0.64, so every row is used.)
    extra_texts = [t for part in others for t in part.train_texts]
    extra_labels = [y for part in others for y in part.train_labels]
    texts = first.train_texts + extra_texts
    labels = first.train_labels + extra_labels
    # The threshold is chosen out of fold on the training part of the first file (everyday
    # negatives), with the rules in front as in assess_risk, so the held-out figures below
    # are an honest estimate.
    oof = out_of_fold(first.train_texts, first.train_labels, extra_texts, extra_labels, **options)
    decisions = rules_decisions(first.train_raw)
    threshold = choose_threshold(first.train_labels, oof, decisions)
    pipeline = build_pipeline(**options).fit(texts, labels)
    for _, vectorizer in pipeline[0].transformer_list:
        if hasattr(vectorizer, "stop_words_"):  # older scikit-learn kept every rare term here
            del vectorizer.stop_words_
    held_out = {}
    for part in parts:
        probabilities = pipeline.predict_proba(part.test_texts)[:, 1]
        flagged = [int(p >= threshold) for p in probabilities]
        full = combined(rules_decisions(part.test_raw), probabilities, threshold)
        held_out[part.name] = {
            "classifier_only": measure(part.test_labels, flagged, probabilities),
            "full_detector": measure(part.test_labels, full),
        }
    _, blocks = export(pipeline)
    metadata = {
        "classifier_version": CLASSIFIER_VERSION,
        "sklearn_version": sklearn.__version__,
        "model": (
            f"FeatureUnion(TfidfVectorizer(word 1-2 grams, min_df={min_df}), "
            f"TfidfVectorizer(char_wb {CHAR_NGRAMS[0]}-{CHAR_NGRAMS[1]} grams, "
            f"min_df={max(min_df, char_min_df)}); max_df=0.9, sublinear_tf) -> "
            f"LogisticRegression(C={C}, liblinear), on normalise(text)"
        ),
        "blocks": blocks,
        "vocabulary_size": sum(block["terms"] for block in blocks),
        "seed": SEED,
        "held_out_share": HELD_OUT,
        "training": "the training part of every file",
        "files": {
            part.name: {
                "sha256": part.sha256,
                "training_rows": len(part.train_texts),
                "held_out_rows": len(part.test_texts),
            }
            for part in parts
        },
        "threshold": threshold,
        "threshold_rule": (
            f"lowest probability at which the full detector (rules, then the classifier) "
            f"flags at most {MAX_FPR} of the negatives, {FOLDS}-fold out of fold on the "
            f"training part of {first.name} (each fold's model also trained on the other "
            f"files' training rows); never below {MIN_THRESHOLD}"
        ),
        "threshold_out_of_fold": {
            "classifier_only": measure(first.train_labels, [int(p >= threshold) for p in oof], oof),
            "full_detector": measure(first.train_labels, combined(decisions, oof, threshold)),
        },
        "min_words": MIN_WORDS,
        "held_out": held_out,
        "rebuild_command": REBUILD_COMMAND,
    }
    return pipeline, metadata


def save(pipeline, metadata: dict, output: Path) -> tuple[Path, ...]:
    """Write ``output`` (.npz, what scoring reads), the metadata (.json) and the fitted
    pipeline (.joblib, for checking and inspecting; never loaded at run time) side by side."""
    import joblib
    import numpy as np

    from .classifier import metadata_path

    arrays, blocks = export(pipeline)
    if metadata.get("blocks") != blocks:
        raise ValueError("the metadata does not describe this pipeline's blocks")
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:  # savez would add ".npz" to a name without it
        np.savez_compressed(handle, **arrays)
    pipeline_file = pipeline_path(output)
    joblib.dump(pipeline, pipeline_file, compress=("zlib", 6))
    meta = metadata_path(output)
    meta.write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return output, meta, pipeline_file
