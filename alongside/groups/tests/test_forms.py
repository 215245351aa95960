"""Bad input gets a message in plain words beside the field it is about."""

import pytest

from alongside.groups.choices import GroupStatus, MeetingMode
from alongside.groups.forms import (
    AcceptAgreementForm,
    AgreementForm,
    GroupForm,
    RemoveMemberForm,
    VenueForm,
)
from alongside.groups.tests.factories import GroupFactory, VenueFactory

pytestmark = pytest.mark.django_db


def group_data(**overrides) -> dict:
    data = {
        "kind": "support",
        "name": "  Walk   and Talk ",
        "purpose": "We walk and talk.",
        "who_for": "",
        "topics": ["bereavement"],
        "languages": ["en", "cy"],
        "mode": MeetingMode.VIDEO,
        "venue": "",
        "online_details": "",
        "join_policy": "open",
        "capacity": "",
        "status": GroupStatus.ACTIVE,
    }
    data.update(overrides)
    return data


def venue_data(**overrides) -> dict:
    data = {
        "name": "Riverside Hall",
        "address": "2 Quay Street",
        "latitude": "51.48",
        "longitude": "-3.18",
        "features": ["step_free", "hearing_loop"],
        "accessibility_notes": "",
    }
    data.update(overrides)
    return data


def test_a_valid_group_form_gives_details_for_the_action():
    form = GroupForm(group_data(), can_set_status=True)

    assert form.is_valid(), form.errors
    details = form.details()
    assert details["name"] == "Walk and Talk"
    assert [topic.slug for topic in details["topics"]] == ["bereavement"]
    assert (details["capacity"], details["status"]) == (None, "active")


def test_only_coordinators_get_the_status_field():
    assert "status" not in GroupForm(group_data()).fields
    assert "status" in GroupForm(group_data(), can_set_status=True).fields


def test_a_proposed_group_is_approved_rather_than_given_a_status_on_the_form():
    group = GroupFactory(status=GroupStatus.PROPOSED)

    assert "status" not in GroupForm(instance=group, can_set_status=True).fields


@pytest.mark.parametrize("capacity", ["0", "-3"])
def test_capacity_must_be_at_least_one(capacity):
    form = GroupForm(group_data(capacity=capacity))

    assert form.errors["capacity"] == [
        "Capacity must be at least 1, or leave it blank for no limit."
    ]


def test_capacity_must_be_a_whole_number():
    form = GroupForm(group_data(capacity="ten"))

    assert form.errors["capacity"] == ["Enter a whole number, or leave it blank for no limit."]


@pytest.mark.parametrize("mode", [MeetingMode.IN_PERSON, MeetingMode.HYBRID])
def test_a_group_meeting_in_person_needs_a_venue(mode):
    form = GroupForm(group_data(mode=mode))

    assert form.errors["venue"] == [
        "Choose a venue for a group that meets in person, or change how the group meets."
    ]
    assert GroupForm(group_data(mode=mode, venue=VenueFactory().pk)).is_valid()


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 120), ("purpose", 2000), ("who_for", 1000), ("online_details", 1000)],
)
def test_over_long_group_text_says_how_long_it_may_be(field, limit):
    form = GroupForm(group_data(**{field: "x" * (limit + 1)}))

    assert form.errors[field] == [f"Keep this to {limit} characters or fewer (it has {limit + 1})."]


def test_a_valid_venue_form():
    form = VenueForm(venue_data())

    assert form.is_valid(), form.errors
    assert form.details()["features"] == ["step_free", "hearing_loop"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "91", "Latitude must be between -90 and 90."),
        ("latitude", "-90.5", "Latitude must be between -90 and 90."),
        ("longitude", "180.1", "Longitude must be between -180 and 180."),
        ("latitude", "", "Enter the venue's latitude, so people can find it on a map."),
        ("longitude", "", "Enter the venue's longitude, so people can find it on a map."),
        ("latitude", "north", "Enter the latitude as a number, for example 51.4816."),
        ("name", "x" * 121, "Keep this to 120 characters or fewer (it has 121)."),
        ("accessibility_notes", "x" * 2001, "Keep this to 2000 characters or fewer (it has 2001)."),
    ],
)
def test_bad_venue_input_gets_a_clear_message(field, value, message):
    form = VenueForm(venue_data(**{field: value}))

    assert form.errors[field] == [message]


def test_venue_features_come_from_the_checklist():
    form = VenueForm(venue_data(features=["helipad"]))

    assert "features" in form.errors


def test_agreement_text_is_required_and_limited():
    form = AgreementForm(
        {"ground_rules": "", "confidentiality": "x" * 3001, "how_we_treat_each_other": "Kindly"}
    )

    assert form.errors["ground_rules"] == ["This field is required."]
    assert form.errors["confidentiality"] == [
        "Keep this to 3000 characters or fewer (it has 3001)."
    ]


def test_accepting_the_agreement_means_ticking_the_box():
    form = AcceptAgreementForm({"version": "1"})

    assert form.errors["accept"] == ["Tick the box to say you accept the group agreement."]
    assert AcceptAgreementForm({"version": "1", "accept": "on"}).is_valid()


def test_removing_a_member_needs_a_reason():
    assert RemoveMemberForm({"reason": " "}).errors["reason"] == [
        "Say why you are removing this member."
    ]
    assert RemoveMemberForm({"reason": "x" * 1001}).errors["reason"] == [
        "Keep this to 1000 characters or fewer (it has 1001)."
    ]
