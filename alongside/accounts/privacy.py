"""Who may see which profile field.

Every field except the display name (the pseudonym shown everywhere) has its own
visibility, chosen by the member. Defaults lean private: health-related fields start
at "members I'm connected with" or narrower.
"""

from alongside.accounts.choices import Visibility
from alongside.accounts.roles import is_staff_member

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


def visible_fields(*, viewer, owner) -> set[str]:
    """The profile fields of `owner` that `viewer` may see."""
    if viewer.is_authenticated and viewer.pk == owner.pk:
        return set(PRIVATE_FIELDS)
    if not viewer.is_authenticated:
        return set()
    profile = owner.profile
    staff = is_staff_member(viewer)
    connected = None  # computed at most once, only when a field needs it
    allowed = set()
    for field in PRIVATE_FIELDS:
        level = profile.visibility_of(field)
        if level == Visibility.MEMBERS or (level == Visibility.STAFF and staff):
            allowed.add(field)
        elif level == Visibility.CONNECTIONS:
            if staff:
                allowed.add(field)
                continue
            if connected is None:
                connected = are_connected(viewer, owner)
            if connected:
                allowed.add(field)
    return allowed
