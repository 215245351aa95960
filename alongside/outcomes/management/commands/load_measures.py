"""Add or update wellbeing measures from definition files (see outcomes/definitions.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.outcomes.definitions import DefinitionError
from alongside.outcomes.loading import load_measure, load_shipped_measures, read_definition


class Command(BaseCommand):
    help = (
        "Load measure definitions (JSON files). With no files, reload the measures Alongside ships."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args, files, **options):
        if not files:
            measures = load_shipped_measures(replace=True)
            self.stdout.write(f"Loaded {len(measures)} shipped measures.")
            return
        for path in files:
            try:
                measure, created = load_measure(read_definition(path))
            except DefinitionError as error:
                raise CommandError(
                    f"{path}: can't load it.\n" + "\n".join(f"  - {p}" for p in error.problems)
                ) from error
            verb = "Added" if created else "Updated"
            self.stdout.write(f"{verb} {measure.name} (version {measure.version}).")
