"""PATCH /api/v1/me/profile refuses bad input with 422 JSON naming each field, never a 500."""

import json

import pytest

from alongside.accounts.models import Profile
from alongside.accounts.tests.helpers import stored_profile
from alongside.common.models import AuditLogEntry

URL = "/api/v1/me/profile"


def assert_refused(response, *, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"] == "Some fields need correcting."
    assert all(isinstance(m, str) for messages in body["errors"].values() for m in messages)
    assert message in " ".join(body["errors"][field]), body["errors"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"display_name": "sam"}, "display_name", "That display name is already taken"),
        ({"display_name": "Moderator"}, "display_name", "That name is reserved"),
        ({"display_name": "a@b.example"}, "display_name", "can't contain @"),
        ({"display_name": None}, "display_name", "This field is required."),
        ({"display_name": 7}, "display_name", "valid string"),
        ({"place": "Xyzzyville"}, "place", "couldn't find a town or city called"),
        ({"place": "Newport"}, "place", "More than one place is called"),
        ({"languages": ["en", "xx"]}, "languages", "xx is not one of the available choices"),
        ({"languages": 5}, "languages", "valid list"),
        ({"languages": "en"}, "languages", "valid list"),
        ({"languages": [["en"]]}, "languages.0", "valid string"),
        ({"topics": ["no-such-topic"]}, "topics", "Select a valid choice"),
        ({"topics": [1]}, "topics.0", "valid string"),
        ({"availability": ["someday"]}, "availability", "not one of the available choices"),
        ({"contact_modes": ["pigeon"]}, "contact_modes", "not one of the available choices"),
        ({"access_needs": ["other"]}, "access_needs_other", "untick"),
        ({"pronouns": "x" * 41}, "pronouns", "at most 40 characters"),
        ({"pronouns": "x" * 201}, "pronouns", "at most 200 characters"),
        ({"could_offer": "x" * 2001}, "could_offer", "at most 2000 characters"),
        ({"favourite_colour": "blue"}, "favourite_colour", "This field isn't recognised."),
        ({"id": 1}, "id", "This field isn't recognised."),
        ({"visibility": {"shoe_size": "members"}}, "visibility", "Unknown profile field"),
        ({"visibility": {"place": "everyone"}}, "visibility.place", "Input should be"),
        ({"visibility": "members"}, "visibility", "valid dictionary"),
    ],
    ids=[
        "taken-name",
        "reserved-name",
        "name-with-at",
        "null-name",
        "number-as-name",
        "unknown-place",
        "ambiguous-place",
        "unknown-language",
        "number-as-languages",
        "string-as-languages",
        "nested-list-languages",
        "unknown-topic",
        "number-as-topic",
        "unknown-availability",
        "unknown-contact-mode",
        "something-else-without-text",
        "long-pronouns",
        "very-long-pronouns",
        "long-could-offer",
        "unknown-field",
        "read-only-field",
        "unknown-visibility-field",
        "unknown-visibility-level",
        "visibility-not-an-object",
    ],
)
def test_bad_input_is_refused_field_by_field(
    client_for, member, other_member, body, field, message
):
    client = client_for(member)
    before = stored_profile(member)

    response = client.patch(URL, json.dumps(body), content_type="application/json")

    assert_refused(response, field=field, message=message)
    assert stored_profile(member) == before
    assert not AuditLogEntry.objects.filter(verb="profile.updated").exists()


@pytest.mark.parametrize(
    "raw",
    ['{"pronouns": "they/them"', "not json at all", "\x00\xff"],
    ids=["truncated", "text", "binary"],
)
def test_a_body_that_is_not_json_is_refused(client_for, member, raw):
    response = client_for(member).patch(URL, raw, content_type="application/json")

    assert_refused(response, field="__all__", message="The request body isn't valid JSON.")
    assert Profile.objects.get(user=member).pronouns == ""


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "This field is required."),
        ("[]", "valid dictionary"),
        ('"pronouns"', "valid dictionary"),
        ("null", "valid dictionary"),
        ("42", "valid dictionary"),
    ],
)
def test_a_body_that_is_not_an_object_is_refused(client_for, member, raw, message):
    response = client_for(member).patch(URL, raw, content_type="application/json")

    assert_refused(response, field="__all__", message=message)


def test_every_error_is_reported_at_once(client_for, member, other_member):
    body = {"display_name": "Sam", "place": "Xyzzyville", "topics": ["nope"]}

    response = client_for(member).patch(URL, json.dumps(body), content_type="application/json")

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"display_name", "place", "topics"}
