"""Becoming a peer supporter: applying, changing the details, taking a break, and
safeguarding holds. Onboarding (interview, training, background check, the decision) is in
matching.actions.onboarding and re-exported here, so that this module is the one to use."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.matching.actions.details import (
    FieldErrors,
    check_availability,
    check_languages,
    check_modes,
    checked_place,
    checked_texts,
    choice_list,
    current_value,
    one_choice,
    set_place,
)
from alongside.matching.actions.onboarding import (  # noqa: F401 - re-exported
    add_training,
    approve_supporter,
    decision_note,
    decline_supporter,
    locked,
    missing_for_approval,
    record_onboarding,
)
from alongside.matching.choices import AgeGroup, Gender, MatchMode, SupporterStatus, SupportKind
from alongside.matching.errors import MatchingError
from alongside.matching.models import MAX_CAPACITY, SupporterProfile
from alongside.safety.alerts import raise_alert
from alongside.safety.risk.stored import apply_risk

MAX_DISTANCE_KM = 500
ALREADY_APPLIED = (
    "You've already applied. A coordinator will be in touch; you can change your "
    "application in the meantime."
)
CAPACITY_RANGE = f"Choose between 1 and {MAX_CAPACITY} people at once."

# The free text a supporter writes, with how each is named in messages.
SUPPORTER_TEXT = {
    "motivation": ("why you'd like to be a peer supporter", True),
    "experience": ("your experience", True),
}
SUPPORTER_FIELDS = (
    "kinds", "motivation", "experience", "languages", "modes", "availability",
    "max_distance_km", "capacity", "age_group", "gender", "comfortable_age_groups",
)  # fmt: skip


# ---- Supporter details -------------------------------------------------------------------


def _checked_details(data: dict, *, profile: SupporterProfile | None) -> dict:
    """The supporter's details from `data` (a cleaned dict; on an update, keys left out
    keep their stored value), checked again for what matters to matching. Raises
    ValidationError keyed by field."""

    def current(name, default=None):
        return current_value(data, profile, name, default)

    errors = FieldErrors()
    kinds_message = "Choose mentoring, befriending or both."
    details = {
        "kinds": errors.run(
            "kinds", choice_list, current("kinds"), SupportKind.values, message=kinds_message,
            required=True,
        ),
        "languages": errors.run("languages", check_languages, current("languages")),
        "modes": errors.run("modes", check_modes, current("modes")),
        "availability": errors.run("availability", check_availability, current("availability")),
        "age_group": errors.run(
            "age_group", one_choice, current("age_group"), AgeGroup.values,
            message="Choose an age group from the list.",
        ),
        "gender": errors.run(
            "gender", one_choice, current("gender"), Gender.values,
            message="Choose from the list, or leave it blank.",
        ),
        "comfortable_age_groups": errors.run(
            "comfortable_age_groups", choice_list, current("comfortable_age_groups"),
            AgeGroup.values, message="Choose age groups from the list.",
        ),
        "capacity": errors.run("capacity", _check_capacity, current("capacity", 1)),
    }  # fmt: skip
    details["place"] = checked_place(
        errors,
        data,
        profile,
        modes=details["modes"],
        missing="Tell us your home town or city so we can match you with people nearby, or "
        "untick \u201cIn person\u201d.",
    )
    in_person = MatchMode.IN_PERSON in (details["modes"] or [])
    details["max_distance_km"] = errors.run(
        "max_distance_km", _check_distance, current("max_distance_km"), needed=in_person
    )
    errors.raise_any()
    return details


def _check_capacity(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(CAPACITY_RANGE)
    if not 1 <= value <= MAX_CAPACITY:
        raise ValidationError(CAPACITY_RANGE)
    return value


def _check_distance(value, *, needed: bool) -> int | None:
    if value in (None, ""):
        if needed:
            raise ValidationError(
                "Say how far you'd travel to meet in person, or untick \u201cIn person\u201d."
            )
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DISTANCE_KM:
        raise ValidationError(f"Give a distance between 1 and {MAX_DISTANCE_KM} kilometres.")
    return value


def _apply_details(profile: SupporterProfile, details: dict, texts: dict) -> list[str]:
    """Set the details on `profile` (not saved); returns the names of the fields changed."""
    changed = []
    for name in SUPPORTER_FIELDS:
        value = texts[name] if name in texts else details.get(name)
        if name in SUPPORTER_TEXT and name not in texts:
            continue
        if getattr(profile, name) != value:
            changed.append(name)
        setattr(profile, name, value)
    place = details["place"]
    if profile.place_geonameid != (place.geonameid if place else None):
        changed.append("place")
    set_place(profile, place)
    return changed


def _set_topics(profile: SupporterProfile, data: dict) -> bool:
    if "topics" not in data:
        return False
    new = {topic.pk for topic in data["topics"]}
    if {topic.pk for topic in profile.topics.all()} == new:
        return False
    profile.topics.set(data["topics"])
    return True


# ---- Applying and changing the details ----------------------------------------------------


@transaction.atomic
def apply_to_support(*, user, data: dict) -> SupporterProfile:
    """`user` offers to be a mentor or befriender. Someone whose earlier application was
    declined or withdrawn may apply again; their onboarding record is kept."""
    profile = SupporterProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None and profile.status == SupporterStatus.APPLIED:
        raise MatchingError(ALREADY_APPLIED)
    if profile is not None and profile.status == SupporterStatus.APPROVED:
        raise MatchingError("You're already a peer supporter. You can change your details.")
    details = _checked_details(data, profile=None)
    texts, risk = checked_texts(
        data, model=SupporterProfile, stored=None, labels=SUPPORTER_TEXT, author=user
    )
    if profile is None:
        profile = SupporterProfile(user=user)
    _apply_details(profile, details, texts)
    profile.status = SupporterStatus.APPLIED
    profile.decided_at = None
    profile.decided_by = None
    profile.decision_note = ""
    apply_risk(profile, risk)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # the same person applied a moment ago
        raise MatchingError(ALREADY_APPLIED) from error
    if "topics" in data:
        profile.topics.set(data["topics"])
    raise_alert(content=profile, member=user)
    record_audit(
        actor=user,
        verb="matching.supporter_applied",
        target=profile,
        data={"profile_id": profile.pk, "kinds": profile.kinds},
    )
    return profile


@transaction.atomic
def update_supporter_profile(*, profile: SupporterProfile, actor, data: dict) -> SupporterProfile:
    """Change a supporter's details (by the supporter, or a coordinator). Keys left out of
    `data` stay as they are. Lowering capacity never ends a match: it only stops new ones."""
    profile = locked(profile)
    details = _checked_details(data, profile=profile)
    texts, risk = checked_texts(
        data, model=SupporterProfile, stored=profile, labels=SUPPORTER_TEXT, author=profile.user
    )
    changed = _apply_details(profile, details, texts)
    if risk is not None:
        apply_risk(profile, risk)
    profile.save()
    if _set_topics(profile, data):
        changed.append("topics")
    if risk is not None:
        raise_alert(content=profile, member=profile.user)
    record_audit(
        actor=actor,
        verb="matching.supporter_updated",
        target=profile,
        data={"profile_id": profile.pk, "fields": sorted(changed)},
    )
    return profile


# ---- Breaks and holds ----------------------------------------------------------------------


@transaction.atomic
def pause_supporting(*, profile: SupporterProfile, actor) -> SupporterProfile:
    """Take a break: no new matches until they resume. Their current matches go on."""
    profile = locked(profile)
    if profile.is_paused:
        raise MatchingError("You're already taking a break.")
    profile.is_paused = True
    profile.paused_at = timezone.now()
    profile.save()
    record_audit(
        actor=actor,
        verb="matching.supporter_paused",
        target=profile,
        data={"profile_id": profile.pk},
    )
    return profile


@transaction.atomic
def resume_supporting(*, profile: SupporterProfile, actor) -> SupporterProfile:
    profile = locked(profile)
    if not profile.is_paused:
        raise MatchingError("You're not taking a break at the moment.")
    profile.is_paused = False
    profile.paused_at = None
    profile.save()
    record_audit(
        actor=actor,
        verb="matching.supporter_resumed",
        target=profile,
        data={"profile_id": profile.pk},
    )
    return profile


@transaction.atomic
def set_safeguarding_hold(
    *, profile: SupporterProfile, actor, hold: bool, note: str = ""
) -> SupporterProfile:
    """A coordinator stops (or allows again) new matches for safeguarding reasons. A note,
    if given, replaces the decision note on the onboarding record."""
    note = decision_note(note, required=False)
    profile = locked(profile)
    if profile.safeguarding_hold == bool(hold):
        raise MatchingError(
            "This supporter is already on hold." if hold else "This supporter isn't on hold."
        )
    profile.safeguarding_hold = bool(hold)
    if note:
        profile.decision_note = note
    profile.save()
    record_audit(
        actor=actor,
        verb="matching.safeguarding_hold_set" if hold else "matching.safeguarding_hold_lifted",
        target=profile,
        data={"profile_id": profile.pk},
    )
    return profile
