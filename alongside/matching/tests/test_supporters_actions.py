"""Applying to be a peer supporter and changing the details: what is stored, what is
refused (with which words), and that a refusal changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from alongside.accounts.roles import Role, has_role
from alongside.accounts.tests.factories import TopicFactory
from alongside.common.models import AuditLogEntry
from alongside.matching.actions import supporters as actions
from alongside.matching.choices import MatchMode, MatchStatus, SupporterStatus, SupportKind
from alongside.matching.errors import MatchingError
from alongside.matching.models import SupporterProfile
from alongside.matching.selectors_people import free_capacity, supporter_profile_of
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    place,
    supporter_data,
)

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_applying_stores_the_application_waiting_for_a_coordinator(member):
    topic = TopicFactory(name="Bereavement")
    data = supporter_data(
        topics=[topic], modes=["in_person", "phone"], place=place("Swansea"), max_distance_km=15
    )

    profile = actions.apply_to_support(user=member, data=data)

    profile.refresh_from_db()
    assert profile.status == SupporterStatus.APPLIED
    assert profile.kinds == [SupportKind.MENTORING, SupportKind.BEFRIENDING]
    assert profile.modes == [MatchMode.IN_PERSON, MatchMode.PHONE]
    assert profile.place_name == "Swansea, Wales, United Kingdom"
    assert profile.max_distance_km == 15
    assert list(profile.topics.all()) == [topic]
    assert profile.availability[0] == {"day": "tue", "start": "18:00", "end": "21:00"}
    assert not has_role(member, Role.PEER_SUPPORTER)
    assert supporter_profile_of(member) == profile


def test_the_audit_entry_names_no_one_and_quotes_nothing(member):
    profile = actions.apply_to_support(user=member, data=supporter_data())

    entry = AuditLogEntry.objects.get(verb="matching.supporter_applied")
    assert entry.actor == member
    assert entry.data == {"profile_id": profile.pk, "kinds": ["mentoring", "befriending"]}
    assert "Robin" not in str(entry.data) and "befriender" not in str(entry.data)


def test_text_is_tidied_before_it_is_stored(member):
    data = supporter_data(motivation="  I'd like to help.\r\n\r\nThat's all.  ")

    profile = actions.apply_to_support(user=member, data=data)

    assert profile.motivation == "I'd like to help.\n\nThat's all."


def test_applying_twice_is_refused_kindly(member):
    actions.apply_to_support(user=member, data=supporter_data())

    with pytest.raises(MatchingError, match="You've already applied"):
        actions.apply_to_support(user=member, data=supporter_data())
    assert SupporterProfile.objects.count() == 1


def test_someone_declined_before_may_apply_again(member, coordinator):
    profile = SupporterProfileFactory(user=member, status=SupporterStatus.DECLINED)

    again = actions.apply_to_support(user=member, data=supporter_data(capacity=1))

    assert again.pk == profile.pk
    assert again.status == SupporterStatus.APPLIED
    assert again.capacity == 1


@pytest.mark.parametrize("capacity", [0, 1000, -1, "3", True, None])
def test_capacity_outside_1_to_10_is_refused_and_nothing_is_stored(member, capacity):
    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(user=member, data=supporter_data(capacity=capacity))

    assert _messages(error) == {"capacity": ["Choose between 1 and 10 people at once."]}
    assert not SupporterProfile.objects.exists()
    assert not AuditLogEntry.objects.filter(verb__startswith="matching.").exists()


def test_no_way_to_meet_is_refused(member):
    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(user=member, data=supporter_data(modes=[]))

    assert _messages(error)["modes"] == ["Choose at least one way you'd like to meet."]


def test_in_person_needs_a_town_and_a_distance(member):
    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(
            user=member, data=supporter_data(modes=["in_person"], place=None, max_distance_km=None)
        )

    messages = _messages(error)
    assert "Tell us your home town or city" in messages["place"][0]
    assert "Say how far you'd travel" in messages["max_distance_km"][0]


def test_every_problem_is_reported_at_once_next_to_its_field(member):
    data = supporter_data(
        kinds=[],
        languages=["xx"],
        availability=[{"day": "tue", "start": "20:00", "end": "18:00"}],
        motivation="   ",
        experience="x" * 3001,
    )

    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(user=member, data=data)

    messages = _messages(error)
    assert messages["kinds"] == ["Choose mentoring, befriending or both."]
    assert messages["languages"] == ["Choose at least one language you can use."]
    assert "Make the end time later than the start time" in messages["availability"][0]
    # The texts are checked once the details are right, each with its own words.
    data.update(kinds=["mentoring"], languages=["en"], availability=[])
    data["availability"] = [{"day": "tue", "start": "18:00", "end": "20:00"}]
    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(user=member, data=data)
    messages = _messages(error)
    assert messages["motivation"] == ["Tell us why you'd like to be a peer supporter."]
    assert messages["experience"] == [
        "Please shorten your experience to 3,000 characters or fewer (it has 3,001)."
    ]


def test_an_application_without_its_texts_is_refused_and_nothing_is_stored(member):
    data = supporter_data()
    del data["motivation"], data["experience"]

    with pytest.raises(ValidationError) as error:
        actions.apply_to_support(user=member, data=data)

    assert _messages(error) == {
        "motivation": ["Tell us why you'd like to be a peer supporter."],
        "experience": ["Tell us your experience."],
    }
    assert not SupporterProfile.objects.filter(user=member).exists()


def test_a_supporter_changes_some_details_and_the_rest_stay(supporter_profile, peer_supporter):
    before = supporter_profile.experience

    profile = actions.update_supporter_profile(
        profile=supporter_profile, actor=peer_supporter, data={"capacity": 4, "languages": ["cy"]}
    )

    profile.refresh_from_db()
    assert (profile.capacity, profile.languages, profile.experience) == (4, ["cy"], before)
    entry = AuditLogEntry.objects.get(verb="matching.supporter_updated")
    assert entry.data == {"profile_id": profile.pk, "fields": ["capacity", "languages"]}


def test_a_refused_change_leaves_the_profile_as_it_was(supporter_profile, peer_supporter):
    with pytest.raises(ValidationError):
        actions.update_supporter_profile(
            profile=supporter_profile,
            actor=peer_supporter,
            data={"capacity": 7, "modes": ["in_person"], "place": None},
        )

    supporter_profile.refresh_from_db()
    assert supporter_profile.capacity == 2
    assert supporter_profile.modes == ["video", "phone"]
    assert not AuditLogEntry.objects.filter(verb="matching.supporter_updated").exists()


def test_lowering_capacity_below_the_live_matches_ends_nothing(supporter_profile, peer_supporter):
    MatchFactory.create_batch(2, supporter=peer_supporter, status=MatchStatus.ACTIVE)

    actions.update_supporter_profile(
        profile=supporter_profile, actor=peer_supporter, data={"capacity": 1}
    )

    assert free_capacity(supporter_profile) == 0
    assert peer_supporter.matches_as_supporter.filter(status=MatchStatus.ACTIVE).count() == 2


def test_taking_a_break_and_coming_back(supporter_profile, peer_supporter):
    profile = actions.pause_supporting(profile=supporter_profile, actor=peer_supporter)
    assert profile.is_paused and profile.paused_at is not None

    with pytest.raises(MatchingError, match="already taking a break"):
        actions.pause_supporting(profile=profile, actor=peer_supporter)

    profile = actions.resume_supporting(profile=profile, actor=peer_supporter)
    assert not profile.is_paused and profile.paused_at is None
    with pytest.raises(MatchingError, match="not taking a break"):
        actions.resume_supporting(profile=profile, actor=peer_supporter)
    verbs = list(
        AuditLogEntry.objects.filter(verb__startswith="matching.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["matching.supporter_paused", "matching.supporter_resumed"]


def test_a_coordinator_puts_a_safeguarding_hold_on_and_takes_it_off(supporter_profile, coordinator):
    profile = actions.set_safeguarding_hold(
        profile=supporter_profile, actor=coordinator, hold=True, note="Waiting to talk to them."
    )
    assert profile.safeguarding_hold
    assert profile.decision_note == "Waiting to talk to them."

    with pytest.raises(MatchingError, match="already on hold"):
        actions.set_safeguarding_hold(profile=profile, actor=coordinator, hold=True)

    profile = actions.set_safeguarding_hold(profile=profile, actor=coordinator, hold=False)
    assert not profile.safeguarding_hold
    entries = AuditLogEntry.objects.filter(verb__startswith="matching.safeguarding_hold")
    assert [e.data for e in entries.order_by("pk")] == [{"profile_id": profile.pk}] * 2
