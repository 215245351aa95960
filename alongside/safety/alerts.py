"""Raising safety alerts. Every action that stores member text calls `raise_alert` after
saving it (inside its transaction), with the content whose risk fields `apply_risk` set.

Concern and urgent both reach the moderation queue; urgent content is also held (see
`safety.risk.stored.apply_risk`), and an urgent alert nobody has claimed after
ESCALATE_AFTER is escalated to every on-duty moderator by the task worker."""

from django.db import transaction

from alongside.common.audit import record_audit
from alongside.safety.choices import AlertStatus, AlertTarget
from alongside.safety.models import ALERT_TARGET_FIELDS, SafetyAlert
from alongside.safety.risk import RiskLevel
from alongside.safety.risk.stored import LEVEL_RANK, AssessedContent, is_higher

_TARGETS = {
    "community.post": AlertTarget.POST,
    "community.message": AlertTarget.MESSAGE,
    "community.copingstrategy": AlertTarget.COPING_STRATEGY,
    "community.copingcomment": AlertTarget.COPING_COMMENT,
    "accounts.profile": AlertTarget.PROFILE,
    "matching.supportrequest": AlertTarget.SUPPORT_REQUEST,
    "matching.supporterprofile": AlertTarget.SUPPORTER_PROFILE,
    "matching.checkin": AlertTarget.CHECK_IN,
    "matching.matchfeedback": AlertTarget.MATCH_FEEDBACK,
    "matching.matchreflection": AlertTarget.MATCH_REFLECTION,
}


@transaction.atomic
def raise_alert(*, content: AssessedContent, member) -> SafetyAlert | None:
    """Raise (or raise the level of) the open alert for `content`, written by `member`.
    Returns None when the risk check found nothing."""
    assessment = content.risk
    if assessment.level == RiskLevel.NONE:
        return None
    target = _TARGETS[content._meta.label_lower]
    field = ALERT_TARGET_FIELDS[target]
    values = {
        "level": assessment.level,
        "level_rank": LEVEL_RANK[RiskLevel(assessment.level)],
        "score": assessment.score,
        "signals": list(assessment.signals),
        "detector_version": assessment.detector_version,
    }
    alert = (
        SafetyAlert.objects.select_for_update()
        .filter(**{field: content}, status__in=[AlertStatus.OPEN, AlertStatus.CLAIMED])
        .first()
    )
    if alert is None:
        alert = SafetyAlert.objects.create(
            member=member, target=target, **{field: content}, **values
        )
        verb = "safety.alert_raised"
    elif is_higher(assessment, _assessment_of(alert)):
        for name, value in values.items():
            setattr(alert, name, value)
        alert.save(update_fields=[*values, "updated_at"])
        verb = "safety.alert_raised_higher"
    else:
        return alert
    record_audit(
        actor=None,
        verb=verb,
        target=alert,
        data={"level": str(alert.level), "score": alert.score, "member_id": member.pk},
    )
    if alert.level == RiskLevel.URGENT:
        from alongside.safety.tasks import schedule_escalation

        schedule_escalation(alert)
    return alert


def _assessment_of(alert: SafetyAlert):
    from alongside.safety.risk import RiskAssessment

    return RiskAssessment(
        RiskLevel(alert.level), tuple(alert.signals), alert.score, alert.detector_version
    )
