"""Who may see which profile field.

Every field except the display name (the pseudonym shown everywhere) has its own
visibility, chosen by the member. Defaults lean private: health-related fields start
at "staff and members I'm connected with" or narrower. Staff see staff-level fields only
once they have set up two-factor authentication.
"""

from dataclasses import dataclass

from alongside.accounts.choices import Visibility
from alongside.accounts.permissions import has_staff_access


@dataclass(frozen=True)
class PrivateField:
    name: str
    label: str  # as shown on a profile
    visibility_label: str  # the question beside its privacy setting
    default: Visibility


PROFILE_FIELDS = (
    PrivateField("pronouns", "Pronouns", "Who can see your pronouns", Visibility.MEMBERS),
    PrivateField("languages", "Languages", "Who can see your languages", Visibility.MEMBERS),
    PrivateField(
        "place", "Home town or city", "Who can see your home town or city", Visibility.CONNECTIONS
    ),
    PrivateField(
        "contact_modes",
        "Ways to connect",
        "Who can see how you'd like to connect",
        Visibility.CONNECTIONS,
    ),
    PrivateField(
        "availability", "Usually free", "Who can see when you're free", Visibility.CONNECTIONS
    ),
    PrivateField("access_needs", "Access needs", "Who can see your access needs", Visibility.STAFF),
    PrivateField(
        "topics",
        "Topics of experience",
        "Who can see your topics of experience",
        Visibility.CONNECTIONS,
    ),
    PrivateField(
        "would_like_to_receive",
        "Support wanted",
        "Who can see what support you'd like",
        Visibility.CONNECTIONS,
    ),
    PrivateField(
        "could_offer", "Support offered", "Who can see what you could offer", Visibility.MEMBERS
    ),
)
PRIVATE_FIELDS = tuple(field.name for field in PROFILE_FIELDS)
DEFAULT_VISIBILITY = {field.name: field.default for field in PROFILE_FIELDS}


def are_connected(viewer, owner) -> bool:
    """Whether two members are connected: they share a group, a match or a conversation.

    Groups are the first of those; matching and community add theirs here as they land.
    """
    from alongside.groups.selectors import share_a_group  # groups builds on accounts

    return share_a_group(viewer, owner)


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
