"""Mentoring, befriending and online communities among the finder's options."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import TopicFactory
from alongside.community.tests.factories import SpaceFactory
from alongside.finder.results import OptionKind
from alongside.finder.selectors import find_support
from alongside.finder.tests.factories import (
    fresh_catalogue,  # noqa: F401 (fixture)
    in_cardiff,
    weekly_group,
)
from alongside.matching.choices import SupportKind
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_catalogue")]


def by_kind(options, kind):
    return [option for option in options if option.kind == kind]


def test_befriending_appears_with_the_number_of_supporters_and_no_wait():
    SupporterProfileFactory.create_batch(2, kinds=[SupportKind.BEFRIENDING])

    result = find_support(in_cardiff(formats=("one_to_one",), availability=("tue_evening",)))

    [befriending] = by_kind(result.options, OptionKind.BEFRIENDING)
    assert befriending.reasons[:2] == (
        "2 trained befrienders could support you",
        "by video or by phone",
    )
    assert befriending.waiting_text == "No wait at the moment."
    assert befriending.url == "/matching/request/befriending/"
    [mentoring] = by_kind(result.nearest, OptionKind.MENTORING)
    assert mentoring.misfits[0] == "no mentor has a free place at the moment"


def test_mentoring_shows_the_median_wait_of_recent_matches():
    SupporterProfileFactory(kinds=[SupportKind.MENTORING])
    now = timezone.now()
    for days in (14, 21, 28):
        request = SupportRequestFactory(
            kind=SupportKind.MENTORING, waiting_since=now - timedelta(days=days)
        )
        MatchFactory(request=request, kind=SupportKind.MENTORING)
    SupportRequestFactory(kind=SupportKind.MENTORING)  # waiting now

    result = find_support(in_cardiff(formats=("one_to_one",)))

    [mentoring] = by_kind(result.options, OptionKind.MENTORING)
    assert mentoring.waiting_text == "The wait is about 3 weeks at the moment."


def test_no_supporter_speaking_their_language_is_a_hard_misfit_saying_so():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING], languages=["en"])

    result = find_support(in_cardiff(formats=("one_to_one",), languages=("cy",)))

    assert result.options == ()
    [befriending] = by_kind(result.nearest, OptionKind.BEFRIENDING)
    assert befriending.misfits == ("no befriender with a free place speaks Welsh",)
    assert "No befriender with a free place speaks Welsh." in result.nothing_found_reason


def test_a_supporter_who_speaks_their_language_is_named_as_a_reason():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING], languages=["cy", "en"])

    result = find_support(in_cardiff(formats=("one_to_one",), languages=("cy",)))

    [befriending] = by_kind(result.options, OptionKind.BEFRIENDING)
    assert "in Welsh (Cymraeg)" in befriending.reasons


def test_supporters_not_free_when_they_are_do_not_fit():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING])  # Tuesday and Thursday evenings

    result = find_support(in_cardiff(formats=("one_to_one",), availability=("mon_morning",)))

    assert by_kind(result.options, OptionKind.BEFRIENDING) == []
    [befriending] = by_kind(result.nearest, OptionKind.BEFRIENDING)
    assert befriending.misfits == (
        "no befriender with a free place is free at the times you chose",
    )


def test_spaces_appear_for_people_who_like_forums():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    space = SpaceFactory(name="Living with anxiety")
    space.topics.set([anxiety])
    SpaceFactory(name="Archived", is_archived=True)
    weekly_group(name="Video circle")

    result = find_support(in_cardiff(modes=("forum",), topics=(anxiety.pk,)))

    assert [option.title for option in result.options] == ["Living with anxiety"]
    option = result.options[0]
    assert option.reasons == ("a forum and chat you can join any time", "about anxiety")
    assert option.url == f"/community/spaces/{space.slug}/"


def test_every_form_is_ranked_together():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING])
    SpaceFactory(name="Hard days")
    weekly_group(name="Video circle")

    result = find_support(in_cardiff())

    kinds = {option.kind for option in result.options}
    assert kinds == {OptionKind.GROUP, OptionKind.BEFRIENDING, OptionKind.SPACE}
    assert result.considered == 4  # a group, two kinds of 1:1 support, a space


def test_declined_proposals_do_not_count_as_the_end_of_a_wait():
    from alongside.matching.choices import MatchStatus

    SupporterProfileFactory(kinds=[SupportKind.MENTORING])
    now = timezone.now()
    declined = SupportRequestFactory(kind=SupportKind.MENTORING, waiting_since=now)
    MatchFactory(request=declined, kind=SupportKind.MENTORING, status=MatchStatus.DECLINED)
    matched = SupportRequestFactory(
        kind=SupportKind.MENTORING, waiting_since=now - timedelta(days=70)
    )
    MatchFactory(request=matched, kind=SupportKind.MENTORING)

    result = find_support(in_cardiff(formats=("one_to_one",)))

    [mentoring] = by_kind(result.options, OptionKind.MENTORING)
    assert mentoring.waiting_text == "The wait is about 10 weeks at the moment."
    assert "the wait is about 10 weeks at the moment" in mentoring.misfits


def test_supporters_experience_names_only_the_topics_they_have():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    grief = TopicFactory(name="Bereavement", slug="bereavement")
    SupporterProfileFactory(kinds=[SupportKind.MENTORING], topics=[anxiety])

    result = find_support(in_cardiff(formats=("one_to_one",), topics=(anxiety.pk, grief.pk)))

    [mentoring] = by_kind(result.options, OptionKind.MENTORING)
    assert "they have experience of anxiety" in mentoring.reasons
    assert not any("bereavement" in reason for reason in mentoring.reasons)


def test_supporters_experience_says_how_many_of_them_have_it():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    SupporterProfileFactory(kinds=[SupportKind.MENTORING], topics=[anxiety])
    SupporterProfileFactory(kinds=[SupportKind.MENTORING], topics=[])

    result = find_support(in_cardiff(formats=("one_to_one",), topics=(anxiety.pk,)))

    [mentoring] = by_kind(result.options, OptionKind.MENTORING)
    assert "2 trained mentors could support you" in mentoring.reasons
    assert "1 of them has experience of anxiety" in mentoring.reasons


def test_a_blocker_is_named_only_when_it_stops_every_supporter():
    # One speaks Welsh but only by phone; the others speak English by video.
    SupporterProfileFactory(kinds=[SupportKind.MENTORING], languages=["cy"], modes=["phone"])
    SupporterProfileFactory.create_batch(2, kinds=[SupportKind.MENTORING], modes=["video"])

    result = find_support(in_cardiff(formats=("one_to_one",), languages=("cy",), modes=("video",)))

    [mentoring] = by_kind(result.nearest, OptionKind.MENTORING)
    assert mentoring.misfits == ("no mentor with a free place fits everything you told us",)
    assert "speaks Welsh" not in result.nothing_found_reason


def test_no_wait_is_not_promised_when_no_supporter_suits_them():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING], languages=["en"])

    result = find_support(in_cardiff(formats=("one_to_one",), languages=("cy",)))

    [befriending] = by_kind(result.nearest, OptionKind.BEFRIENDING)
    assert befriending.waiting_text == ""


def test_in_person_is_offered_only_by_supporters_whose_town_and_reach_are_known():
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING], modes=["in_person"],
                            place_latitude=None, place_longitude=None)  # fmt: skip
    SupporterProfileFactory(kinds=[SupportKind.BEFRIENDING], modes=["in_person"],
                            max_distance_km=None)  # fmt: skip

    result = find_support(in_cardiff(formats=("one_to_one",), modes=("in_person",)))

    assert by_kind(result.options, OptionKind.BEFRIENDING) == []
    [befriending] = by_kind(result.nearest, OptionKind.BEFRIENDING)
    assert befriending.misfits == ("no befriender with a free place meets in person near Cardiff",)
