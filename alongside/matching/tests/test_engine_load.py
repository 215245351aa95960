"""Facts for the engine from the database: who may be proposed, in few queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import TopicFactory, UserFactory
from alongside.matching.choices import (
    BlockReason,
    MatchStatus,
    RequestStatus,
    SupporterStatus,
)
from alongside.matching.engine import (
    load_blocks,
    load_requests,
    load_supporters,
    load_topic_names,
    request_facts,
    supporter_facts,
)
from alongside.matching.models import Match, PairBlock, SupporterProfile, SupportRequest
from alongside.safety.models import Suspension

pytestmark = pytest.mark.django_db

TUESDAY_EVENING = [{"day": "tue", "start": "18:00", "end": "20:00"}]


def make_profile(user=None, **fields) -> SupporterProfile:
    values = {
        "kinds": ["befriending"],
        "status": SupporterStatus.APPROVED,
        "motivation": "I was helped once",
        "experience": "Grief, and caring for my dad",
        "languages": ["cy", "en"],
        "modes": ["phone", "in_person"],
        "availability": TUESDAY_EVENING,
        "max_distance_km": 15,
        "capacity": 2,
        "age_group": "35_44",
        "gender": "woman",
        "comfortable_age_groups": ["25_34", "35_44"],
        "place_name": "Penarth",
        "place_latitude": 51.4347,
        "place_longitude": -3.1745,
        **fields,
    }
    return SupporterProfile.objects.create(user=user or UserFactory(), **values)


def make_request(member=None, *, days_waiting=10, **fields) -> SupportRequest:
    values = {
        "kind": "befriending",
        "about": "Since my mum died I don't get out much",
        "modes": ["phone"],
        "availability": TUESDAY_EVENING,
        "languages": ["cy"],
        "age_group": "25_34",
        "supporter_genders": ["woman"],
        "supporter_age_groups": [],
        "shared_experience_important": True,
        "place_name": "Cardiff",
        "place_latitude": 51.4816,
        "place_longitude": -3.1791,
        "waiting_since": timezone.now() - timedelta(days=days_waiting),
        **fields,
    }
    return SupportRequest.objects.create(member=member or UserFactory(), **values)


def make_match(support_request, profile, status=MatchStatus.ACTIVE) -> Match:
    return Match.objects.create(
        request=support_request,
        member=support_request.member,
        supporter=profile.user,
        kind=support_request.kind,
        status=status,
    )


def test_request_facts_carry_what_the_request_says():
    grief = TopicFactory(name="Bereavement")
    support_request = make_request(days_waiting=10)
    support_request.topics.add(grief)

    [facts] = load_requests()

    assert facts.id == support_request.pk
    assert facts.member_id == support_request.member_id
    assert facts.kind == "befriending"
    assert facts.topic_ids == {grief.pk}
    assert facts.text == "Since my mum died I don't get out much"
    assert facts.modes == {"phone"}
    assert facts.half_hours == set(range(48 + 36, 48 + 40))
    assert facts.languages == {"cy"}
    assert (facts.latitude, facts.longitude) == (51.4816, -3.1791)
    assert facts.age_group == "25_34"
    assert facts.supporter_genders == {"woman"}
    assert facts.supporter_age_groups == frozenset()
    assert facts.shared_experience_important is True
    assert facts.waiting_days == pytest.approx(10, abs=0.01)
    assert facts.place_name == "Cardiff"
    assert request_facts(support_request).topic_ids == {grief.pk}


def test_only_waiting_requests_whose_text_isnt_held_are_loaded_oldest_first():
    newer = make_request(days_waiting=2)
    older = make_request(days_waiting=40)
    make_request(days_waiting=50, text_held=True)
    make_request(days_waiting=60, status=RequestStatus.PROPOSED)
    make_request(days_waiting=70, status=RequestStatus.WITHDRAWN)

    assert [f.id for f in load_requests()] == [older.pk, newer.pk]
    only_newer = SupportRequest.objects.filter(pk=newer.pk)
    assert [f.id for f in load_requests(only_newer)] == [newer.pk]


def test_supporter_facts_carry_the_profile_and_free_places():
    grief = TopicFactory(name="Bereavement")
    profile = make_profile(capacity=3)
    profile.topics.add(grief)
    make_match(make_request(), profile, MatchStatus.ACTIVE)
    make_match(make_request(), profile, MatchStatus.ENDED)

    [facts] = load_supporters()

    assert facts.user_id == profile.user_id
    assert facts.kinds == {"befriending"}
    assert facts.topic_ids == {grief.pk}
    assert facts.text == "Grief, and caring for my dad"
    assert facts.modes == {"phone", "in_person"}
    assert facts.languages == {"cy", "en"}
    assert facts.max_distance_km == 15.0
    assert facts.free_capacity == 2  # three places, one live match (the ended one is free)
    assert facts.gender == "woman"
    assert facts.comfortable_age_groups == {"25_34", "35_44"}
    assert supporter_facts(profile).free_capacity == 2


def test_only_supporters_who_may_be_proposed_now_are_loaded():
    free = make_profile()
    make_profile(status=SupporterStatus.APPLIED)
    make_profile(status=SupporterStatus.DECLINED)
    make_profile(is_paused=True)
    make_profile(safeguarding_hold=True)
    make_profile(text_held=True)
    full = make_profile(capacity=1)
    make_match(make_request(), full, MatchStatus.PROPOSED)
    suspended = make_profile()
    Suspension.objects.create(member=suspended.user, reason="Posting someone's address")
    suspension_over = make_profile()
    Suspension.objects.create(
        member=suspension_over.user,
        reason="Spam",
        ends_at=timezone.now() - timedelta(days=1),
    )
    suspension_lifted = make_profile()
    Suspension.objects.create(
        member=suspension_lifted.user, reason="Spam", lifted_at=timezone.now()
    )

    loaded = {f.user_id for f in load_supporters()}

    assert loaded == {free.user_id, suspension_over.user_id, suspension_lifted.user_id}


def test_supporters_can_be_loaded_for_one_kind():
    befriender = make_profile(kinds=["befriending"])
    mentor = make_profile(kinds=["mentoring"])
    both = make_profile(kinds=["mentoring", "befriending"])

    assert {f.user_id for f in load_supporters(kind="mentoring")} == {
        mentor.user_id,
        both.user_id,
    }
    assert {f.user_id for f in load_supporters(kind="befriending")} == {
        befriender.user_id,
        both.user_id,
    }


def test_blocks_are_pair_blocks_and_pairs_with_a_live_match():
    profile = make_profile()
    blocked_member, proposed_member, active_member, ended_member = (UserFactory() for _ in range(4))
    PairBlock.objects.create(
        member=blocked_member, supporter=profile.user, reason=BlockReason.ENDED_BADLY
    )
    make_match(make_request(proposed_member), profile, MatchStatus.PROPOSED)
    make_match(make_request(active_member), profile, MatchStatus.ACTIVE)
    make_match(make_request(ended_member), profile, MatchStatus.ENDED)

    assert load_blocks() == {
        (blocked_member.pk, profile.user_id),
        (proposed_member.pk, profile.user_id),
        (active_member.pk, profile.user_id),
    }


def test_topic_names():
    grief = TopicFactory(name="Bereavement")

    assert load_topic_names()[grief.pk] == "Bereavement"


def test_loading_takes_the_same_few_queries_however_many_people(
    django_assert_max_num_queries,
):
    topics = [TopicFactory(name=f"Topic {i}") for i in range(3)]
    for _ in range(6):
        profile = make_profile()
        profile.topics.add(*topics)
        support_request = make_request()
        support_request.topics.add(*topics)
        make_match(make_request(), profile, MatchStatus.ACTIVE)

    with django_assert_max_num_queries(2):
        supporters = load_supporters()
    with django_assert_max_num_queries(2):
        requests = load_requests()
    with django_assert_max_num_queries(2):
        load_blocks()
    with django_assert_max_num_queries(1):
        load_topic_names()

    assert len(supporters) == 6
    assert all(len(s.topic_ids) == 3 for s in supporters)
    assert len(requests) == 12
