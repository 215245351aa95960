"""Asking for a mentor or befriender, and changing the request: what is stored, what is
refused, and that a refusal leaves the database as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.accounts.tests.factories import TopicFactory
from alongside.common.models import AuditLogEntry
from alongside.matching.actions import requests as actions
from alongside.matching.choices import MatchStatus, RequestSource, RequestStatus, SupportKind
from alongside.matching.errors import MatchingError
from alongside.matching.models import SupportRequest
from alongside.matching.selectors_people import open_request_of, requests_of, waiting_list
from alongside.matching.tests.factories import (
    MatchFactory,
    SupportRequestFactory,
    place,
    request_data,
)

pytestmark = pytest.mark.django_db


def test_a_member_asks_for_a_befriender_and_joins_the_waiting_list(member):
    topic = TopicFactory(name="Loneliness")
    data = request_data(
        topics=[topic],
        modes=["in_person", "video"],
        place=place("Cardiff"),
        supporter_genders=["woman"],
        access_needs=["step_free"],
    )

    support_request = actions.create_support_request(member=member, actor=member, data=data)

    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WAITING
    assert support_request.kind == SupportKind.BEFRIENDING
    assert support_request.source == RequestSource.SELF
    assert support_request.entered_by is None
    assert support_request.waiting_since is not None
    assert support_request.place_name == "Cardiff, Wales, United Kingdom"
    assert list(support_request.topics.all()) == [topic]
    assert (support_request.supporter_genders, support_request.access_needs) == (
        ["woman"],
        ["step_free"],
    )
    assert list(waiting_list()) == [support_request]
    assert open_request_of(member, "befriending") == support_request
    entry = AuditLogEntry.objects.get(verb="matching.request_created")
    assert entry.data == {
        "request_id": support_request.pk,
        "member_id": member.pk,
        "kind": "befriending",
        "source": "self",
    }


def test_a_second_open_request_of_the_same_kind_is_refused(member):
    actions.create_support_request(member=member, actor=member, data=request_data())

    with pytest.raises(MatchingError) as error:
        actions.create_support_request(member=member, actor=member, data=request_data())

    assert error.value.message == (
        "You already have a request for befriending. You can change it instead of asking again."
    )
    assert SupportRequest.objects.count() == 1


def test_one_of_each_kind_is_fine_and_a_closed_one_does_not_count(member):
    SupportRequestFactory(member=member, status=RequestStatus.WITHDRAWN)
    actions.create_support_request(member=member, actor=member, data=request_data())
    actions.create_support_request(member=member, actor=member, data=request_data(kind="mentoring"))

    assert [r.kind for r in requests_of(member)][:2] == ["mentoring", "befriending"]
    assert requests_of(member).count() == 3


def test_a_coordinator_enters_a_request_for_a_member(member, coordinator):
    support_request = actions.create_support_request(
        member=member,
        actor=coordinator,
        data=request_data(kind="mentoring"),
        source=RequestSource.REFERRAL,
    )

    assert support_request.member == member
    assert support_request.entered_by == coordinator
    assert support_request.source == RequestSource.REFERRAL
    entry = AuditLogEntry.objects.get(verb="matching.request_created")
    assert entry.actor == coordinator
    assert entry.data["member_id"] == member.pk

    with pytest.raises(MatchingError, match="This member already has an open request"):
        actions.create_support_request(
            member=member,
            actor=coordinator,
            data=request_data(kind="mentoring"),
            source=RequestSource.ENQUIRY,
        )


def test_no_way_to_meet_is_refused_and_nothing_is_stored(member):
    with pytest.raises(ValidationError) as error:
        actions.create_support_request(member=member, actor=member, data=request_data(modes=[]))

    assert error.value.message_dict == {"modes": ["Choose at least one way you'd like to meet."]}
    assert not SupportRequest.objects.exists()
    assert not AuditLogEntry.objects.filter(verb__startswith="matching.").exists()


def test_in_person_without_a_town_is_refused(member):
    with pytest.raises(ValidationError) as error:
        actions.create_support_request(
            member=member, actor=member, data=request_data(modes=["in_person"], place=None)
        )

    assert error.value.message_dict["place"] == [
        "Tell us your home town or city so we can find someone near you, or untick "
        "\u201cIn person\u201d."
    ]
    assert not SupportRequest.objects.exists()


def test_the_other_choices_are_checked_too(member):
    data = request_data(
        kind="counselling",
    )
    with pytest.raises(ValidationError) as error:
        actions.create_support_request(member=member, actor=member, data=data)
    assert error.value.message_dict == {"kind": ["Choose mentoring or befriending."]}

    data = request_data(
        languages=[],
        availability=[],
        supporter_genders=["robot"],
        shared_experience_important=True,
        about="x" * 3001,
    )
    with pytest.raises(ValidationError) as error:
        actions.create_support_request(member=member, actor=member, data=data)
    messages = error.value.message_dict
    assert messages["languages"] == ["Choose at least one language you can use."]
    assert messages["availability"] == ["Add at least one day and time when you're free."]
    assert messages["supporter_genders"] == ["Choose from the list, or leave them all unticked."]
    assert messages["topics"] == [
        "Choose at least one topic, so that we can find someone who shares your experience."
    ]
    assert not SupportRequest.objects.exists()


def test_a_long_about_is_refused_in_plain_words(member):
    with pytest.raises(ValidationError) as error:
        actions.create_support_request(
            member=member, actor=member, data=request_data(about="x" * 3001)
        )

    assert error.value.message_dict == {
        "about": [
            "Please shorten what you'd like support with to 3,000 characters or fewer "
            "(it has 3,001)."
        ]
    }


def test_changing_a_request_keeps_the_members_place_in_the_queue(waiting_request, member):
    waited_since = waiting_request.waiting_since

    changed = actions.update_support_request(
        support_request=waiting_request,
        actor=member,
        data={"languages": ["cy", "en"], "about": "Someone to walk with."},
    )

    changed.refresh_from_db()
    assert changed.waiting_since == waited_since
    assert changed.languages == ["cy", "en"]
    assert changed.about == "Someone to walk with."
    assert changed.modes == ["video", "phone"]
    entry = AuditLogEntry.objects.get(verb="matching.request_updated")
    assert entry.data == {"request_id": changed.pk, "fields": ["about", "languages"]}


def test_a_closed_request_cannot_be_changed_and_the_kind_never_changes(member):
    closed = SupportRequestFactory(member=member, status=RequestStatus.CLOSED)
    with pytest.raises(MatchingError, match="This request is closed"):
        actions.update_support_request(support_request=closed, actor=member, data={})

    waiting = SupportRequestFactory(member=member)
    with pytest.raises(ValidationError) as error:
        actions.update_support_request(
            support_request=waiting, actor=member, data={"kind": "mentoring"}
        )
    assert list(error.value.message_dict) == ["kind"]


def test_a_refused_change_leaves_the_request_as_it_was(waiting_request, member):
    with pytest.raises(ValidationError):
        actions.update_support_request(
            support_request=waiting_request,
            actor=member,
            data={"languages": ["cy"], "modes": []},
        )

    waiting_request.refresh_from_db()
    assert waiting_request.languages == ["en"]
    assert not AuditLogEntry.objects.filter(verb="matching.request_updated").exists()


def test_a_proposed_request_keeps_its_match_when_changed(member):
    match = MatchFactory(request__member=member)

    actions.update_support_request(
        support_request=match.request, actor=member, data={"about": "A little more."}
    )

    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert match.request.status == RequestStatus.PROPOSED


def test_the_waiting_list_is_oldest_first_and_only_waiting(member, other_member):
    now = timezone.now()
    newer = SupportRequestFactory(waiting_since=now - datetime.timedelta(days=1))
    older = SupportRequestFactory(waiting_since=now - datetime.timedelta(days=30))
    MatchFactory()  # proposed: not waiting

    assert list(waiting_list()) == [older, newer]
