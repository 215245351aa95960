"""``manage.py evaluate_risk``: figures per tier on any labelled CSV, and plain errors.

Every CSV here is written in tmp_path from sentences of our own (never the crisis data).
"""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

URGENT_TEXTS = [
    "I am going to kill myself tonight, I have the pills ready",
    "I want to die and I have written my note, this is goodbye",
    "I'm going to end my life this weekend, I have a rope in the shed",
    "I want to die tonight, I have been saving my tablets for weeks",
]
EVERYDAY_TEXTS = [
    "Had a lovely walk by the river with the dog this afternoon",
    "Does anyone know a good recipe for a quick vegetable curry?",
    "The bus was late again so I missed the start of the film",
    "This exam is killing me but I think I will pass it in the end",
]
# For cross-validation: long enough for the classifier (10+ words), repeated with a number
# so every fold has the same words.
SAD = [
    "I feel empty and tired of everything and nobody would notice if I was gone",
    "I cannot keep going like this, everything hurts and I am tired of everything",
    "nobody would notice if I was gone, I feel empty and alone every night",
    "everything hurts and I feel alone, I am tired and I cannot keep going",
]
FINE = [
    "school was fine today and I played football with my friends after lunch",
    "my friends and I played games after school and then we had pizza for tea",
    "football practice after school was fun and my friends came round for tea",
    "we had pizza after football and played games with my friends all evening",
]


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path, **options):
    """Call the command as it is typed: a list option becomes the flag given once per value."""
    argv = [str(path)]
    for name, value in options.items():
        for one in value if isinstance(value, list) else [value]:
            argv += [f"--{name.replace('_', '-')}", str(one)]
    out, err = io.StringIO(), io.StringIO()
    call_command("evaluate_risk", *argv, stdout=out, stderr=err)
    return out.getvalue()


def row(output, name):
    """The numbers on one tier's line: recall, precision, FPR, TP, FP, FN, TN."""
    line = next(line for line in output.splitlines() if line.startswith(name))
    return [float(value) for value in line[len(name) :].split()]


@pytest.fixture
def labelled(tmp_path):
    rows = [(text, "suicide") for text in URGENT_TEXTS]
    rows += [(text, "non-suicide") for text in EVERYDAY_TEXTS]
    return write_csv(tmp_path / "posts.csv", ["text", "class"], rows)


def test_figures_per_tier_and_the_confusion_matrices(labelled):
    output = run(labelled, text_col=["text"], label_col="class", positive=["suicide"])
    assert "8 rows with text; 4 labelled 'suicide' in 'class', 4 others." in output
    assert "not cross-validated" in output
    # recall, precision, FPR, TP, FP, FN, TN
    assert row(output, "rules only") == [1.0, 1.0, 0.0, 4, 0, 0, 4]
    assert row(output, "full detector") == [1.0, 1.0, 0.0, 4, 0, 0, 4]
    assert len(row(output, "classifier only")) == 7
    assert row(output, "labelled positive") == [0, 0, 4]  # none, concern, urgent
    assert row(output, "labelled negative") == [4, 0, 0]
    assert "rules only     median" in output
    assert "full detector  median" in output
    assert "added by the classifier:" in output


def test_several_text_columns_are_joined(tmp_path):
    path = write_csv(
        tmp_path / "reddit.csv",
        ["title", "selftext", "is_suicide"],
        [
            ("I want to die", "I have the pills ready", "1"),
            ("Weekend plans", "Going to the coast with my sister", "0"),
        ],
    )
    output = run(
        path, text_col=["title", "selftext"], label_col="is_suicide", latency_rows=0
    )  # --positive defaults to 1
    assert row(output, "labelled positive") == [0, 0, 1]
    assert row(output, "labelled negative") == [1, 0, 0]
    assert "Latency" not in output


def test_rows_without_text_are_skipped_and_counted(tmp_path):
    path = write_csv(
        tmp_path / "gaps.csv",
        ["text", "label"],
        [(URGENT_TEXTS[0], "1"), ("   ", "1"), (EVERYDAY_TEXTS[0], "0")],
    )
    output = run(path, text_col=["text"], label_col="label", latency_rows=0)
    assert "2 rows with text (1 without text skipped)" in output


def test_a_label_value_that_is_not_there_lists_the_values_found(labelled):
    with pytest.raises(CommandError) as error:
        run(labelled, text_col=["text"], label_col="class", positive=["1"])
    message = str(error.value)
    assert "No row of posts.csv has the label '1' in column 'class'" in message
    assert "'suicide' (4 rows)" in message and "'non-suicide' (4 rows)" in message


def test_every_row_positive_is_explained(labelled):
    with pytest.raises(CommandError, match="needs rows of both kinds"):
        run(labelled, text_col=["text"], label_col="class", positive=["suicide", "non-suicide"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: it needs a header row"),
        (b"text,class\n", "has no rows with text in text"),
        (b"text,class\n\xff\xfe broken,1\n", "is not UTF-8 text"),
        (b"body,label\nhello,1\n", "has no column 'text', 'class'. Its columns are: 'body'"),
    ],
)
def test_bad_files_give_plain_errors(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, text_col=["text"], label_col="class")


def test_odd_bytes_inside_a_utf8_file_are_assessed(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(
        "text,class\nk\u200bill\x00 me \U0001f622,1\n\ufeff\u202e,0\nhello,0\n"
        'one\u2028line,0\n"two\nlines",0\n'.encode()
    )
    output = run(path, text_col=["text"], label_col="class", latency_rows=0)
    assert "5 rows with text" in output


def test_a_missing_file_is_a_plain_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "nowhere.csv", text_col=["text"], label_col="class")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cross_validate": 1}, "at least 2 folds"),
        ({"cross_validate": 5}, "needs at least 5 rows of each label"),
        ({"threshold": 1.5}, "between 0 and 1"),
        ({"latency_rows": -1}, "cannot be negative"),
    ],
)
def test_bad_options_give_plain_errors(labelled, options, message):
    with pytest.raises(CommandError, match=message):
        run(labelled, text_col=["text"], label_col="class", positive=["suicide"], **options)


@pytest.fixture
def trainable(tmp_path):
    rows = [(f"{text} ({n})", "yes") for n in range(6) for text in SAD]
    rows += [(f"{text} ({n})", "no") for n in range(6) for text in FINE]
    return write_csv(tmp_path / "train.csv", ["text", "risk"], rows)


def test_cross_validation_trains_on_the_other_folds(trainable):
    output = run(
        trainable,
        text_col=["text"],
        label_col="risk",
        positive=["yes"],
        cross_validate=2,
        latency_rows=0,
    )
    assert "Cross-validated: 2 stratified folds" in output
    assert "chosen on each fold's training rows" in output
    assert row(output, "rules only")[4] == 0  # no false positive
    assert row(output, "classifier only")[:3] == [1.0, 1.0, 0.0]
    assert row(output, "full detector")[3:] == [24, 0, 0, 24]


def test_cross_validation_with_a_fixed_threshold(trainable):
    output = run(
        trainable,
        text_col=["text"],
        label_col="risk",
        positive=["yes"],
        cross_validate=3,
        threshold=0.5,
        latency_rows=0,
    )
    assert "fixed by --threshold: 0.5, 0.5, 0.5" in output
    assert row(output, "full detector")[:3] == [1.0, 1.0, 0.0]
