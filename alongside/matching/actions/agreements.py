"""The pair's agreement: what they'll focus on, how often and how they'll meet, their
boundaries, a review date and a planned end.

Either side writes it. Saving makes a new version and counts as the writer's confirmation;
the other side then confirms that version. Confirming a version that has since changed is
refused, so nobody agrees to words they haven't read.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.text import tidy
from alongside.matching import notifications
from alongside.matching.actions.proposals import check_in_match, check_status, locked_match
from alongside.matching.choices import MatchMode, MatchStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import MatchAgreement

TEXT_FIELDS = {
    "focus": (2000, "Write what you'd like to focus on together."),
    "frequency": (200, "Say how often you'd like to meet."),
    "boundaries": (2000, "Write the boundaries you've agreed."),
}


def is_date(value) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def clean_agreement(data: dict) -> dict:
    """The agreement's fields, checked; a ValidationError keyed by field otherwise."""
    errors, cleaned = {}, {}
    for field, (max_length, missing) in TEXT_FIELDS.items():
        text = tidy(str(data.get(field) or ""))
        if field == "frequency":
            text = " ".join(text.split())
        if not text:
            errors[field] = missing
        elif len(text) > max_length:
            errors[field] = (
                f"This is {len(text):,} characters long. Please shorten it to "
                f"{max_length:,} characters or fewer."
            )
        cleaned[field] = text
    modes = list(dict.fromkeys(data.get("modes") or []))
    if not modes:
        errors["modes"] = "Choose at least one way you'll meet."
    elif any(mode not in MatchMode.values for mode in modes):
        errors["modes"] = "Choose from the ways of meeting listed."
    cleaned["modes"] = modes
    today = timezone.localdate()
    review_on, planned_end_on = data.get("review_on"), data.get("planned_end_on")
    if not is_date(review_on):
        errors["review_on"] = "Choose a date for your review."
    elif review_on <= today:
        errors["review_on"] = "Choose a review date in the future."
    if not is_date(planned_end_on):
        errors["planned_end_on"] = "Choose a date for the planned end."
    elif is_date(review_on) and planned_end_on <= review_on:
        errors["planned_end_on"] = "Choose a planned end after the review date."
    if errors:
        raise ValidationError(errors)
    cleaned["review_on"], cleaned["planned_end_on"] = review_on, planned_end_on
    return cleaned


def _side(user, match) -> str:
    return "supporter" if user.pk == match.supporter_id else "member"


@transaction.atomic
def save_agreement(*, match, actor, data) -> MatchAgreement:
    """Write or change the agreement: a new version, confirmed by the writer."""
    match = locked_match(match)
    check_in_match(actor, match)
    check_status(
        match,
        MatchStatus.ACTIVE,
        message="The agreement can be written only while the match is going.",
    )
    cleaned = clean_agreement(data)
    agreement = MatchAgreement.objects.select_for_update().filter(match=match).first()
    if agreement is None:
        agreement = MatchAgreement(match=match, version=1)
    else:
        agreement.version += 1
    for field, value in cleaned.items():
        setattr(agreement, field, value)
    agreement.last_edited_by = actor
    side = _side(actor, match)
    setattr(agreement, f"{side}_confirmed_version", agreement.version)
    setattr(agreement, f"{side}_confirmed_at", timezone.now())
    agreement.save()
    record_audit(
        actor=actor,
        verb="matching.agreement_saved",
        target=agreement,
        data={"match": match.pk, "version": agreement.version},
    )
    notifications.tell_agreement_saved(agreement, by=actor)
    return agreement


@transaction.atomic
def confirm_agreement(*, match, user, version: int) -> MatchAgreement:
    """`user` confirms the version they read."""
    match = locked_match(match)
    check_in_match(user, match)
    check_status(
        match,
        MatchStatus.ACTIVE,
        message="The agreement can be confirmed only while the match is going.",
    )
    agreement = MatchAgreement.objects.select_for_update().filter(match=match).first()
    if agreement is None:
        raise MatchingError("There's no agreement to confirm yet.")
    if version != agreement.version:
        raise MatchingError(
            "The agreement changed since you read it. Please read the new version and "
            "confirm that one."
        )
    side = _side(user, match)
    if getattr(agreement, f"{side}_confirmed_version") != version:
        setattr(agreement, f"{side}_confirmed_version", version)
        setattr(agreement, f"{side}_confirmed_at", timezone.now())
        agreement.save()
        record_audit(
            actor=user,
            verb="matching.agreement_confirmed",
            target=agreement,
            data={"match": match.pk, "version": version},
        )
    return agreement
