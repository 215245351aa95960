"""Background work for matching: telling coordinators when a match needs a nudge.

Two conditions, each told to every coordinator once (in the app and by email):
- a supporter hasn't answered a PROPOSED match NO_RESPONSE_AFTER (3 days) after it was
  proposed (`Match.no_response_alerted_at`);
- an ACTIVE match has had no check-in for NO_CONTACT_AFTER (3 weeks) since the last one,
  or since it started (`Match.no_contact_alerted_at`; logging a check-in clears it, so the
  next quiet stretch is told again).

Actions call `schedule_no_response_alert` / `schedule_no_contact_alert`, which (after the
transaction commits) queue a task to run when the condition could first hold. The task
checks again under a row lock, so a match answered or checked in on meanwhile is left
alone and nothing is sent twice. A task backend that can't run tasks later (the immediate
backend of tests and quick local setups) gets a warning, and the sweep does the work:

    0 * * * * cd /srv/alongside && ./manage.py matching_alerts

It uses the same functions as the tasks, so running it beside the worker is safe.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from alongside.common.audit import record_audit
from alongside.matching.choices import MatchStatus, Response

logger = logging.getLogger(__name__)

NO_RESPONSE_AFTER = timedelta(days=3)
NO_CONTACT_AFTER = timedelta(weeks=3)


@task()
def alert_no_response(match_id: int) -> int:
    """Run NO_RESPONSE_AFTER after a match was proposed. Returns how many were told."""
    return send_no_response_alert(match_id=match_id)


@task()
def alert_no_contact(match_id: int) -> int:
    """Run NO_CONTACT_AFTER after a match's last contact. Returns how many were told."""
    return send_no_contact_alert(match_id=match_id)


def quiet_since(match):
    return match.last_contact_at or match.activated_at


def schedule_no_response_alert(match) -> None:
    match_id, run_after = match.pk, match.created_at + NO_RESPONSE_AFTER
    transaction.on_commit(lambda: _enqueue(alert_no_response, match_id, run_after))


def schedule_no_contact_alert(match) -> None:
    match_id, run_after = match.pk, quiet_since(match) + NO_CONTACT_AFTER
    transaction.on_commit(lambda: _enqueue(alert_no_contact, match_id, run_after))


def _enqueue(alert_task, match_id: int, run_after) -> None:
    try:
        if not alert_task.get_backend().supports_defer:
            logger.warning(
                "Task backend cannot run tasks later: match %s will be checked only by "
                "`manage.py matching_alerts`.",
                match_id,
            )
            return
        alert_task.using(run_after=run_after).enqueue(match_id=match_id)
    except Exception:  # the match is saved; the sweep still checks it
        logger.exception(
            "Could not queue a matching alert for match %s: run `manage.py matching_alerts`.",
            match_id,
        )


def unanswered_proposals(matches, now):
    """Of `matches`, proposals the supporter hasn't answered for NO_RESPONSE_AFTER."""
    return matches.filter(
        status=MatchStatus.PROPOSED,
        supporter_response=Response.PENDING,
        created_at__lte=now - NO_RESPONSE_AFTER,
    )


def quiet_matches(matches, now):
    """Of `matches`, active ones with no contact for NO_CONTACT_AFTER (annotated with
    `quiet_since`: the last contact, or the start)."""
    return (
        matches.filter(status=MatchStatus.ACTIVE)
        .annotate(quiet_since=Coalesce(F("last_contact_at"), F("activated_at")))
        .filter(quiet_since__lte=now - NO_CONTACT_AFTER)
    )


def _no_response_due(now):
    from alongside.matching.models import Match

    return unanswered_proposals(Match.objects.filter(no_response_alerted_at__isnull=True), now)


def _no_contact_due(now):
    from alongside.matching.models import Match

    return quiet_matches(Match.objects.filter(no_contact_alerted_at__isnull=True), now)


def send_no_response_alert(*, match_id: int, now=None) -> int:
    """Tell every coordinator that the supporter hasn't answered, once. Returns how many
    were told (0: answered, no longer proposed, already told, not due, or gone)."""
    return _send(match_id, now, _no_response_due, "no_response_alerted_at", "no_response")


def send_no_contact_alert(*, match_id: int, now=None) -> int:
    """Tell every coordinator that an active match has gone quiet, once per quiet stretch."""
    return _send(match_id, now, _no_contact_due, "no_contact_alerted_at", "no_contact")


def _send(match_id, now, due, field, kind) -> int:
    from alongside.matching import notifications

    now = now or timezone.now()
    with transaction.atomic():
        match = (
            due(now)
            .select_for_update(of=("self",))
            .select_related("member", "supporter")
            .filter(pk=match_id)
            .first()
        )
        if match is None:
            return 0
        setattr(match, field, now)
        match.save(update_fields=[field, "updated_at"])
        tell = (
            notifications.tell_coordinators_no_response
            if kind == "no_response"
            else notifications.tell_coordinators_no_contact
        )
        told = tell(match)
        if not told:
            logger.error("Match %s needs a coordinator and there is none to tell.", match.pk)
        record_audit(
            actor=None,
            verb=f"matching.alert_{kind}",
            target=match,
            data={"notified": [user.pk for user in told]},
        )
        return len(told)


def send_due_alerts(*, now=None) -> dict[str, int]:
    """The sweep (`manage.py matching_alerts`): every alert now due. Returns how many
    matches of each kind were alerted."""
    now = now or timezone.now()
    counts = {"no_response": 0, "no_contact": 0}
    for match_id in _no_response_due(now).order_by("pk").values_list("pk", flat=True):
        counts["no_response"] += bool(send_no_response_alert(match_id=match_id, now=now))
    for match_id in _no_contact_due(now).order_by("pk").values_list("pk", flat=True):
        counts["no_contact"] += bool(send_no_contact_alert(match_id=match_id, now=now))
    return counts
