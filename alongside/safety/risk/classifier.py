"""The classifier tier: a probability that a long piece of text reads like a suicidal post.

The model is trained by ``manage.py train_risk_classifier`` (see ``training.py``) and shipped
as three files side by side in ``data/``:

- ``classifier.npz``: what scoring needs, as plain arrays: for each TF-IDF block (word 1-2
  grams, and character 2-5 grams within words) its terms, their idf and their logistic
  regression coefficients, and the intercept. Read with numpy alone;
- ``classifier.json``: metadata (versions, files and their hashes, threshold, figures, the
  blocks' settings);
- ``classifier.joblib``: the fitted scikit-learn pipeline itself, never loaded at run time;
  kept so a test can check that the scorer below gives exactly the pipeline's
  ``predict_proba``, and for anyone who wants to inspect the model.

Scoring needs no scikit-learn: each block's analyzer is re-implemented below (the same
tokens as scikit-learn's ``TfidfVectorizer`` with ``lowercase=False``), each block's
sublinear-tf x idf vector is normalised on its own (as ``FeatureUnion`` does), and the score
is plain arithmetic over one dict, term -> (idf, coefficient). Loading takes a fraction of a
second instead of the 3-10 s of importing scikit-learn, and it happens once per process:
``preload()`` is called when a server process starts (config/asgi.py, config/wsgi.py) and by
a session fixture in tests; ``get_classifier()`` loads lazily otherwise, under a lock, so
two threads never load it twice. If the files are missing or broken, an error is logged once
and the rules work alone.
"""

import json
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed

from .normalise import DATA_DIR

logger = logging.getLogger(__name__)

CLASSIFIER_VERSION = "clf-2"
MODEL_PATH = DATA_DIR / "classifier.npz"
# Trained on long posts: below this many words the classifier is not asked at all.
MIN_WORDS = 10
# Only the start of a very long text is scored (the rules still read all of it).
MAX_CHARS = 20_000

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WHITE_SPACES = re.compile(r"\s\s+")


def word_analyzer(ngram_range: tuple[int, int]) -> Callable[[str], list[str]]:
    """scikit-learn's word analyzer (default token pattern, no stop words, no lowercasing)."""
    min_n, max_n = ngram_range

    def analyze(text: str) -> list[str]:
        tokens = _TOKEN.findall(text)
        grams = list(tokens) if min_n == 1 else []
        for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    return analyze


def char_wb_analyzer(ngram_range: tuple[int, int]) -> Callable[[str], list[str]]:
    """scikit-learn's ``char_wb`` analyzer: character n-grams inside words, padded by a space."""
    min_n, max_n = ngram_range

    def analyze(text: str) -> list[str]:
        grams = []
        append = grams.append
        for word in _WHITE_SPACES.sub(" ", text).split():
            word = f" {word} "
            length = len(word)
            for n in range(min_n, max_n + 1):
                offset = 0
                append(word[offset : offset + n])
                while offset + n < length:
                    offset += 1
                    append(word[offset : offset + n])
                if offset == 0:  # a word shorter than n counts once
                    break
        return grams

    return analyze


ANALYZERS = {"word": word_analyzer, "char_wb": char_wb_analyzer}


@dataclass(frozen=True)
class Block:
    """One TF-IDF block of the model: its analyzer and term -> (idf, coefficient)."""

    analyzer: Callable[[str], list[str]]
    weights: dict[str, tuple[float, float]]

    def dot(self, text: str) -> float:
        """This block's contribution: (l2-normalised sublinear tf x idf) . coefficients."""
        dot = norm = 0.0
        weights = self.weights
        for term, count in Counter(self.analyzer(text)).items():
            entry = weights.get(term)
            if entry is None:
                continue
            value = (1.0 + math.log(count)) * entry[0]
            norm += value * value
            dot += value * entry[1]
        return dot / math.sqrt(norm) if norm else 0.0


@dataclass(frozen=True)
class Classifier:
    blocks: tuple[Block, ...]
    intercept: float
    threshold: float
    metadata: dict

    def probability(self, normalised_text: str) -> float:
        """P(suicidal post) for text already passed through ``normalise``."""
        text = normalised_text[:MAX_CHARS]
        z = self.intercept + sum(block.dot(text) for block in self.blocks)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def model_path() -> Path:
    """``settings.RISK_CLASSIFIER_PATH`` if set (tests), else the shipped model."""
    return Path(getattr(settings, "RISK_CLASSIFIER_PATH", None) or MODEL_PATH)


def metadata_path(path: Path) -> Path:
    return path.with_suffix(".json")


def pipeline_path(path: Path) -> Path:
    return path.with_suffix(".joblib")


def build(arrays, metadata: dict, threshold: float | None = None) -> Classifier:
    """A Classifier from exported arrays (``training.export``) and the metadata's blocks."""
    blocks = []
    for spec in metadata["blocks"]:
        name = spec["name"]
        terms = bytes(arrays[f"{name}_terms"]).decode("utf-8").split("\n")
        idf, coef = arrays[f"{name}_idf"].tolist(), arrays[f"{name}_coef"].tolist()
        if not len(terms) == len(idf) == len(coef):
            raise ValueError(f"block {name!r} has {len(terms)} terms but {len(idf)} weights")
        analyzer = ANALYZERS[spec["analyzer"]](tuple(spec["ngram_range"]))
        blocks.append(Block(analyzer, dict(zip(terms, zip(idf, coef, strict=True), strict=True))))
    threshold = float(metadata["threshold"] if threshold is None else threshold)
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"the threshold {threshold} is not between 0 and 1")
    return Classifier(tuple(blocks), float(arrays["intercept"][0]), threshold, metadata)


def _read(path: Path) -> Classifier:
    import numpy as np

    metadata = json.loads(metadata_path(path).read_text(encoding="utf-8"))
    if metadata.get("classifier_version") != CLASSIFIER_VERSION:
        raise ValueError(
            f"the model is {metadata.get('classifier_version')!r}, "
            f"the code expects {CLASSIFIER_VERSION!r}: rebuild it"
        )
    with np.load(path, allow_pickle=False) as arrays:  # plain arrays only, never pickles
        return build(arrays, metadata)


_lock = threading.Lock()
_loaded: dict[str, Classifier | None] = {}


def _load(path: str) -> Classifier | None:
    """Load once per path per process; any failure is logged once and gives None."""
    try:
        return _loaded[path]
    except KeyError:
        pass
    with _lock:  # the first request in each of several threads must not load it twice
        if path not in _loaded:
            started = time.perf_counter()
            try:
                _loaded[path] = _read(Path(path))
                logger.info(
                    "Risk classifier loaded from %s in %.2f s",
                    path,
                    time.perf_counter() - started,
                )
            except Exception as error:
                logger.error(
                    "Risk classifier could not be loaded from %s (%s): "
                    "only the rules will assess risk",
                    path,
                    error,
                    exc_info=True,
                )
                _loaded[path] = None
        return _loaded[path]


def _forget(*, setting, **kwargs) -> None:
    if setting == "RISK_CLASSIFIER_PATH":
        with _lock:
            _loaded.clear()


setting_changed.connect(_forget)


def get_classifier() -> Classifier | None:
    return _load(str(model_path()))


def preload() -> None:
    """Load the classifier now (server start-up), so no member's message waits for it."""
    get_classifier()


def probability(classifier: Classifier | None, normalised_text: str) -> float | None:
    """The classifier's probability for this text, or None: no classifier, a short text
    (under ``MIN_WORDS`` words), or a scoring failure (logged)."""
    if classifier is None or len(normalised_text.split(maxsplit=MIN_WORDS)) < MIN_WORDS:
        return None
    try:
        return classifier.probability(normalised_text)
    except Exception:  # never let scoring break posting; the rules have already run
        logger.exception("Risk classifier failed on one text: the rules' result stands")
        return None
