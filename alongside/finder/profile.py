"""A signed-in member's profile and the finder's answers: the profile pre-fills the
questionnaire, and the member can save their answers back to it."""

from alongside.accounts import actions, places
from alongside.accounts.models import Profile, Topic
from alongside.finder.answers import DistanceUnit, FinderAnswers
from alongside.finder.distance import KM_PER_MILE, default_unit

# Profile.travel_distance_km is a small positive integer.
MAX_PROFILE_KM = 32767


def answers_from_profile(profile: Profile) -> FinderAnswers:
    """What the profile already says, as answers (formats and "in your own words" are not
    on a profile, so they start empty). One query: the profile's active topics."""
    unit = default_unit()
    travel = None
    if profile.travel_distance_km:
        km = float(profile.travel_distance_km)
        travel = round(km / KM_PER_MILE, 1) if unit == DistanceUnit.MILES else km
    has_place = profile.place_latitude is not None and profile.place_longitude is not None
    return FinderAnswers(
        topics=tuple(profile.topics.filter(is_active=True).values_list("pk", flat=True)),
        modes=tuple(profile.contact_modes or ()),
        availability=tuple(profile.availability or ()),
        place_geonameid=profile.place_geonameid if has_place else None,
        place_name=profile.place_name if has_place else "",
        latitude=profile.place_latitude if has_place else None,
        longitude=profile.place_longitude if has_place else None,
        travel_distance=travel,
        distance_unit=unit,
        languages=tuple(profile.languages or ()),
        access_needs=tuple(profile.access_needs or ()),
        access_needs_other=profile.access_needs_other or "",
    )


def save_answers_to_profile(*, profile: Profile, actor, answers: FinderAnswers) -> Profile:
    """Replace what the profile says about topics, ways to connect, times, place, travel,
    languages and access needs with these answers (through update_profile: audited, and the
    access-needs text is risk-checked like any profile text)."""
    travel_km = answers.travel_km
    place = None
    if answers.place_geonameid is not None:
        # A town the gazetteer no longer knows leaves the profile's place as it was.
        place = places.get_place(answers.place_geonameid) or actions.UNCHANGED
    return actions.update_profile(
        profile=profile,
        actor=actor,
        changes={
            "languages": list(answers.languages),
            "contact_modes": list(answers.modes),
            "availability": list(answers.availability),
            "access_needs": list(answers.access_needs),
            "access_needs_other": answers.access_needs_other,
            "travel_distance_km": (
                None if travel_km is None else min(MAX_PROFILE_KM, max(1, round(travel_km)))
            ),
        },
        topics=list(Topic.objects.filter(pk__in=answers.topics)),
        place=place,
    )
