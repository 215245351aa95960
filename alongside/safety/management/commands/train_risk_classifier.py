"""Train the risk classifier from the labelled CSVs and write the shipped model files.

    .venv/bin/python manage.py train_risk_classifier

rebuilds ``alongside/safety/risk/data/classifier.npz`` (what scoring reads),
``classifier.json`` (metadata) and ``classifier.joblib`` (the fitted scikit-learn pipeline)
from ``../shared/data/crisis/`` (beside the repository). Deterministic: the same files give
the same model and figures.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.safety.risk import classifier, training


class Command(BaseCommand):
    help = "Train the risk classifier from the labelled crisis CSVs and save the model."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder holding the two CSVs (default: ../shared/data/crisis beside the repo).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=classifier.MODEL_PATH,
            help="Where to write the model (.npz); the metadata (.json) and pipeline (.joblib) "
            "go beside it.",
        )
        parser.add_argument(
            "--min-df",
            type=int,
            default=training.MIN_DF,
            help="Keep only terms found in at least this many posts (at least 2).",
        )

    def handle(self, *args, data_dir, output, min_df, **options):
        if min_df < 2:
            raise CommandError("--min-df must be at least 2, so no single post's words are kept.")
        if output.suffix != ".npz":
            raise CommandError("--output must be a .npz file.")
        data_dir = (data_dir or training.default_data_dir()).resolve()
        started = time.perf_counter()
        try:
            pipeline, metadata = training.train(data_dir, min_df=min_df)
        except training.DataError as error:
            raise CommandError(str(error)) from None
        except ValueError as error:  # e.g. too few rows for the vocabulary or the folds
            raise CommandError(f"Could not train on {data_dir}: {error}") from None
        written = training.save(pipeline, metadata, output)
        for name, tiers in metadata["held_out"].items():
            for tier, figures in tiers.items():
                self.stdout.write(f"held out, {name}, {tier}: {figures}")
        self.stdout.write(f"threshold {metadata['threshold']}: {metadata['threshold_rule']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {', '.join(map(str, written))} in {time.perf_counter() - started:.1f} s."
            )
        )
