"""Background work for the safety net: escalating urgent alerts nobody has claimed.

When `raise_alert` raises an urgent alert it calls `schedule_escalation`, which (after the
transaction commits) queues `escalate_unclaimed_alert` to run ESCALATE_AFTER (5 minutes)
after the alert was raised. If by then no moderator has claimed it, every on-duty moderator
is told, in the app and by email; if nobody is on duty, every moderator is, because an
urgent alert must never go unseen. Each alert is escalated at most once (`escalated_at`,
set under a row lock, so two workers can't both send).

A task backend that can't run tasks later (the immediate backend of tests and quick local
setups) can't wait 5 minutes: then a warning is logged and the safety sweep does the work.
Operators without a deferring backend run it every minute, for example from cron::

    * * * * * cd /srv/alongside && ./manage.py escalate_alerts

It escalates every urgent alert still unclaimed 5 minutes after it was raised, with the same
function as the task, so running it beside the worker is safe (nothing is sent twice).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from alongside.common.audit import record_audit
from alongside.common.tasks import send_email_after_commit
from alongside.safety.choices import AlertStatus
from alongside.safety.risk import RiskLevel

logger = logging.getLogger(__name__)

ESCALATE_AFTER = timedelta(minutes=5)
ESCALATION_TEXT = "An urgent safety alert has been waiting 5 minutes without a moderator"
ESCALATION_SUBJECT = "Urgent: a safety alert is waiting for a moderator"


@task()
def escalate_unclaimed_alert(alert_id: int) -> int:
    """Run by the worker ESCALATE_AFTER after an urgent alert was raised. Returns how
    many moderators were told (0: claimed, resolved, already escalated or gone)."""
    return escalate_alert(alert_id=alert_id)


def schedule_escalation(alert, *, waiting_since=None) -> None:
    """After commit, queue the check that escalates `alert` if it is still unclaimed
    ESCALATE_AFTER after it was raised (or, for one released back to the queue, after
    `waiting_since`)."""
    alert_id, run_after = alert.pk, (waiting_since or alert.created_at) + ESCALATE_AFTER
    transaction.on_commit(lambda: _enqueue(alert_id, run_after))


def _enqueue(alert_id: int, run_after) -> None:
    try:
        if not escalate_unclaimed_alert.get_backend().supports_defer:
            logger.warning(
                "Task backend cannot run tasks later: urgent safety alert %s will be "
                "escalated only by `manage.py escalate_alerts`.",
                alert_id,
            )
            return
        escalate_unclaimed_alert.using(run_after=run_after).enqueue(alert_id=alert_id)
    except Exception:  # the member's words are saved; the sweep still escalates the alert
        logger.exception(
            "Could not queue the escalation of urgent safety alert %s: run "
            "`manage.py escalate_alerts`.",
            alert_id,
        )


def due_alert_ids(*, now=None) -> list[int]:
    """Urgent alerts still unclaimed ESCALATE_AFTER after they were raised, not yet
    escalated: what the safety sweep escalates."""
    from alongside.safety.models import SafetyAlert

    now = now or timezone.now()
    return list(
        SafetyAlert.objects.filter(
            level=RiskLevel.URGENT,
            status=AlertStatus.OPEN,
            escalated_at__isnull=True,
            created_at__lte=now - ESCALATE_AFTER,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )


def escalate_due_alerts() -> int:
    """The safety sweep (`manage.py escalate_alerts`). Returns how many were escalated."""
    return sum(1 for alert_id in due_alert_ids() if escalate_alert(alert_id=alert_id))


def escalate_alert(*, alert_id: int) -> int:
    """Tell the on-duty moderators (or, with nobody on duty, every moderator) about an
    urgent alert still unclaimed ESCALATE_AFTER after it was raised. Once only. Returns
    how many were told."""
    from alongside.safety.models import SafetyAlert

    with transaction.atomic():
        alert = SafetyAlert.objects.select_for_update().filter(pk=alert_id).first()
        now = timezone.now()
        if (
            alert is None
            or alert.level != RiskLevel.URGENT
            or alert.status != AlertStatus.OPEN
            or alert.escalated_at is not None
            or alert.created_at + ESCALATE_AFTER > now
        ):
            return 0
        alert.escalated_at = now
        alert.save(update_fields=["escalated_at", "updated_at"])
        # Never the writer themselves (a moderator can be having a hard time too).
        on_duty = [user for user in on_duty_moderators() if user.pk != alert.member_id]
        recipients = on_duty or [user for user in all_moderators() if user.pk != alert.member_id]
        if not recipients:
            logger.error(
                "Urgent safety alert %s is unclaimed and there is no moderator to tell.",
                alert.pk,
            )
        for moderator in recipients:
            _tell(moderator, alert)
        record_audit(
            actor=None,
            verb="safety.alert_escalated",
            target=alert,
            data={
                "notified": [moderator.pk for moderator in recipients],
                "on_duty_only": bool(on_duty),
            },
        )
        return len(recipients)


def on_duty_moderators() -> list:
    """Moderators on duty who are still moderators with two-factor set up."""
    from alongside.accounts.models import User
    from alongside.community.permissions.roles import is_moderator

    users = User.objects.filter(is_active=True, moderator_duty__on_duty=True).select_related(
        "profile"
    )
    return [user for user in users.order_by("pk") if is_moderator(user)]


def all_moderators() -> list:
    """Every moderator and coordinator with two-factor set up."""
    from alongside.accounts.models import User
    from alongside.accounts.roles import Role
    from alongside.community.permissions.roles import is_moderator

    users = (
        User.objects.filter(
            is_active=True, groups__name__in=[Role.MODERATOR.value, Role.COORDINATOR.value]
        )
        .select_related("profile")
        .distinct()
    )
    return [user for user in users.order_by("pk") if is_moderator(user)]


def _tell(moderator, alert) -> None:
    from alongside.community.choices import NotificationKind
    from alongside.community.notifications import notify

    url = reverse("safety:alert_detail", args=[alert.pk])
    notify(user=moderator, kind=NotificationKind.SAFETY_ALERT, text=ESCALATION_TEXT, url=url)
    context = {
        "name": moderator.profile.display_name,
        "link": settings.SITE_URL + url,
    }
    message = EmailMultiAlternatives(
        subject=ESCALATION_SUBJECT,
        body=render_to_string("safety/staff/moderation_members/escalation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[moderator.email],
    )
    send_email_after_commit(message)
