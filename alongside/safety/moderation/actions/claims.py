"""Claiming an alert or report (so that nobody else works on it too) and releasing it
back to the queue."""

from django.db import transaction
from django.utils import timezone

from alongside.community.permissions.roles import is_coordinator
from alongside.safety.choices import AlertStatus, ModerationActionKind
from alongside.safety.models import SafetyAlert
from alongside.safety.moderation.actions.common import (
    ModerationError,
    check_not_resolved,
    item_kwargs,
    locked_item,
    name_of,
    noun,
)
from alongside.safety.moderation.record import record_moderation
from alongside.safety.risk import RiskLevel
from alongside.safety.tasks import schedule_escalation


@transaction.atomic
def claim_item(*, moderator, item):
    """Take an alert or report: only if nobody has it (claiming your own again is fine)."""
    item = locked_item(item)
    check_not_resolved(item)
    if item_kwargs(item)["member"] == moderator:
        raise ModerationError(
            f"This {noun(item)} is about you, so another moderator will look at it."
        )
    if item.claimed_by_id == moderator.pk:
        return item
    if item.claimed_by_id is not None:
        raise ModerationError(f"{name_of(item.claimed_by)} has already claimed this {noun(item)}.")
    item.status = AlertStatus.CLAIMED
    item.claimed_by = moderator
    item.claimed_at = timezone.now()
    item.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    record_moderation(moderator=moderator, kind=ModerationActionKind.CLAIM, **item_kwargs(item))
    return item


@transaction.atomic
def release_item(*, moderator, item):
    """Put an alert or report back in the queue. Its claimer may; a coordinator may too
    (someone went home with it)."""
    item = locked_item(item)
    check_not_resolved(item)
    if item.claimed_by_id is None:
        raise ModerationError(f"This {noun(item)} isn't claimed, so there is nothing to release.")
    if item.claimed_by_id != moderator.pk and not is_coordinator(moderator):
        raise ModerationError(
            f"{name_of(item.claimed_by)} has claimed this {noun(item)}; only they or a "
            "coordinator can release it."
        )
    item.status = AlertStatus.OPEN
    item.claimed_by = None
    item.claimed_at = None
    item.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    record_moderation(moderator=moderator, kind=ModerationActionKind.RELEASE, **item_kwargs(item))
    if (
        isinstance(item, SafetyAlert)
        and item.level == RiskLevel.URGENT
        and item.escalated_at is None
    ):
        # Unclaimed again: if nobody takes it within ESCALATE_AFTER, on-duty moderators
        # are told (the first check found it claimed and stood down).
        schedule_escalation(item, waiting_since=timezone.now())
    return item
