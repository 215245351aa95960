"""The one way to record what a moderator did."""

from alongside.common.audit import record_audit
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import ModerationAction, Report, SafetyAlert


def record_moderation(
    *,
    moderator,
    kind: ModerationActionKind,
    alert: SafetyAlert | None = None,
    report: Report | None = None,
    member=None,
    reason: str = "",
    data: dict | None = None,
) -> ModerationAction:
    """Store a ModerationAction and its audit-log entry. Call inside the action's
    transaction. The audit entry's target is the alert, report or member (never the
    content, whose label could be member-written text); `reason` stays out of the audit
    data because it may quote the member."""
    action = ModerationAction.objects.create(
        moderator=moderator, kind=kind, alert=alert, report=report, member=member, reason=reason
    )
    target = alert or report or member
    record_audit(
        actor=moderator,
        verb=f"moderation.{kind}",
        target=target,
        data={
            "alert_id": getattr(alert, "pk", None),
            "report_id": getattr(report, "pk", None),
            "member_id": getattr(member, "pk", None),
            **(data or {}),
        },
    )
    return action
