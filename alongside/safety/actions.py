"""Member reports, stored whole for the moderation queue. A report's details are the
reporter's own words: they go in the Report row, never in the audit log."""

from django.db import transaction

from alongside.common.audit import record_audit
from alongside.common.ratelimit import RateLimit
from alongside.community.errors import CommunityActionError
from alongside.community.text import TextPurpose, prepare_member_text
from alongside.safety.choices import ReportStatus, ReportTarget
from alongside.safety.models import (
    REPORT_DETAILS_MAX_LENGTH,
    TARGET_FIELDS,
    CrisisResource,
    Report,
)

# Enough for anyone who sees a lot that worries them; too few to flood the queue.
REPORTING = RateLimit(name="safety-report", limit=10, period=3600)


class AlreadyReported(CommunityActionError):
    """This member's earlier report of the same thing is still open."""

    def __init__(self):
        super().__init__(
            "You've already reported this, and a moderator hasn't finished looking at it yet. "
            "Thank you: there's no need to report it again."
        )


def _author_of(target: str, thing):
    if target == ReportTarget.MEMBER:
        return thing
    return thing.author


@transaction.atomic
def report_content(*, reporter, target: str, thing, reason: str, details: str = "") -> Report:
    """Report a post, message, coping strategy or comment (or, through report_member, a
    member). Call access_reportable_by_id first: only what the reporter can see."""
    field = TARGET_FIELDS[ReportTarget(target)]
    open_reports = Report.objects.filter(
        reporter=reporter, target=target, **{field: thing}
    ).exclude(status=ReportStatus.RESOLVED)
    if open_reports.exists():
        raise AlreadyReported()
    wait = REPORTING.hit(str(reporter.pk))
    if wait:
        minutes = max(1, round(wait / 60))
        raise CommunityActionError(
            f"You've sent a lot of reports in the last hour. Please try again in about "
            f"{minutes} minute{'s' if minutes != 1 else ''}. If someone is in danger now, "
            "call 999."
        )
    # What a reporter writes is member text like any other, checked in the same place.
    details_text = prepare_member_text(
        text=details,
        author=reporter,
        purpose=TextPurpose.REPORT,
        max_length=REPORT_DETAILS_MAX_LENGTH,
        required=False,
        markdown=False,
    )
    report = Report.objects.create(
        reporter=reporter,
        target=target,
        reported_member=_author_of(target, thing),
        reason=reason,
        details=details_text.source,
        **{field: thing},
    )
    record_audit(
        actor=reporter,
        verb="safety.report_made",
        target=report,
        data={"target": target, "reason": reason},
    )
    return report


def report_member(*, reporter, member, reason: str, details: str = "") -> Report:
    return report_content(
        reporter=reporter, target=ReportTarget.MEMBER, thing=member, reason=reason, details=details
    )


# ---- Crisis resources (coordinators) ----------------------------------------------------


@transaction.atomic
def save_crisis_resource(*, resource: CrisisResource, actor) -> CrisisResource:
    """Add or change a crisis resource that a form has already validated."""
    verb = "crisis_resource.updated" if resource.pk else "crisis_resource.created"
    resource.save()
    record_audit(actor=actor, verb=verb, target=resource, data={"country": resource.country})
    return resource


@transaction.atomic
def deactivate_crisis_resource(*, resource: CrisisResource, actor) -> CrisisResource:
    """Stop showing a resource; it stays listed for coordinators to turn back on."""
    if resource.is_active:
        resource.is_active = False
        resource.save(update_fields=["is_active", "updated_at"])
        record_audit(actor=actor, verb="crisis_resource.deactivated", target=resource)
    return resource
