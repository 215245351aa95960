"""Closing an alert or report with a note. Held content must be decided first; whoever
reported something is thanked, without details."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.community.choices import NotificationKind
from alongside.community.notifications import notify
from alongside.safety.choices import AlertStatus, ModerationActionKind
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation.actions.common import (
    ModerationError,
    awaits_decision,
    check_claimed_by,
    content_name,
    item_kwargs,
    locked_item,
)
from alongside.safety.moderation.record import record_moderation


def _resolve(item, *, moderator, note: str) -> None:
    item.status = AlertStatus.RESOLVED
    item.resolved_by = moderator
    item.resolved_at = timezone.now()
    item.resolution_note = note
    item.save(
        update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"]
    )
    record_moderation(
        moderator=moderator, kind=ModerationActionKind.RESOLVE, reason=note, **item_kwargs(item)
    )


@transaction.atomic
def resolve_alert(*, moderator, alert: SafetyAlert, note: str) -> SafetyAlert:
    """Close the alert with a note. Held content must be approved or hidden first, so that
    nothing is left waiting unseen."""
    alert = locked_item(alert)
    check_claimed_by(alert, moderator)
    content = alert.content
    if awaits_decision(alert, content):
        name = content_name(content)
        raise ModerationError(
            f"This {name} is still held. Approve it or hide it before resolving the alert."
        )
    _resolve(alert, moderator=moderator, note=note)
    return alert


@transaction.atomic
def resolve_report(*, moderator, report: Report, note: str) -> Report:
    """Close the report with a note, and thank whoever made it (no details: what was done
    about someone else is not theirs to know)."""
    report = locked_item(report)
    check_claimed_by(report, moderator)
    _resolve(report, moderator=moderator, note=note)
    if report.reporter is not None:
        notify(
            user=report.reporter,
            kind=NotificationKind.MODERATION,
            text="Thank you for your report. A moderator has looked into it.",
            url=reverse("community:notifications"),
            actor=moderator,
        )
    return report
