"""A supporter's onboarding, recorded by a coordinator: the interview, training courses,
the background check (its status and date only), then approval or not."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.accounts.actions import grant_role
from alongside.accounts.roles import Role
from alongside.common.audit import record_audit
from alongside.community.text import one_line, tidy
from alongside.matching import notifications
from alongside.matching.actions.details import FieldErrors
from alongside.matching.choices import BackgroundCheck, SupporterStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import SupporterProfile, TrainingRecord


def locked(profile: SupporterProfile) -> SupporterProfile:
    return SupporterProfile.objects.select_for_update().get(pk=profile.pk)


def _past_date(value, *, what: str, required: bool) -> datetime.date | None:
    if value is None:
        if required:
            raise ValidationError(f"Enter the {what}.")
        return None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError("Enter a real date, like 2026-03-14.")
    if value > timezone.localdate():
        raise ValidationError(f"The {what} can't be in the future.")
    return value


@transaction.atomic
def record_onboarding(
    *,
    profile: SupporterProfile,
    actor,
    interviewed_on,
    interview_notes: str,
    background_check: str,
    background_checked_on,
) -> SupporterProfile:
    """The interview (date, notes) and the background check (its status and date only:
    the certificate itself is never stored)."""
    errors = FieldErrors()
    interviewed_on = errors.run(
        "interviewed_on",
        _past_date,
        interviewed_on,
        what="interview date",
        required=False,
    )
    notes = tidy(interview_notes or "")
    if len(notes) > SupporterProfile._meta.get_field("interview_notes").max_length:
        errors.add("interview_notes", "Please shorten the notes to 3,000 characters or fewer.")
    if background_check not in BackgroundCheck.values:
        errors.add("background_check", "Choose how the background check stands.")
    has_result = background_check in (BackgroundCheck.CLEAR, BackgroundCheck.NOT_CLEAR)
    checked_on = errors.run(
        "background_checked_on",
        _past_date,
        background_checked_on,
        what="date of the background check",
        required=has_result,
    )
    errors.raise_any()
    profile = locked(profile)
    values = {
        "interviewed_on": interviewed_on,
        "interview_notes": notes,
        "background_check": background_check,
        "background_checked_on": checked_on,
    }
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    record_audit(
        actor=actor,
        verb="matching.onboarding_recorded",
        target=profile,
        data={"profile_id": profile.pk, "fields": sorted(changed)},
    )
    return profile


@transaction.atomic
def add_training(
    *, profile: SupporterProfile, actor, course_name: str, completed_on
) -> TrainingRecord:
    errors = FieldErrors()
    name = one_line(course_name or "")
    if not name:
        errors.add("course_name", "Enter the name of the course.")
    elif len(name) > TrainingRecord._meta.get_field("course_name").max_length:
        errors.add("course_name", "Please shorten the course name to 120 characters or fewer.")
    completed_on = errors.run(
        "completed_on",
        _past_date,
        completed_on,
        what="date the course was completed",
        required=True,
    )
    errors.raise_any()
    profile = locked(profile)
    record = TrainingRecord.objects.create(
        supporter=profile, course_name=name, completed_on=completed_on, recorded_by=actor
    )
    record_audit(
        actor=actor,
        verb="matching.training_added",
        target=profile,
        data={"profile_id": profile.pk, "training_id": record.pk},
    )
    return record


def missing_for_approval(profile: SupporterProfile) -> list[str]:
    """What still stands in the way of approving `profile`, in words for a coordinator."""
    missing = []
    if profile.interviewed_on is None:
        missing.append("there's no interview date")
    if not profile.training.exists():
        missing.append("no training is recorded")
    if profile.background_check == BackgroundCheck.PENDING:
        missing.append("the background check is still waiting for a result")
    if profile.background_check == BackgroundCheck.NOT_CLEAR:
        missing.append("the background check was not clear")
    return missing


def _joined(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _check_undecided(profile: SupporterProfile) -> None:
    if profile.status == SupporterStatus.APPROVED:
        raise MatchingError("This supporter has already been approved.")
    if profile.status != SupporterStatus.APPLIED:
        raise MatchingError(
            "This application has already been decided. They can apply again if they'd like to."
        )


def decision_note(note: str, *, required: bool) -> str:
    text = tidy(note or "")
    if required and not text:
        raise ValidationError(
            {"note": ["Write a short note for the record. The applicant doesn't see it."]}
        )
    if len(text) > SupporterProfile._meta.get_field("decision_note").max_length:
        raise ValidationError({"note": ["Please shorten the note to 2,000 characters or fewer."]})
    return text


@transaction.atomic
def approve_supporter(*, profile: SupporterProfile, actor, note: str = "") -> SupporterProfile:
    """Approve an application: they get the peer supporter role and can be matched.
    Refused while the interview, training or a clear background check is missing."""
    note = decision_note(note, required=False)
    profile = locked(profile)
    _check_undecided(profile)
    missing = missing_for_approval(profile)
    if missing:
        raise MatchingError(f"This application can't be approved yet: {_joined(missing)}.")
    profile.status = SupporterStatus.APPROVED
    profile.decided_at = timezone.now()
    profile.decided_by = actor
    profile.decision_note = note
    profile.save()
    grant_role(user=profile.user, role=Role.PEER_SUPPORTER, actor=actor)
    notifications.tell_supporter_decided(profile, approved=True)
    record_audit(
        actor=actor,
        verb="matching.supporter_approved",
        target=profile,
        data={"profile_id": profile.pk},
    )
    return profile


@transaction.atomic
def decline_supporter(*, profile: SupporterProfile, actor, note: str) -> SupporterProfile:
    """Decline an application. The note is for coordinators; the applicant is told kindly."""
    note = decision_note(note, required=True)
    profile = locked(profile)
    _check_undecided(profile)
    profile.status = SupporterStatus.DECLINED
    profile.decided_at = timezone.now()
    profile.decided_by = actor
    profile.decision_note = note
    profile.save()
    notifications.tell_supporter_decided(profile, approved=False)
    record_audit(
        actor=actor,
        verb="matching.supporter_declined",
        target=profile,
        data={"profile_id": profile.pk},
    )
    return profile
