"""While a match is going: the supporter's check-ins, the member's feedback, and reviews.

Check-in notes and feedback comments are risk-checked like everything a member writes; a
supporter saying they are worried tells the coordinators at once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.text import MemberText, TextPurpose
from alongside.matching import notifications
from alongside.matching.actions.agreements import is_date
from alongside.matching.actions.details import member_text
from alongside.matching.actions.proposals import (
    check_in_match_or_coordinator,
    check_side,
    check_status,
    locked_match,
    plain_note,
)
from alongside.matching.choices import HowItsGoing, MatchMode, MatchStatus, ReviewOutcome
from alongside.matching.models import CheckIn, MatchAgreement, MatchFeedback, MatchReview
from alongside.matching.tasks import schedule_no_contact_alert
from alongside.safety.alerts import raise_alert
from alongside.safety.risk.stored import apply_risk

MAX_MINUTES = 600
COMMENT = TextPurpose.COMMENT
NOT_GOING = "This match isn't going at the moment, so there's nothing to add here."


def store_assessed(obj, text: MemberText, *, author) -> None:
    """Save `obj` with the risk found in its text, and raise an alert when there is one."""
    apply_risk(obj, text.risk)
    obj.save()
    raise_alert(content=obj, member=author)


def _clean_check_in(match, contact_on, mode, minutes) -> None:
    errors = {}
    started = timezone.localdate(match.activated_at)
    if not is_date(contact_on):
        errors["contact_on"] = "Enter the date you were in touch."
    elif contact_on > timezone.localdate():
        errors["contact_on"] = "The date can't be in the future."
    elif contact_on < started:
        errors["contact_on"] = (
            f"The date can't be before the match started, on {started:%-d %B %Y}."
        )
    if mode not in MatchMode.values:
        errors["mode"] = "Choose how you were in touch."
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES
    ):
        errors["minutes"] = f"Enter a number of minutes between 1 and {MAX_MINUTES}."
    if errors:
        raise ValidationError(errors)


def _contact_time(contact_on: datetime.date) -> datetime.datetime:
    """A contact date as a moment: midday that day, or now if that is still to come."""
    midday = datetime.datetime.combine(
        contact_on, datetime.time(12), timezone.get_current_timezone()
    )
    return min(midday, timezone.now())


@transaction.atomic
def log_check_in(
    *, match, actor, contact_on, mode, minutes=None, notes="", worried=False
) -> CheckIn:
    """The supporter records a contact. It restarts the 3-week quiet clock."""
    match = locked_match(match)
    check_side(actor, match, "supporter")
    check_status(match, MatchStatus.ACTIVE, message=NOT_GOING)
    _clean_check_in(match, contact_on, mode, minutes)
    text = member_text(
        "notes", notes, author=actor, label="your notes", max_length=2000, purpose=COMMENT
    )
    check_in = CheckIn(
        match=match,
        logged_by=actor,
        contact_on=contact_on,
        mode=mode,
        minutes=minutes,
        notes=text.source,
        worried=bool(worried),
    )
    store_assessed(check_in, text, author=actor)
    contact_at = _contact_time(contact_on)
    if match.last_contact_at is None or contact_at > match.last_contact_at:
        match.last_contact_at = contact_at
    match.no_contact_alerted_at = None
    match.save(update_fields=["last_contact_at", "no_contact_alerted_at", "updated_at"])
    record_audit(
        actor=actor,
        verb="matching.check_in_logged",
        target=check_in,
        data={"match": match.pk, "worried": check_in.worried},
    )
    schedule_no_contact_alert(match)
    if check_in.worried:
        notifications.tell_coordinators_worried(check_in)
    return check_in


@transaction.atomic
def give_feedback(*, match, actor, how_its_going: int, comment="") -> MatchFeedback:
    """The person supported says how it's going."""
    match = locked_match(match)
    check_side(actor, match, "member")
    check_status(match, MatchStatus.ACTIVE, message=NOT_GOING)
    if how_its_going not in HowItsGoing.values or isinstance(how_its_going, bool):
        raise ValidationError({"how_its_going": "Choose how it's going."})
    text = member_text(
        "comment", comment, author=actor, label="your comment", max_length=2000, purpose=COMMENT
    )
    feedback = MatchFeedback(
        match=match, author=actor, how_its_going=how_its_going, comment=text.source
    )
    store_assessed(feedback, text, author=actor)
    record_audit(
        actor=actor,
        verb="matching.feedback_given",
        target=feedback,
        data={"match": match.pk, "how_its_going": how_its_going},
    )
    return feedback


@transaction.atomic
def record_review(*, match, actor, outcome, note="", new_end_on=None) -> MatchReview:
    """A review by either side or a coordinator. EXTEND moves the agreement's planned end."""
    match = locked_match(match)
    check_in_match_or_coordinator(actor, match)
    check_status(match, MatchStatus.ACTIVE, message=NOT_GOING)
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Choose what you decided."})
    note = plain_note("note", note, max_length=2000, label="note")
    agreement = MatchAgreement.objects.select_for_update().filter(match=match).first()
    if outcome == ReviewOutcome.EXTEND:
        if not is_date(new_end_on):
            raise ValidationError({"new_end_on": "Choose the new end date."})
        if new_end_on <= timezone.localdate():
            raise ValidationError({"new_end_on": "Choose a new end date in the future."})
        if agreement is not None and new_end_on < agreement.review_on:
            raise ValidationError(
                {"new_end_on": "Choose a new end date on or after the review date."}
            )
    else:
        new_end_on = None
    review = MatchReview.objects.create(
        match=match, reviewed_by=actor, outcome=outcome, note=note, new_end_on=new_end_on
    )
    if agreement is not None and new_end_on is not None:
        agreement.planned_end_on = new_end_on
        agreement.save(update_fields=["planned_end_on", "updated_at"])
    record_audit(
        actor=actor,
        verb="matching.review_recorded",
        target=review,
        data={"match": match.pk, "outcome": outcome},
    )
    return review
