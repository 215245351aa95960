"""Putting measure definitions into the database: the ones shipped in `measures/`, loaded
after every migrate, and any an organisation adds with `manage.py load_measures FILE`."""

import json
from pathlib import Path

from django.db import transaction

from alongside.outcomes.definitions import DefinitionError, parse_definition
from alongside.outcomes.models import Measure

SHIPPED = Path(__file__).resolve().parent / "measures"
# Shown in this order; measures added later go after them.
SHIPPED_ORDER = ("swemwbs", "ucla3", "belonging")
# The parts of a definition that change what a score means.
SCORING_PARTS = ("options", "items", "scoring", "score_range", "higher_is_better")


def read_definition(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DefinitionError([f"{path.name} isn't readable JSON: {error}"]) from error


def _scoring(definition: dict) -> dict:
    scoring = {part: definition.get(part) for part in SCORING_PARTS}
    # The order the answers are listed in doesn't change a score.
    scoring["options"] = sorted(
        (option for option in scoring["options"] or [] if isinstance(option, dict)),
        key=lambda option: str(option.get("value")),
    )
    # Wording may be corrected without changing what a score means.
    scoring["items"] = [
        {key: value for key, value in item.items() if key not in ("text", "topic")}
        for item in scoring["items"] or []
        if isinstance(item, dict)
    ]
    return scoring


@transaction.atomic
def load_measure(data: dict, *, position: int | None = None, replace: bool = True):
    """Add a measure, or update the one with its key. Returns (measure, created).

    A change to the scoring gives the measure a new version, so earlier scores stay
    labelled with the version they were scored by. Wording a coordinator entered is kept.
    """
    definition = parse_definition(data)
    measure = Measure.objects.select_for_update().filter(key=definition.key).first()
    if measure is None:
        if position is None:
            position = 100 + Measure.objects.count()
        measure = Measure.objects.create(
            key=definition.key, name=definition.name, definition=data, position=position
        )
        return measure, True
    if not replace or measure.definition == data:
        return measure, False
    if _scoring(measure.definition) != _scoring(data):
        measure.version += 1
    measure.definition = data
    measure.name = definition.name
    measure.save(update_fields=["definition", "name", "version", "updated_at"])
    return measure, False


def load_shipped_measures(*, replace: bool = False) -> list[Measure]:
    """The measures Alongside ships. Without `replace`, ones already there are left as
    they are (an organisation may have changed them)."""
    measures = []
    for position, key in enumerate(SHIPPED_ORDER):
        data = read_definition(SHIPPED / f"{key}.json")
        measure, _ = load_measure(data, position=position, replace=replace)
        measures.append(measure)
    return measures


def load_after_migrate(sender, **kwargs) -> None:
    """post_migrate receiver: every database gets the shipped measures."""
    using = kwargs.get("using", "default")
    if using != "default":
        return
    load_shipped_measures()
