"""How much each preference counts when matching, set by coordinators."""

from django.core.exceptions import ValidationError
from django.db import transaction

from alongside.common.audit import record_audit
from alongside.matching.models import MatchingSettings

WEIGHT_NAMES = (
    "weight_topics", "weight_text", "weight_availability", "weight_distance", "weight_waiting",
)  # fmt: skip
MAX_WEIGHT = 100
MIN_OVERLAP_MINUTES = 30
MAX_OVERLAP_MINUTES = 24 * 60


def _whole_number(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@transaction.atomic
def update_matching_settings(*, actor, weights: dict) -> MatchingSettings:
    """Change the weights (each 0 to 100, not all 0) and the least weekly time a pair must
    share (30 to 1,440 minutes). Keys left out stay as they are; unknown keys are ignored."""
    row, _ = MatchingSettings.objects.select_for_update().get_or_create(pk=1)
    names = [*WEIGHT_NAMES, "min_overlap_minutes"]
    new = {name: weights.get(name, getattr(row, name)) for name in names}
    errors: dict[str, list[str]] = {}
    for name in WEIGHT_NAMES:
        if not _whole_number(new[name], 0, MAX_WEIGHT):
            errors[name] = [f"Choose a number from 0 to {MAX_WEIGHT}."]
    if not _whole_number(new["min_overlap_minutes"], MIN_OVERLAP_MINUTES, MAX_OVERLAP_MINUTES):
        errors["min_overlap_minutes"] = ["Choose a number of minutes from 30 to 1,440."]
    if not errors and not any(new[name] for name in WEIGHT_NAMES):
        errors["__all__"] = [
            "At least one preference needs a weight above 0, or every pair would score the same."
        ]
    if errors:
        raise ValidationError(errors)
    changed = sorted(name for name in names if getattr(row, name) != new[name])
    for name in names:
        setattr(row, name, new[name])
    row.updated_by = actor
    row.save()
    record_audit(
        actor=actor,
        verb="matching.settings_updated",
        target=row,
        data={"fields": changed, **{name: new[name] for name in names}},
    )
    return row
