"""Who may see which profile field.

Every field except the display name (the pseudonym shown everywhere) has its own
visibility, chosen by the member. Defaults lean private: health-related fields start
at "staff and members I'm connected with" or narrower. Staff see staff-level fields only
once they have set up two-factor authentication.
"""

from alongside.accounts.choices import Visibility
from alongside.accounts.permissions import has_staff_access

DEFAULT_VISIBILITY = {
    "pronouns": Visibility.MEMBERS,
    "languages": Visibility.MEMBERS,
    "place": Visibility.CONNECTIONS,
    "contact_modes": Visibility.CONNECTIONS,
    "availability": Visibility.CONNECTIONS,
    "access_needs": Visibility.STAFF,
    "topics": Visibility.CONNECTIONS,
    "would_like_to_receive": Visibility.CONNECTIONS,
    "could_offer": Visibility.MEMBERS,
}
PRIVATE_FIELDS = tuple(DEFAULT_VISIBILITY)


def are_connected(viewer, owner) -> bool:
    """Whether two members are connected: they share a group, a match or a conversation.

    None of those exist yet; the groups, matching and community capabilities add their
    relationships here as they land.
    """
    return False


# How widely each setting shares: a viewer sees a field whose reach is at least theirs.
REACH = {
    Visibility.ONLY_ME: 0,
    Visibility.STAFF: 1,
    Visibility.CONNECTIONS: 2,
    Visibility.MEMBERS: 3,
}


def _viewer_reach(*, viewer, owner) -> int:
    if has_staff_access(viewer):
        return REACH[Visibility.STAFF]
    if are_connected(viewer, owner):
        return REACH[Visibility.CONNECTIONS]
    return REACH[Visibility.MEMBERS]


def visible_fields(*, viewer, owner) -> set[str]:
    """The profile fields of `owner` that `viewer` may see."""
    if not viewer.is_authenticated:
        return set()
    if viewer.pk == owner.pk:
        return set(PRIVATE_FIELDS)
    reach = _viewer_reach(viewer=viewer, owner=owner)
    profile = owner.profile
    return {field for field in PRIVATE_FIELDS if REACH[profile.visibility_of(field)] >= reach}
