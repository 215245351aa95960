"""Access needs against venues: which needs a venue's features meet, and which always need
arranging by the organisation whatever the venue (an interpreter, help with costs)."""

from collections.abc import Iterable

from alongside.accounts.choices import AccessNeed
from alongside.groups.choices import VenueFeature

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
