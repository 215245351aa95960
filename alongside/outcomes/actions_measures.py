"""What coordinators set about wellbeing check-ins: a licensed measure's wording, which
measures are asked, and when members are asked. One transaction and one audit entry each;
the audit entry never holds the wording."""

from django.core.exceptions import ValidationError
from django.db import transaction

from alongside.common.audit import record_audit
from alongside.community.text import one_line
from alongside.outcomes.models import Measure, OutcomesSettings
from alongside.outcomes.permissions import check_manage_measures_permission

WORDING_MAX_LENGTH = 500


@transaction.atomic
def set_item_wording(*, measure: Measure, actor, wording: dict) -> Measure:
    """A coordinator enters the licensed wording of a measure's items (after registering
    with its owners). Every item without shipped wording needs some."""
    check_manage_measures_permission(actor)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    licensed = [item for item in measure.parsed.items if item.text is None]
    errors, entered = {}, {}
    for number, item in enumerate(measure.parsed.items, start=1):
        if item.text is not None:
            continue
        value = wording.get(item.key, "") if isinstance(wording, dict) else ""
        text = one_line(value) if isinstance(value, str) else ""
        if not text:
            errors[item.key] = f"Enter the wording of statement {number} ({item.topic})."
        elif len(text) > WORDING_MAX_LENGTH:
            errors[item.key] = (
                f"Statement {number} must be {WORDING_MAX_LENGTH} characters or fewer."
            )
        else:
            entered[item.key] = text
    if not licensed:
        raise ValidationError(
            "This measure's wording is shipped with it; there's nothing to enter."
        )
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    measure.item_wording = entered
    measure.save(update_fields=["item_wording", "updated_at"])
    record_audit(actor=actor, verb="outcomes.wording_entered", target=measure)
    return measure


@transaction.atomic
def set_measure_active(*, measure: Measure, actor, active: bool) -> Measure:
    """Start or stop asking a measure. Answers already given stay in reports."""
    check_manage_measures_permission(actor)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if measure.is_active != bool(active):
        measure.is_active = bool(active)
        measure.save(update_fields=["is_active", "updated_at"])
        record_audit(
            actor=actor,
            verb="outcomes.measure_started" if active else "outcomes.measure_stopped",
            target=measure,
        )
    return measure


@transaction.atomic
def update_outcomes_settings(
    *, actor, interval_months: int, ask_when_support_ends: bool, quiet_days_after_urgent: int
) -> OutcomesSettings:
    check_manage_measures_permission(actor)
    errors = {}
    if not _whole_number_in(interval_months, 1, 12):
        errors["interval_months"] = ["Choose a number of months from 1 to 12."]
    if not _whole_number_in(quiet_days_after_urgent, 1, 90):
        errors["quiet_days_after_urgent"] = ["Choose a number of days from 1 to 90."]
    if errors:
        raise ValidationError(errors)
    row, _ = OutcomesSettings.objects.select_for_update().get_or_create(pk=1)
    before = {
        "interval_months": row.interval_months,
        "ask_when_support_ends": row.ask_when_support_ends,
        "quiet_days_after_urgent": row.quiet_days_after_urgent,
    }
    row.interval_months = interval_months
    row.ask_when_support_ends = bool(ask_when_support_ends)
    row.quiet_days_after_urgent = quiet_days_after_urgent
    row.updated_by = actor
    row.save()
    record_audit(
        actor=actor,
        verb="outcomes.settings_changed",
        target=row,
        data={
            "before": before,
            "after": {
                "interval_months": interval_months,
                "ask_when_support_ends": row.ask_when_support_ends,
                "quiet_days_after_urgent": quiet_days_after_urgent,
            },
        },
    )
    return row


def _whole_number_in(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
