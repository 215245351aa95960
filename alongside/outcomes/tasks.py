"""When check-ins are offered, run by the task worker: the regular one an interval after
the last, one after mentoring, befriending or a group ends, and held ones once the quiet
period after an urgent safety-net event is over.

Each task is queued for its time (`run_after`) and checks again when it runs, so a task
that has become stale does nothing. `offer_due_check_ins` sweeps up anything due, for
task backends that cannot run tasks later (`manage.py offer_due_check_ins`).
"""

import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alongside.outcomes.choices import CheckInStatus, Occasion, SupportForm
from alongside.outcomes.models import CheckIn, WellbeingPreference

logger = logging.getLogger(__name__)


def _can_defer(a_task) -> bool:
    if a_task.get_backend().supports_defer:
        return True
    logger.info("Task backend cannot run tasks later: sweep with offer_due_check_ins.")
    return False


def schedule_routine_after_commit(preference: WellbeingPreference) -> None:
    member_id, due = preference.member_id, preference.next_routine_at
    if due is None:
        return

    def enqueue():
        if _can_defer(offer_routine_check_in):
            offer_routine_check_in.using(run_after=due).enqueue(
                member_id=member_id, due=due.isoformat()
            )

    transaction.on_commit(enqueue)


def release_held_after_commit(check_in: CheckIn) -> None:
    check_in_id, when = check_in.pk, check_in.offer_after

    def enqueue():
        if _can_defer(release_held_check_in_task):
            release_held_check_in_task.using(run_after=when).enqueue(check_in_id=check_in_id)

    transaction.on_commit(enqueue)


@task()
def offer_routine_check_in(*, member_id: int, due: str) -> bool:
    """Offer the regular check-in, if it is still the one due (answering, skipping or a
    change of mind since moves or cancels it). Returns whether one was offered."""
    with transaction.atomic():
        preference = (
            WellbeingPreference.objects.select_for_update()
            .select_related("member")
            .filter(member_id=member_id)
            .first()
        )
        if preference is None or preference.next_routine_at != _as_datetime(due):
            return False
        return _offer_routine(preference, now=timezone.now())


def _as_datetime(text: str) -> datetime | None:
    """The due time a task was queued with. Compared as a moment, not as text, so the same
    time written with another UTC offset still counts as the same."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _offer_routine(preference: WellbeingPreference, *, now: datetime) -> bool:
    from alongside.outcomes.actions import interval_of, offer_check_in
    from alongside.outcomes.selectors import outcomes_settings

    if preference.consented is not True or preference.next_routine_at > now:
        return False
    interval = interval_of(outcomes_settings().interval_months)
    # One left unanswered for a whole interval makes way for the new one.
    CheckIn.objects.filter(
        member=preference.member, status=CheckInStatus.OPEN, offered_at__lt=now - interval
    ).update(status=CheckInStatus.CLOSED, finished_at=now, updated_at=now)
    check_in = offer_check_in(member=preference.member, occasion=Occasion.ROUTINE, now=now)
    # Always an interval on (at least a month), so the task never comes straight back.
    preference.next_routine_at = now + interval
    preference.save(update_fields=["next_routine_at"])
    schedule_routine_after_commit(preference)
    return check_in is not None


@task()
def release_held_check_in_task(*, check_in_id: int) -> bool:
    from alongside.outcomes.actions import release_held_check_in

    check_in = CheckIn.objects.filter(pk=check_in_id).first()
    if check_in is None:
        return False
    return release_held_check_in(check_in=check_in)


def offer_after_support_ended(*, member, support_form: str, group=None, match=None) -> None:
    """Call inside the transaction that ended a match or a group membership: once it
    commits, the worker offers the member a check-in (if they said yes to them)."""
    from alongside.outcomes.selectors import has_consented, outcomes_settings

    if not outcomes_settings().ask_when_support_ends or not has_consented(member):
        return
    occasion = (
        Occasion.MATCH_ENDED
        if support_form in (SupportForm.MENTORING, SupportForm.BEFRIENDING)
        else Occasion.MEMBERSHIP_ENDED
    )
    kwargs = {
        "member_id": member.pk,
        "occasion": str(occasion),
        "support_form": str(support_form),
        "group_id": group.pk if group is not None else None,
        "match_id": match.pk if match is not None else None,
    }
    transaction.on_commit(lambda: offer_after_ending.enqueue(**kwargs))


@task()
def offer_after_ending(
    *, member_id: int, occasion: str, support_form: str, group_id: int | None, match_id: int | None
) -> bool:
    from alongside.outcomes.actions import offer_check_in

    member = get_user_model().objects.filter(pk=member_id).first()
    if member is None:
        return False
    with transaction.atomic():
        check_in = offer_check_in(
            member=member,
            occasion=occasion,
            support_form=support_form,
            group_id=group_id,
            match_id=match_id,
        )
    return check_in is not None


@task()
def offer_due_check_ins() -> int:
    """Offer every regular check-in that is due and release every held one whose quiet
    period is over. Returns how many were offered."""
    from alongside.outcomes.actions import release_held_check_in

    now = timezone.now()
    offered = 0
    due = WellbeingPreference.objects.filter(consented=True, next_routine_at__lte=now)
    for member_id in due.values_list("member_id", flat=True):
        with transaction.atomic():
            preference = (
                WellbeingPreference.objects.select_for_update()
                .select_related("member")
                .get(member_id=member_id)
            )
            offered += _offer_routine(preference, now=now)
    held = CheckIn.objects.filter(status=CheckInStatus.HELD, offer_after__lte=now)
    for check_in in held:
        offered += release_held_check_in(check_in=check_in, now=now)
    return offered
