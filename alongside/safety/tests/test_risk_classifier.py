"""The classifier tier of assess_risk: the shipped model, how it combines with the rules, what
happens without it, and the command that trains it.

All sentences are our own, written for these tests.
"""

import json
import logging
import shutil
import subprocess
import sys
import threading

import joblib
import pytest
import sklearn
from django.core.management import CommandError, call_command

from alongside.safety.risk import DETECTOR_VERSION, RiskLevel, assess_risk, classifier, training
from alongside.safety.risk.assess import CLASSIFIER_SIGNAL, RULES_VERSION, assess_rules
from alongside.safety.risk.normalise import normalise
from alongside.safety.tests.test_risk_evaluate import FINE, SAD, write_csv

URGENT, CONCERN, NONE = RiskLevel.URGENT, RiskLevel.CONCERN, RiskLevel.NONE

# Long, first-person and hopeless, but with no phrase from the rule lexicon.
HOPELESS = [
    "I am so tired of everything. Nobody cares about me at all and it never gets better, "
    "I just want it all to stop.",
    "Every night I lie awake and cry. I am tired of fighting and I cannot see the point of "
    "anything any more. I am done.",
]
EVERYDAY = [
    "Had a lovely walk with the dog and then cooked dinner for my family tonight, feeling "
    "good about the week ahead.",
    "Does anyone have tips for revising for maths? My teacher set loads of homework and I "
    "keep getting distracted by my phone.",
    "We went to the beach on Saturday and the kids built a huge sandcastle, then we had chips "
    "on the pier.",
    "My exam went badly and I'm so stressed, I don't know how I'm going to pass this year.",
]
# Long texts the classifier scores high, but where a rule exception decides.
EXCEPTIONS = [
    (
        "I would never kill myself, I have so much to live for and my family and my friends "
        "mean everything to me.",
        "exception.negated",
    ),
    (
        "I don't want to die, I just want the pain to stop and I want someone to listen to me "
        "tonight please.",
        "exception.negated",
    ),
    (
        "Two years ago I tried to kill myself and I felt hopeless every day. Today I am doing "
        "well and I have a job I love.",
        "exception.recovered",
    ),
    (
        "This exam is killing me, I have been revising all week and I am tired of everything "
        "about school right now.",
        "exception.idiom",
    ),
    (
        "I'm not suicidal, I am just really tired and sad and lonely and I wanted somewhere to "
        "talk about it tonight.",
        "exception.negated",
    ),
]
URGENT_TEXTS = [
    "I'm going to kill myself tonight, I have the pills ready and I have written my note. "
    "I am so tired of everything and nobody cares.",
    "This is my last message, thank you all. I am tired of fighting and I cannot see the point "
    "of anything any more.",
]


@pytest.fixture
def model():
    loaded = classifier.get_classifier()
    assert loaded is not None, "the shipped classifier must load"
    return loaded


@pytest.fixture
def no_model(settings, tmp_path):
    settings.RISK_CLASSIFIER_PATH = tmp_path / "missing.joblib"
    return settings


def test_the_shipped_model_loads_and_matches_the_code(model):
    meta = model.metadata
    assert meta["classifier_version"] == classifier.CLASSIFIER_VERSION
    assert f"{RULES_VERSION}+{meta['classifier_version']}" == DETECTOR_VERSION
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["rebuild_command"] == ".venv/bin/python manage.py train_risk_classifier"
    assert meta["min_words"] == classifier.MIN_WORDS
    assert training.MIN_THRESHOLD <= model.threshold < 1.0
    assert model.threshold == meta["threshold"]
    assert set(meta["files"]) == {
        "suicide-detection-dev.csv",
        "suicidewatch-vs-depression-dev.csv",
    }
    for tiers in meta["held_out"].values():
        assert {"precision", "recall", "f1", "auc"} <= set(tiers["classifier_only"])
        assert {"precision", "recall", "false_positive_rate"} <= set(tiers["full_detector"])
    assert [block["analyzer"] for block in meta["blocks"]] == ["word", "char_wb"]
    assert [len(block.weights) for block in model.blocks] == [
        block["terms"] for block in meta["blocks"]
    ]


def test_the_shipped_files_are_small():
    files = [
        classifier.MODEL_PATH,
        classifier.metadata_path(classifier.MODEL_PATH),
        classifier.pipeline_path(classifier.MODEL_PATH),
    ]
    assert sum(path.stat().st_size for path in files) < 3_000_000


def test_the_vocabulary_keeps_no_rare_phrase():
    pipeline = joblib.load(classifier.pipeline_path(classifier.MODEL_PATH))
    vectorizers = dict(pipeline[0].transformer_list)
    assert vectorizers["word"].min_df >= 5
    assert vectorizers["char"].min_df >= 10
    assert vectorizers["char"].ngram_range[1] <= 5  # fragments of words, never phrases
    assert not any(hasattr(v, "stop_words_") for v in vectorizers.values())


ODD_TEXTS = [
    "",
    "a",
    "   spaces \t\n  everywhere   ",
    "x" * 300,
    "caf\u00e9 na\u00efve \u00fcber \u0416\u0438\u0437\u043d\u044c \u6b7b \U0001f622\U0001f622",
    "i i i i i i i i i i i i i i",
    "word " * 3000,
]


def test_fast_scoring_equals_the_pipeline(model):
    pipeline = joblib.load(classifier.pipeline_path(classifier.MODEL_PATH))
    texts = [normalise(t) for t in HOPELESS + EVERYDAY + [t for t, _ in EXCEPTIONS]]
    texts += [normalise(t) for t in URGENT_TEXTS + ODD_TEXTS]
    expected = pipeline.predict_proba(texts)[:, 1]
    for text, probability in zip(texts, expected, strict=True):
        assert model.probability(text) == pytest.approx(probability, abs=1e-9)


def test_the_analyzers_give_scikit_learns_tokens():
    pipeline = joblib.load(classifier.pipeline_path(classifier.MODEL_PATH))
    vectorizers = dict(pipeline[0].transformer_list)
    ours = {
        "word": classifier.word_analyzer((1, 2)),
        "char": classifier.char_wb_analyzer(training.CHAR_NGRAMS),
    }
    for text in [normalise(t) for t in HOPELESS + EVERYDAY + ODD_TEXTS]:
        for name, analyzer in ours.items():
            assert analyzer(text) == vectorizers[name].build_analyzer()(text)


def test_loading_and_scoring_need_no_scikit_learn():
    code = (
        "import django, sys; django.setup()\n"
        "from alongside.safety.risk import assess_risk, classifier\n"
        "assert classifier.get_classifier() is not None\n"
        f"assert assess_risk({HOPELESS[0]!r}).level == 'concern'\n"
        "print('sklearn' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.stdout.strip() == "False"


def test_threads_load_the_model_once(settings, tmp_path, caplog):
    for path in (classifier.MODEL_PATH, classifier.metadata_path(classifier.MODEL_PATH)):
        shutil.copy(path, tmp_path / path.name)
    settings.RISK_CLASSIFIER_PATH = tmp_path / classifier.MODEL_PATH.name
    results, start = [], threading.Barrier(6)

    def first_request():
        start.wait()
        results.append(classifier.get_classifier())

    with caplog.at_level(logging.INFO, logger=classifier.__name__):
        threads = [threading.Thread(target=first_request) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 6 and results[0] is not None
    assert all(result is results[0] for result in results)
    loads = [r for r in caplog.records if "loaded from" in r.getMessage()]
    assert len(loads) == 1


def test_hopeless_first_person_text_scores_higher_than_everyday_text(model):
    lowest_hopeless = min(model.probability(normalise(t)) for t in HOPELESS)
    highest_everyday = max(model.probability(normalise(t)) for t in EVERYDAY)
    assert lowest_hopeless >= model.threshold > highest_everyday


@pytest.mark.parametrize("text", HOPELESS)
def test_the_classifier_adds_concern_the_rules_missed(text):
    rules_only = assess_rules(text)
    result = assess_risk(text)
    assert rules_only.level == NONE
    assert result.level == CONCERN
    assert result.signals == (*rules_only.signals, CLASSIFIER_SIGNAL)
    assert 0.3 <= result.score <= 0.75
    assert result.detector_version == DETECTOR_VERSION


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_long_text_stays_none(text):
    result = assess_risk(text)
    assert result.level == NONE
    assert result.score == 0.0


@pytest.mark.parametrize(("text", "signal"), EXCEPTIONS)
def test_exceptions_are_not_overridden(text, signal, model):
    result = assess_risk(text)
    assert result.level == NONE, result
    assert signal in result.signals
    assert CLASSIFIER_SIGNAL not in result.signals
    assert result.score == 0.0


def test_the_exception_cases_are_ones_the_classifier_would_flag(model):
    """So the test above proves something: most of them score above the threshold."""
    flagged = [t for t, _ in EXCEPTIONS if model.probability(normalise(t)) >= model.threshold]
    assert len(flagged) >= 3


def test_short_texts_are_not_scored(model):
    assert classifier.probability(model, normalise("I am so tired of everything")) is None
    long_enough = "word " * classifier.MIN_WORDS
    assert classifier.probability(model, long_enough) is not None


@pytest.mark.parametrize("text", URGENT_TEXTS)
def test_the_classifier_never_changes_urgent(text):
    rules_only = assess_rules(text)
    result = assess_risk(text)
    assert result.level == rules_only.level == URGENT
    assert result.score == rules_only.score
    assert result.signals == rules_only.signals


def test_the_classifier_never_makes_anything_urgent(model):
    texts = HOPELESS + EVERYDAY + [t for t, _ in EXCEPTIONS]
    texts += [" ".join(HOPELESS * 20), "I am tired and nobody cares. " * 50]
    texts += ["I feel hopeless. " + HOPELESS[0], "Some days I feel suicidal. " + HOPELESS[1]]
    for text in texts:
        result = assess_risk(text)
        assert assess_rules(text).level != URGENT
        assert result.level != URGENT
        assert result.score <= 0.85
        assert not any(s.startswith("urgent.") for s in result.signals)


def test_a_likely_post_ranks_a_rule_concern_higher():
    lexicon_only = "I feel hopeless. " + EVERYDAY[0]
    with_hopeless = "I feel hopeless. " + HOPELESS[0]
    rules = (assess_rules(lexicon_only), assess_rules(with_hopeless))
    both = (assess_risk(lexicon_only), assess_risk(with_hopeless))
    assert [r.level for r in rules + both] == [CONCERN] * 4
    assert rules[0].score == rules[1].score
    assert both[1].score > both[0].score >= rules[0].score
    assert both[1].score <= 0.85
    assert CLASSIFIER_SIGNAL in both[1].signals


def test_a_missing_model_means_rules_only(no_model, caplog):
    with caplog.at_level(logging.ERROR, logger=classifier.__name__):
        result = assess_risk(HOPELESS[0])
        again = assess_risk(HOPELESS[1])
    assert result.level == again.level == NONE
    assert result.detector_version == RULES_VERSION
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1  # logged once per process, never silently
    assert "only the rules" in errors[0].getMessage()
    assert assess_risk("I'm going to kill myself tonight").level == URGENT


def test_a_broken_model_file_means_rules_only(settings, tmp_path, caplog):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    shutil.copy(classifier.metadata_path(classifier.MODEL_PATH), tmp_path / "broken.json")
    settings.RISK_CLASSIFIER_PATH = broken
    with caplog.at_level(logging.ERROR, logger=classifier.__name__):
        result = assess_risk(HOPELESS[0])
    assert result.level == NONE
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def test_a_threshold_outside_zero_to_one_is_refused(settings, tmp_path, caplog):
    shutil.copy(classifier.MODEL_PATH, tmp_path / "odd.npz")
    meta = json.loads(classifier.metadata_path(classifier.MODEL_PATH).read_text())
    meta["threshold"] = 1.0
    (tmp_path / "odd.json").write_text(json.dumps(meta))
    settings.RISK_CLASSIFIER_PATH = tmp_path / "odd.npz"
    with caplog.at_level(logging.ERROR, logger=classifier.__name__):
        result = assess_risk(HOPELESS[0] * 30)
    assert result.level == NONE
    assert any("threshold" in r.getMessage() for r in caplog.records)


def test_choose_threshold_keeps_the_false_positive_rate_within_the_limit():
    # 20 negatives: at most 2 may be flagged (MAX_FPR 0.10).
    labels = [1] * 10 + [0] * 20
    scores = [0.9] * 8 + [0.35, 0.25] + [0.8, 0.6, 0.4] + [0.1] * 17
    assert training.choose_threshold(labels, scores) == 0.4001  # 2 negatives above it
    # A negative the rules already flag uses up one of the two.
    decisions = [None] * 10 + [None, None, True] + [None] * 17
    assert training.choose_threshold(labels, scores, decisions) == 0.6001
    # Negatives the classifier is never asked about (short, or an exception) do not count.
    decisions = [None] * 10 + [False, False, None] + [None] * 17
    assert training.choose_threshold(labels, scores, decisions) == training.MIN_THRESHOLD
    # The rules alone already flag too many: the highest threshold.
    assert training.choose_threshold([1, 0, 0], [0.9, 0.1, 0.1], [None, True, True]) == 0.99


def test_another_classifier_version_is_refused(settings, tmp_path, caplog):
    shutil.copy(classifier.MODEL_PATH, tmp_path / "next.npz")
    meta = json.loads(classifier.metadata_path(classifier.MODEL_PATH).read_text())
    meta["classifier_version"] = "clf-99"
    (tmp_path / "next.json").write_text(json.dumps(meta))
    settings.RISK_CLASSIFIER_PATH = tmp_path / "next.npz"
    with caplog.at_level(logging.ERROR, logger=classifier.__name__):
        result = assess_risk(HOPELESS[0])
    assert result.level == NONE
    assert result.detector_version == RULES_VERSION
    assert any("clf-99" in r.getMessage() for r in caplog.records)


# The training command, on a tiny data set of our own (just proves it works end to end):
# the evaluation tests' sad and everyday sentences.


@pytest.fixture
def tiny_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    first = [("", f"{t} ({n})", "suicide") for n in range(6) for t in SAD]
    first += [("", f"{t} ({n})", "non-suicide") for n in range(6) for t in FINE]
    write_csv(data / "suicide-detection-dev.csv", ["", "text", "class"], first)
    second = [(f"title {n}", t, "1") for n in range(5) for t in SAD]
    second += [(f"title {n}", t, "0") for n in range(5) for t in FINE]
    write_csv(
        data / "suicidewatch-vs-depression-dev.csv", ["title", "selftext", "is_suicide"], second
    )
    return data


def test_the_train_command_writes_the_model_and_its_metadata(tiny_data, tmp_path, settings):
    shipped = classifier.MODEL_PATH.read_bytes()
    output = tmp_path / "out" / "model.npz"
    call_command("train_risk_classifier", data_dir=tiny_data, output=output)
    assert (tmp_path / "out" / "model.joblib").is_file()
    meta = json.loads((tmp_path / "out" / "model.json").read_text())
    assert meta["files"]["suicide-detection-dev.csv"]["training_rows"] == 38
    assert meta["files"]["suicidewatch-vs-depression-dev.csv"]["held_out_rows"] == 8
    assert len(meta["files"]["suicide-detection-dev.csv"]["sha256"]) == 64
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["seed"] and meta["threshold"] >= training.MIN_THRESHOLD and meta["threshold_rule"]
    for tiers in meta["held_out"].values():
        assert tiers["classifier_only"]["auc"] == 1.0
    assert classifier.MODEL_PATH.read_bytes() == shipped  # the shipped model is untouched

    settings.RISK_CLASSIFIER_PATH = output
    trained = classifier.get_classifier()
    assert trained is not None
    assert trained.probability(normalise(SAD[0] + " " + SAD[1])) > trained.probability(
        normalise(FINE[0] + " " + FINE[1])
    )

    # Deterministic: the same data give the same figures.
    again = tmp_path / "again" / "model.npz"
    call_command("train_risk_classifier", data_dir=tiny_data, output=again)
    assert json.loads((tmp_path / "again" / "model.json").read_text()) == meta


def test_the_train_command_explains_missing_data(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("train_risk_classifier", data_dir=tmp_path, output=tmp_path / "model.npz")
    assert not (tmp_path / "model.npz").exists()


def test_the_train_command_refuses_a_min_df_that_would_keep_single_posts(tiny_data, tmp_path):
    with pytest.raises(CommandError, match="at least 2"):
        call_command(
            "train_risk_classifier", data_dir=tiny_data, output=tmp_path / "m.npz", min_df=1
        )


def test_the_train_command_wants_an_npz_output(tiny_data, tmp_path):
    with pytest.raises(CommandError, match=r"\.npz"):
        call_command("train_risk_classifier", data_dir=tiny_data, output=tmp_path / "m.joblib")


def test_a_wsgi_server_process_loads_the_model_at_start_up():
    code = (
        "import config.wsgi\n"
        "from alongside.safety.risk import classifier\n"
        "print(sorted(classifier._loaded.items())[0][1] is not None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


def test_an_idiom_does_not_hide_the_rest_of_a_long_post(model):
    # The idiom is taken out of what the classifier reads; the rest is still scored.
    text = "Work is killing me. " + HOPELESS[0]
    result = assess_risk(text)
    assert "exception.idiom" in result.signals
    assert result.level == CONCERN
    assert CLASSIFIER_SIGNAL in result.signals
    everyday = assess_risk("Work is killing me. " + EVERYDAY[0])
    assert everyday.level == NONE
