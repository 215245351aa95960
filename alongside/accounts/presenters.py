"""A profile as another person is allowed to see it: one shape for HTML and for the API."""

from alongside.accounts.choices import (
    LANGUAGE_NAMES,
    AccessNeed,
    ContactMode,
    availability_label,
)
from alongside.accounts.models import Profile
from alongside.accounts.permissions import has_staff_access
from alongside.accounts.privacy import PRIVATE_FIELDS, PROFILE_FIELDS, visible_fields
from alongside.accounts.roles import Role, has_role

FIELD_LABELS = {field.name: field.label for field in PROFILE_FIELDS}
# The fields whose free text the safety net holds (Profile.text_held); access needs keep
# their ticked options, and lose only the note written in the member's own words.
HELD_TEXT_FIELDS = ("would_like_to_receive", "could_offer", "access_needs")


def sees_held_text(*, viewer, owner) -> bool:
    """Held free text is shown to the member themself and to moderators, nobody else."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == owner.pk:
        return True
    moderates = has_role(viewer, Role.MODERATOR) or has_role(viewer, Role.COORDINATOR)
    return moderates and has_staff_access(viewer)


def profile_values(profile: Profile) -> dict:
    """Every private field's stored value, as plain data (codes, not labels)."""
    return {
        "pronouns": profile.pronouns,
        "languages": list(profile.languages),
        "place": profile.place_name or None,
        "contact_modes": list(profile.contact_modes),
        "availability": list(profile.availability),
        "access_needs": {"needs": list(profile.access_needs), "other": profile.access_needs_other},
        "topics": [topic.name for topic in profile.topics.all()],
        "would_like_to_receive": profile.would_like_to_receive,
        "could_offer": profile.could_offer,
    }


def visible_profile(*, viewer, owner) -> dict:
    """display_name plus only the fields `viewer` may see; the others are absent, not empty."""
    profile = owner.profile
    allowed = visible_fields(viewer=viewer, owner=owner)
    values = profile_values(profile)
    if profile.text_held and not sees_held_text(viewer=viewer, owner=owner):
        allowed -= {"would_like_to_receive", "could_offer"}
        values["access_needs"]["other"] = ""
    return {
        "id": owner.pk,
        "display_name": profile.display_name,
        **{field: values[field] for field in PRIVATE_FIELDS if field in allowed},
    }


def _as_text(field: str, value) -> str:
    if field == "languages":
        return ", ".join(LANGUAGE_NAMES.get(code, code) for code in value)
    if field == "contact_modes":
        return ", ".join(ContactMode(code).label for code in value)
    if field == "availability":
        return ", ".join(availability_label(slot) for slot in value)
    if field == "access_needs":
        labels = [AccessNeed(code).label for code in value["needs"] if code != AccessNeed.OTHER]
        if value["other"]:
            labels.append(value["other"])
        return "; ".join(labels)
    if field == "topics":
        return ", ".join(value)
    return value or ""


def _has_held_text(field: str, value) -> bool:
    if field == "access_needs":
        return bool(value["other"])
    return field in HELD_TEXT_FIELDS and bool(value)


def profile_rows(*, viewer, owner) -> list[dict]:
    """Label/text rows for the profile page, with who can see each row."""
    data = visible_profile(viewer=viewer, owner=owner)
    profile = owner.profile
    rows = []
    for field in PRIVATE_FIELDS:
        if field not in data:
            continue
        rows.append(
            {
                "field": field,
                "label": FIELD_LABELS[field],
                "text": _as_text(field, data[field]) or "Not filled in",
                "visibility": profile.visibility_of(field).label,
                "held": profile.text_held and _has_held_text(field, data[field]),
            }
        )
    return rows
