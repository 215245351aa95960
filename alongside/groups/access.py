"""Access needs against venues: which needs a venue's features meet, and which always need
arranging by the organisation whatever the venue (an interpreter, help with costs)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models.functions import Lower

from alongside.accounts.choices import AccessNeed
from alongside.groups.choices import MeetingMode, MembershipStatus, VenueFeature
from alongside.groups.models import Membership

# A need a venue meets by having this feature.
NEED_FEATURES = {
    AccessNeed.STEP_FREE: VenueFeature.STEP_FREE,
    AccessNeed.HEARING_LOOP: VenueFeature.HEARING_LOOP,
    AccessNeed.QUIET_SPACE: VenueFeature.QUIET_ROOM,
}

# Needs the organisation arranges for each person, wherever the group meets.
ARRANGED_NEEDS = frozenset(
    {
        AccessNeed.BSL_INTERPRETER,
        AccessNeed.LANGUAGE_INTERPRETER,
        AccessNeed.TRAVEL_COSTS,
        AccessNeed.CHILDCARE,
    }
)


def unmet_at_venue(needs: Iterable[str], venue_features: Iterable[str]) -> list[str]:
    """The needs in `needs` that a venue with `venue_features` does not meet."""
    features = set(venue_features)
    return [need for need in needs if need in NEED_FEATURES and NEED_FEATURES[need] not in features]


# Which needs matter for how a meeting happens. In person (and hybrid, where someone may come
# in person) every need can matter. On a video call a venue's step-free access, hearing loop
# or quiet room and help with travel mean nothing, but an interpreter (BSL on screen, or for
# another language), large-print materials sent beforehand and childcare during the call
# still do. On a phone call only a language interpreter and childcare can help: BSL and
# large print don't carry over a voice line. "Something else" is always passed on, since
# only the person knows what it is.
_ALWAYS_RELEVANT = frozenset({AccessNeed.CHILDCARE, AccessNeed.OTHER})
RELEVANT_NEEDS = {
    MeetingMode.VIDEO: _ALWAYS_RELEVANT
    | {AccessNeed.BSL_INTERPRETER, AccessNeed.LANGUAGE_INTERPRETER, AccessNeed.LARGE_PRINT},
    MeetingMode.PHONE: _ALWAYS_RELEVANT | {AccessNeed.LANGUAGE_INTERPRETER},
}


def relevant_needs(needs: Iterable[str], mode: str) -> list[str]:
    """The needs in `needs` that matter for meeting in `mode` (MeetingMode), in order."""
    relevant = RELEVANT_NEEDS.get(mode)
    return [need for need in needs if relevant is None or need in relevant]


def needs_to_arrange(needs: Iterable[str], *, mode: str, venue_features) -> list[str]:
    """The relevant needs someone must arrange: those the venue (None when there isn't one)
    can't meet, and those that always need arranging. In AccessNeed order."""
    needs = relevant_needs(needs, mode)
    unmet = set(unmet_at_venue(needs, venue_features)) if venue_features is not None else set()
    return [need for need in needs if need in unmet or need in ARRANGED_NEEDS]


def why_to_arrange(need: str, venue_features) -> str:
    """In plain words, why a need is on a coordinator's list."""
    if need in ARRANGED_NEEDS:
        return ARRANGED_REASONS[need]
    feature = NEED_FEATURES.get(need)
    if feature is not None and feature not in set(venue_features or []):
        return UNMET_REASONS[need]
    return "They asked for this."


ARRANGED_REASONS = {
    AccessNeed.BSL_INTERPRETER: "A BSL interpreter needs booking.",
    AccessNeed.LANGUAGE_INTERPRETER: "An interpreter needs booking.",
    AccessNeed.TRAVEL_COSTS: "They need help with travel costs.",
    AccessNeed.CHILDCARE: "They need childcare arranging.",
}
UNMET_REASONS = {
    AccessNeed.STEP_FREE: "The venue has no step-free access.",
    AccessNeed.HEARING_LOOP: "The venue has no hearing loop.",
    AccessNeed.QUIET_SPACE: "The venue has no quiet room.",
}


def profile_needs(profile, mode: str) -> tuple[list[str], str]:
    """A profile's needs (and its "something else" note) relevant to `mode`. A note the
    safety net is holding (Profile.text_held) is left out: nobody else may read it yet."""
    needs = relevant_needs(profile.access_needs, mode)
    shown = AccessNeed.OTHER in needs and not profile.text_held
    return needs, profile.access_needs_other if shown else ""


def shared_needs(profile, mode: str) -> tuple[list[str], str]:
    """`profile_needs`, only when the member has agreed to share them; read at the time, so
    withdrawing consent hides them."""
    if not profile.access_needs_shared:
        return [], ""
    return profile_needs(profile, mode)


def asks_access_consent(user) -> bool:
    """Someone with access needs on their profile who hasn't yet said whether to share them."""
    if not user.is_authenticated:
        return False
    profile = user.profile
    return bool(profile.access_needs) and profile.access_needs_shared is None


@dataclass(frozen=True)
class MemberNeeds:
    display_name: str
    needs: list[str]  # labels, for reading
    note: str


def members_with_shared_needs(*, group) -> list[MemberNeeds]:
    """A group's active members with the profile needs they share that matter for how the
    group meets: for its facilitators and coordinators only. One query."""
    memberships = (
        Membership.objects.filter(group=group, status=MembershipStatus.ACTIVE)
        .select_related("user__profile")
        .order_by(Lower("user__profile__display_name"))
    )
    rows = []
    for membership in memberships:
        profile = membership.user.profile
        needs, note = shared_needs(profile, group.mode)
        rows.append(
            MemberNeeds(
                display_name=profile.display_name,
                needs=[AccessNeed(need).label for need in needs if need in AccessNeed.values],
                note=note,
            )
        )
    return rows
