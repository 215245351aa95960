"""Whatever the answers, the finder answers: no crash, fits first, reasons never empty for
an option that fits, nothing-found only when nothing fits."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.accounts.choices import AVAILABILITY_SLOTS, LANGUAGES, AccessNeed, ContactMode
from alongside.community.tests.factories import SpaceFactory
from alongside.finder.answers import FinderAnswers, Format
from alongside.finder.catalogue import forget_catalogue
from alongside.finder.selectors import find_support
from alongside.finder.tests.factories import venue_miles_away, weekly_group
from alongside.finder.words import HAS_FEATURE
from alongside.groups.choices import MeetingMode
from alongside.matching.tests.factories import SupporterProfileFactory

answers_strategy = st.builds(
    FinderAnswers,
    about=st.text(max_size=200),
    formats=st.lists(st.sampled_from(Format.values), unique=True).map(tuple),
    modes=st.lists(st.sampled_from(ContactMode.values), unique=True).map(tuple),
    availability=st.lists(st.sampled_from(AVAILABILITY_SLOTS), unique=True).map(tuple),
    latitude=st.one_of(st.none(), st.floats(-90, 90)),
    longitude=st.floats(-180, 180),
    place_name=st.just("Somewhere, Wales"),
    travel_distance=st.one_of(st.none(), st.floats(1, 200)),
    distance_unit=st.sampled_from(["mi", "km"]),
    languages=st.lists(st.sampled_from([c for c, _ in LANGUAGES]), unique=True).map(tuple),
    access_needs=st.lists(st.sampled_from(AccessNeed.values), unique=True).map(tuple),
    access_flexible=st.booleans(),
)


@pytest.fixture
def offer(db):
    forget_catalogue()
    weekly_group(name="Hall", venue=venue_miles_away(3, features=["step_free"]))
    weekly_group(name="Far hybrid", venue=venue_miles_away(30), mode=MeetingMode.HYBRID)
    weekly_group(name="Phone", mode=MeetingMode.PHONE, day="mon", hour=10)
    weekly_group(name="Cylch", languages=["cy"], day="sat", hour=14)
    SupporterProfileFactory()
    SpaceFactory(name="Hard days")
    yield
    forget_catalogue()


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy)
def test_any_answers_get_a_sensible_result(offer, answers):
    result = find_support(answers)

    assert all(option.fits and option.reasons for option in result.options)
    assert all(not option.fits and option.misfits for option in result.nearest)
    assert bool(result.nothing_found_reason) == (not result.options)
    scores = [option.score for option in result.options]
    assert scores == sorted(scores, reverse=True)
    # Access needs are hard filters for going in person unless they said otherwise.
    needs = [need for need in answers.access_needs if need in HAS_FEATURE]
    for option in result.options:
        in_person = option.distance_text in option.reasons or any(
            reason.startswith("meets in person") for reason in option.reasons
        )
        if in_person and not answers.access_flexible:
            assert all(HAS_FEATURE[need] in option.reasons for need in needs), option
            assert not any(misfit.startswith("the venue") for misfit in option.misfits)
