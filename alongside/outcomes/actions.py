"""Wellbeing check-ins: a member's consent, the invitations and their answers (what
coordinators set is in actions_measures.py). Each action is one transaction with an audit
entry; audit entries never hold answers or scores.

Locking: every action on one member's check-ins locks that member's WellbeingPreference
row first, then the check-in. One order everywhere means two requests of the same member
(two tabs, a worker task and a click) queue behind each other instead of deadlocking."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.outcomes import notifications
from alongside.outcomes.choices import (
    LIVE_STATUSES,
    CheckInStatus,
    Occasion,
    ResponseStatus,
)
from alongside.outcomes.models import (
    CheckIn,
    Measure,
    Response,
    WellbeingPreference,
)
from alongside.outcomes.selectors import outcomes_settings, quiet_until, ready_measures

DAYS_A_MONTH = 30.44  # an average month: "every 3 months" is 91 days


def interval_of(months: int) -> timedelta:
    """At least a month, whatever is stored, so regular check-ins can never come round
    again at once."""
    return timedelta(days=round(max(months, 1) * DAYS_A_MONTH))


def months_later(when: datetime, months: int) -> datetime:
    return when + interval_of(months)


def _locked_preference(member) -> WellbeingPreference:
    preference, _ = WellbeingPreference.objects.select_for_update().get_or_create(member=member)
    return preference


def _lock_preference_of(member_id: int) -> WellbeingPreference | None:
    """Lock the member's preference row, if they have one (see "Locking" above)."""
    return WellbeingPreference.objects.select_for_update().filter(member_id=member_id).first()


@transaction.atomic
def set_consent(*, member, consented: bool, by_email: bool | None = True) -> WellbeingPreference:
    """Say yes or no to wellbeing check-ins. Saying yes for the first time opens the
    baseline check-in; saying no closes any waiting one and stops the invitations (answers
    already given stay, for the member to see or delete). `by_email` None keeps their
    earlier choice about emails (yes, for someone never asked)."""
    preference = _locked_preference(member)
    now = timezone.now()
    was = preference.consented
    preference.consented = bool(consented)
    if by_email is not None:
        preference.by_email = bool(by_email)
    preference.decided_at = now
    if consented:
        if was is not True:
            months = outcomes_settings().interval_months
            preference.next_routine_at = months_later(now, months)
    else:
        preference.next_routine_at = None
        _close_live_check_ins(member, now=now)
    preference.save()
    if was is not preference.consented:
        record_audit(actor=member, verb=_consent_verb(was, consented), target=preference)
    if consented and was is not True and not CheckIn.objects.filter(member=member).exists():
        offer_check_in(member=member, occasion=Occasion.BASELINE, notify=False)
    if consented and was is not True:
        from alongside.outcomes.tasks import schedule_routine_after_commit

        schedule_routine_after_commit(preference)
    return preference


def _consent_verb(was: bool | None, consented: bool) -> str:
    if consented:
        return "outcomes.consent_given"
    # A first "no" withdraws nothing.
    return "outcomes.consent_withdrawn" if was else "outcomes.consent_declined"


def _close_live_check_ins(member, *, now) -> None:
    CheckIn.objects.filter(member=member, status__in=LIVE_STATUSES).update(
        status=CheckInStatus.CLOSED, finished_at=now, updated_at=now
    )


def offer_check_in(
    *,
    member,
    occasion: str,
    support_form: str = "",
    group_id: int | None = None,
    match_id: int | None = None,
    notify: bool = True,
    now: datetime | None = None,
) -> CheckIn | None:
    """Invite a member who said yes to a check-in. Call inside a transaction.

    Returns None when nothing is offered: no consent, no measure ready to ask, or a
    check-in already waiting (it stays; a second would only add pressure). Right after an
    urgent safety-net event the check-in is held, not shown, until the quiet period ends;
    `tasks.release_held_after_commit` offers it then.
    """
    now = now or timezone.now()
    # Locked, so a "no" given at the same moment can't be overtaken by this offer.
    preference = _lock_preference_of(member.pk)
    if preference is None or preference.consented is not True or not member.is_active:
        return None
    if not ready_measures():
        return None
    if CheckIn.objects.filter(member=member, status__in=LIVE_STATUSES).exists():
        return None
    hold_until = quiet_until(member, now=now)
    check_in = CheckIn(
        member=member,
        occasion=occasion,
        support_form=support_form,
        group_id=group_id,
        match_id=match_id,
        status=CheckInStatus.HELD if hold_until else CheckInStatus.OPEN,
        offer_after=hold_until,
        offered_at=None if hold_until else now,
    )
    try:
        with transaction.atomic():  # a savepoint: another request may have just opened one
            check_in.save()
    except IntegrityError:
        return None
    record_audit(
        actor=None,
        verb="outcomes.check_in_offered" if not hold_until else "outcomes.check_in_held",
        target=check_in,
        data={"occasion": occasion},
    )
    if hold_until:
        from alongside.outcomes.tasks import release_held_after_commit

        release_held_after_commit(check_in)
    elif notify:
        notifications.tell_invited(check_in, by_email=preference.by_email)
    return check_in


@transaction.atomic
def release_held_check_in(*, check_in: CheckIn, now: datetime | None = None) -> bool:
    """Offer a held check-in once the quiet period is over; hold it again if another
    urgent event happened since. Returns whether it was offered."""
    now = now or timezone.now()
    preference = _lock_preference_of(check_in.member_id)
    check_in = CheckIn.objects.select_for_update().filter(pk=check_in.pk).first()
    if check_in is None or check_in.status != CheckInStatus.HELD:
        return False
    if preference is None or preference.consented is not True or not check_in.member.is_active:
        return False
    hold_until = quiet_until(check_in.member, now=now)
    if hold_until:
        check_in.offer_after = hold_until
        check_in.save(update_fields=["offer_after", "updated_at"])
        from alongside.outcomes.tasks import release_held_after_commit

        release_held_after_commit(check_in)
        return False
    check_in.status = CheckInStatus.OPEN
    check_in.offered_at = now
    check_in.save(update_fields=["status", "offered_at", "updated_at"])
    notifications.tell_invited(check_in, by_email=preference.by_email)
    return True


@transaction.atomic
def start_own_check_in(*, member) -> CheckIn:
    """The member chose to check in now: their waiting check-in (a held one too, since
    they asked), or a new one."""
    preference = _locked_preference(member)
    if preference.consented is not True:
        raise PermissionDenied("Say yes to wellbeing check-ins first.")
    if not ready_measures():
        raise ValidationError("There are no questions to answer yet. Please try again later.")
    now = timezone.now()
    check_in = _live_check_in_for_update(member) or _new_own_check_in(member, now=now)
    if check_in.status == CheckInStatus.HELD:
        check_in.status = CheckInStatus.OPEN
        check_in.offered_at = now
        check_in.save(update_fields=["status", "offered_at", "updated_at"])
    return check_in


def _live_check_in_for_update(member) -> CheckIn | None:
    return (
        CheckIn.objects.select_for_update().filter(member=member, status__in=LIVE_STATUSES).first()
    )


def _new_own_check_in(member, *, now) -> CheckIn:
    occasion = (
        Occasion.OWN_CHOICE
        if Response.objects.filter(member=member, status=ResponseStatus.COMPLETE).exists()
        else Occasion.BASELINE
    )
    check_in = CheckIn(member=member, occasion=occasion, status=CheckInStatus.OPEN, offered_at=now)
    try:
        # A savepoint: where the database can't lock rows (SQLite), another request may
        # have opened one between the look and this insert; that one is theirs to use.
        with transaction.atomic():
            check_in.save()
    except IntegrityError:
        return _live_check_in_for_update(member)
    record_audit(actor=member, verb="outcomes.check_in_started", target=check_in)
    return check_in


def _locked_open_check_in(check_in: CheckIn, member) -> CheckIn:
    _lock_preference_of(member.pk)
    check_in = CheckIn.objects.select_for_update().filter(pk=check_in.pk).first()
    if check_in is None or check_in.member_id != member.pk:
        raise PermissionDenied("This isn't your check-in.")
    if check_in.status != CheckInStatus.OPEN:
        raise ValidationError(
            "This check-in has finished, so it can't be changed. You can start a new one "
            "from your wellbeing page."
        )
    return check_in


def clean_answers(measure: Measure, answers) -> dict:
    """Answers as {item key: option value}; raise ValidationError naming each wrong one.
    Numbers given as text ("3") are accepted; an empty one (None or "") clears that answer."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "Send the answers as {question key: answer value}."})
    definition = measure.parsed
    cleaned = {}
    for key, value in answers.items():
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                value = None
            elif value.isascii() and value.isdigit() and len(value) < 4:
                value = int(value)
        cleaned[key] = value
    errors = definition.item_errors(cleaned)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    return cleaned


@transaction.atomic
def save_answers(*, check_in: CheckIn, member, measure: Measure, answers, finish: bool) -> Response:
    """Keep a member's answers to one measure of their open check-in.

    Answers are added to any saved before (None clears one). Answers that aren't one of
    the options raise ValidationError, and nothing is saved.
    With `finish` and every question answered, the response is scored and complete;
    otherwise it is kept as a draft, unscored (`definition.unanswered` says what's left).
    When every measure of the check-in is complete, the check-in is complete.
    """
    check_in = _locked_open_check_in(check_in, member)
    if not measure.is_ready:
        raise ValidationError("These questions aren't being asked at the moment.")
    cleaned = clean_answers(measure, answers)
    now = timezone.now()
    response, _ = Response.objects.select_for_update().get_or_create(
        check_in=check_in,
        measure=measure,
        defaults={"member": member, "measure_version": measure.version},
    )
    definition = measure.parsed
    # A draft saved before the measure's questions changed may hold answers it no longer
    # asks; they are dropped rather than scored.
    kept = _still_asked(definition, response.answers)
    response.answers = {
        key: value for key, value in {**kept, **cleaned}.items() if value is not None
    }
    if finish and not definition.unanswered(response.answers):
        result = definition.score(response.answers)
        response.status = ResponseStatus.COMPLETE
        response.raw_score = result.raw
        response.score = result.score
        response.completed_at = now
        response.measure_version = measure.version
    else:
        response.status = ResponseStatus.DRAFT
        response.raw_score = None
        response.score = None
        response.completed_at = None
    response.save()
    if response.status == ResponseStatus.COMPLETE:
        _complete_if_done(check_in, now=now)
    return response


def _still_asked(definition, answers: dict) -> dict:
    return {
        key: value for key, value in answers.items() if not definition.item_errors({key: value})
    }


def _complete_if_done(check_in: CheckIn, *, now) -> None:
    done = set(
        Response.objects.filter(check_in=check_in, status=ResponseStatus.COMPLETE).values_list(
            "measure_id", flat=True
        )
    )
    if any(measure.pk not in done for measure in ready_measures()):
        return
    check_in.status = CheckInStatus.COMPLETED
    check_in.finished_at = now
    check_in.save(update_fields=["status", "finished_at", "updated_at"])
    record_audit(
        actor=check_in.member,
        verb="outcomes.check_in_completed",
        target=check_in,
        data={"occasion": check_in.occasion},
    )
    _next_routine_from(check_in.member, now)


def _next_routine_from(member, now) -> None:
    """The next regular check-in is an interval after the last one finished."""
    from alongside.outcomes.tasks import schedule_routine_after_commit

    preference = _locked_preference(member)
    if preference.consented is not True:
        return
    preference.next_routine_at = months_later(now, outcomes_settings().interval_months)
    preference.save(update_fields=["next_routine_at"])
    schedule_routine_after_commit(preference)


@transaction.atomic
def skip_check_in(*, check_in: CheckIn, member) -> CheckIn:
    """Not now: the check-in ends unanswered (any draft stays unscored) and the next
    regular one is an interval away."""
    check_in = _locked_open_check_in(check_in, member)
    now = timezone.now()
    check_in.status = CheckInStatus.SKIPPED
    check_in.finished_at = now
    check_in.save(update_fields=["status", "finished_at", "updated_at"])
    record_audit(actor=member, verb="outcomes.check_in_skipped", target=check_in)
    _next_routine_from(member, now)
    return check_in


@transaction.atomic
def delete_my_answers(*, member) -> int:
    """Erase every check-in and answer of this member. Returns how many answers went."""
    _lock_preference_of(member.pk)
    count = Response.objects.filter(member=member).count()
    Response.objects.filter(member=member).delete()
    CheckIn.objects.filter(member=member).delete()
    record_audit(actor=member, verb="outcomes.answers_deleted", data={"responses": count})
    return count
