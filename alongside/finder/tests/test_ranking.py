"""The finder's ranking on hand-built groups: hard filters, ordering and the words."""

import pytest

from alongside.accounts.tests.factories import TopicFactory
from alongside.finder.selectors import find_support
from alongside.finder.tests.factories import (
    fresh_catalogue,  # noqa: F401 (fixture)
    in_cardiff,
    venue_miles_away,
    weekly_group,
)
from alongside.groups.choices import GroupStatus, MeetingMode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_catalogue")]

GROUPS_ONLY = {"formats": ("group",)}


def titles(options):
    return [option.title for option in options]


def test_a_step_free_need_excludes_a_venue_without_step_free_access():
    weekly_group(name="Up the stairs", venue=venue_miles_away(1, features=["hearing_loop"]))
    weekly_group(name="Ground floor", venue=venue_miles_away(2, features=["step_free"]))

    result = find_support(in_cardiff(access_needs=("step_free",), **GROUPS_ONLY))

    assert titles(result.options) == ["Ground floor"]
    assert "has step-free access" in result.options[0].reasons


def test_access_flexible_brings_the_venue_back_saying_what_it_lacks():
    weekly_group(name="Up the stairs", venue=venue_miles_away(1, features=["hearing_loop"]))

    result = find_support(
        in_cardiff(access_needs=("step_free",), access_flexible=True, **GROUPS_ONLY)
    )

    [option] = result.options
    assert option.title == "Up the stairs"
    assert "the venue has no step-free access" in option.misfits


def test_a_welsh_speaker_sees_welsh_language_groups_first():
    for n in range(3):
        weekly_group(name=f"English circle {n}", languages=["en"])
    weekly_group(name="Cylch Cymraeg", languages=["cy"])
    weekly_group(name="Both languages", languages=["en", "cy"])

    result = find_support(in_cardiff(languages=("cy", "en"), **GROUPS_ONLY))

    assert set(titles(result.options)[:2]) == {"Cylch Cymraeg", "Both languages"}
    assert "meets in Welsh (Cymraeg)" in result.options[0].reasons
    assert len(result.options) == 5


def test_someone_who_speaks_only_welsh_never_sees_english_only_groups():
    weekly_group(name="English circle", languages=["en"])
    weekly_group(name="Cylch Cymraeg", languages=["cy"])

    result = find_support(in_cardiff(languages=("cy",), **GROUPS_ONLY))

    assert titles(result.options) == ["Cylch Cymraeg"]


def test_the_explanation_names_the_real_reasons():
    grief = TopicFactory(name="Bereavement", slug="bereavement")
    weekly_group(
        name="After a loss",
        venue=venue_miles_away(2, features=["hearing_loop", "parking"]),
        day="tue",
        hour=19,
        topics=[grief],
    )

    result = find_support(
        in_cardiff(
            topics=(grief.pk,),
            availability=("tue_evening", "sat_morning"),
            access_needs=("hearing_loop",),
            **GROUPS_ONLY,
        )
    )

    [option] = result.options
    assert option.reasons == (
        "meets on Tuesday evenings",
        "2 miles away",
        "has a hearing loop",
        "focuses on bereavement",
    )
    assert option.reason_sentence == (
        "Meets on Tuesday evenings, 2 miles away, has a hearing loop, focuses on bereavement."
    )
    assert option.distance_text == "2 miles away"
    assert option.misfits == ()
    assert len(option.next_meetings) == 3
    assert option.next_meetings[0].url == f"/meetings/{option.next_meetings[0].occurrence_id}/"


def test_times_they_are_not_free_are_a_soft_misfit():
    weekly_group(name="Morning coffee", day="mon", hour=10)
    weekly_group(name="Evening circle", day="tue", hour=19)

    result = find_support(in_cardiff(availability=("tue_evening", "wed_evening"), **GROUPS_ONLY))

    assert titles(result.options) == ["Evening circle", "Morning coffee"]
    assert result.options[1].misfits == ("meets in the daytime",)
    assert result.options[1].fits


def test_a_group_beyond_their_travel_distance_does_not_fit():
    weekly_group(name="Far away", venue=venue_miles_away(14))

    result = find_support(in_cardiff(**GROUPS_ONLY))

    assert result.options == ()
    [near] = result.nearest
    assert near.title == "Far away"
    assert not near.fits
    assert "is 14 miles away, further than the 5 miles you can travel" in near.misfits
    assert result.nothing_found_reason == (
        "No group meets within 5 miles of Cardiff. The nearest is 14 miles away."
    )


def test_a_hybrid_group_beyond_their_travel_distance_fits_by_video():
    weekly_group(name="Both ways", venue=venue_miles_away(14), mode=MeetingMode.HYBRID)

    result = find_support(in_cardiff(**GROUPS_ONLY))

    [option] = result.options
    assert "by video" in option.reasons
    assert "2 miles away" not in option.reasons


def test_a_hybrid_group_is_not_offered_by_video_to_someone_who_wants_in_person_only():
    weekly_group(name="Both ways", venue=venue_miles_away(14), mode=MeetingMode.HYBRID)

    result = find_support(in_cardiff(modes=("in_person",), **GROUPS_ONLY))

    assert result.options == ()


def test_nothing_found_names_the_blocker_with_the_access_need():
    weekly_group(name="Up the stairs", venue=venue_miles_away(14, features=["step_free"]))
    weekly_group(name="Nearby but steps", venue=venue_miles_away(1))

    result = find_support(in_cardiff(access_needs=("step_free",), **GROUPS_ONLY))

    assert result.options == ()
    assert result.nothing_found_reason.startswith(
        "No group meets within 5 miles of Cardiff with step-free access."
    )
    assert "The nearest is 14 miles away." in result.nothing_found_reason
    assert set(titles(result.nearest)) == {"Up the stairs", "Nearby but steps"}
    assert all(option.misfits for option in result.nearest)


@pytest.mark.parametrize(
    "status", [GroupStatus.PAUSED, GroupStatus.CLOSED, GroupStatus.PROPOSED, GroupStatus.DECLINED]
)
def test_groups_that_are_not_active_never_appear(status):
    weekly_group(name="Not running", status=status)

    result = find_support(in_cardiff())

    assert "Not running" not in titles(result.options) + titles(result.nearest)


def test_free_text_keywords_lift_a_group_and_are_named():
    weekly_group(name="Walk and talk", purpose="A gentle walk by the river for carers.")
    weekly_group(name="Tea and chat", purpose="We drink tea.")

    result = find_support(in_cardiff(about="I look after my dad, I'm a carer and I like walking",
                                     **GROUPS_ONLY))  # fmt: skip

    assert result.options[0].title == "Walk and talk"
    assert "mentions “carers” and “walk”" in result.options[0].reasons


def test_a_group_with_no_meetings_planned_says_so():
    from alongside.groups.tests.factories import GroupFactory

    GroupFactory(name="Starting soon")

    result = find_support(in_cardiff(**GROUPS_ONLY))

    assert result.options[0].misfits == ("no meetings are planned in the next 8 weeks",)


def test_distances_are_shown_in_kilometres_when_asked():
    weekly_group(name="Close", venue=venue_miles_away(2))

    result = find_support(in_cardiff(travel_distance=10, distance_unit="km", **GROUPS_ONLY))

    assert result.options[0].distance_text == "3.2 km away"


def test_a_welsh_group_ranks_above_an_english_one_even_on_the_topics():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    weekly_group(name="English anxiety circle", languages=["en"], topics=[anxiety])
    weekly_group(name="Cylch Cymraeg", languages=["cy"])

    result = find_support(in_cardiff(languages=("cy", "en"), topics=(anxiety.pk,), **GROUPS_ONLY))

    assert titles(result.options) == ["Cylch Cymraeg", "English anxiety circle"]


def test_a_group_meeting_in_a_way_they_did_not_choose_says_so():
    weekly_group(name="Phone circle", mode=MeetingMode.PHONE)

    result = find_support(in_cardiff(modes=("video",), **GROUPS_ONLY))

    assert result.options == ()
    assert result.nearest[0].misfits == ("meets by phone, not by video",)
    assert result.nothing_found_reason == "No group meets by video."


def test_a_group_too_far_away_is_never_said_to_meet_by_video():
    weekly_group(name="Far away", venue=venue_miles_away(14))

    [near] = find_support(in_cardiff(**GROUPS_ONLY)).nearest

    assert "by video" not in near.reasons
    assert near.reasons == ("meets on Tuesday evenings",)


def test_the_default_travel_distance_is_not_put_in_their_mouth():
    weekly_group(name="Far away", venue=venue_miles_away(40))

    [near] = find_support(in_cardiff(travel_distance=None, **GROUPS_ONLY)).nearest

    assert near.misfits == ("is 40 miles away",)


def test_nothing_found_never_says_no_group_is_near_when_one_is():
    weekly_group(name="Near but English", venue=venue_miles_away(1), languages=["en"])
    weekly_group(name="Far Welsh", venue=venue_miles_away(30), languages=["cy"])

    result = find_support(in_cardiff(languages=("cy",), **GROUPS_ONLY))

    assert result.options == ()
    assert result.nothing_found_reason == (
        "No group in Welsh meets within 5 miles of Cardiff. The nearest is 30 miles away."
    )


def test_a_hybrid_venue_too_far_is_a_misfit_not_a_reason():
    weekly_group(name="Both ways", venue=venue_miles_away(14), mode=MeetingMode.HYBRID)

    [option] = find_support(in_cardiff(**GROUPS_ONLY)).options

    assert option.reasons == ("meets on Tuesday evenings", "by video")
    assert option.misfits == ("its venue is 14 miles away",)


def test_a_hybrid_venue_without_their_need_says_so_even_without_a_town():
    from alongside.finder.answers import FinderAnswers

    weekly_group(name="Both ways", venue=venue_miles_away(1), mode=MeetingMode.HYBRID)

    [option] = find_support(FinderAnswers(access_needs=("step_free",), **GROUPS_ONLY)).options

    assert "by video" in option.reasons
    assert option.misfits == ("its venue doesn't have step-free access",)


def test_every_need_a_venue_can_meet_has_its_words():
    from alongside.finder import words
    from alongside.groups.access import NEED_FEATURES

    for table in (words.HAS_FEATURE, words.LACKS_FEATURE, words.WITH_FEATURE):
        assert set(NEED_FEATURES) <= set(table)


def test_without_a_town_a_missing_feature_is_still_named_as_the_blocker():
    from alongside.finder.answers import FinderAnswers

    weekly_group(name="Up the stairs", venue=venue_miles_away(1, features=["hearing_loop"]))

    result = find_support(FinderAnswers(access_needs=("step_free",), **GROUPS_ONLY))

    assert result.options == ()
    assert result.nothing_found_reason == "No group meets at a venue with step-free access."


def test_a_keyword_is_found_as_a_word_not_inside_another():
    weekly_group(name="Heart health", purpose="For people after a heart attack.")
    weekly_group(name="Hearing loss circle", purpose="Living with hearing loss.")

    result = find_support(in_cardiff(about="My hearing is going", **GROUPS_ONLY))

    by_title = {option.title: option for option in result.options}
    assert "mentions “hearing”" in by_title["Hearing loss circle"].reasons
    assert not any("mentions" in reason for reason in by_title["Heart health"].reasons)
    assert result.options[0].title == "Hearing loss circle"
