"""GET and PATCH /api/v1/me/profile, by session (with CSRF) and by personal API token."""

import json

import pytest
from django.test import Client

from alongside.accounts import actions
from alongside.accounts.models import Profile
from alongside.accounts.privacy import DEFAULT_VISIBILITY
from alongside.common.models import AuditLogEntry

URL = "/api/v1/me/profile"


def patch(client, body, **headers):
    return client.patch(URL, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def token_key(member):
    _token, key = actions.create_api_token(user=member, name="script")
    return key


@pytest.fixture
def csrf_client(member):
    """A browser-like client: logged in, and CSRF is checked as it would be for real."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get("/profile/edit/")  # a page with a form sets the CSRF cookie
    return client


def test_reading_your_profile(client_for, member):
    response = client_for(member).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == member.pk
    assert body["display_name"] == "Robin"
    assert body["place"] is None
    assert body["access_needs"] == {"needs": [], "other": ""}
    assert body["visibility"] == {field: level.value for field, level in DEFAULT_VISIBILITY.items()}


def test_patch_changes_only_the_fields_sent(client_for, member):
    client = client_for(member)
    patch(client, {"pronouns": "they/them", "could_offer": "Listening"})

    response = patch(
        client,
        {
            "place": "cardiff",
            "languages": ["cy", "bfi"],
            "topics": ["anxiety"],
            "availability": ["mon_evening"],
            "visibility": {"place": "only_me"},
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["place"] == "Cardiff, Wales, United Kingdom"
    assert body["pronouns"] == "they/them"
    assert body["topics"] == ["Anxiety"]
    assert body["visibility"]["place"] == "only_me"
    assert body["visibility"]["pronouns"] == "members"
    profile = Profile.objects.get(user=member)
    assert profile.pronouns == "they/them"
    assert profile.could_offer == "Listening"
    assert profile.languages == ["cy", "bfi"]
    assert profile.availability == ["mon_evening"]
    assert profile.place_name == "Cardiff, Wales, United Kingdom"
    assert profile.visibility_of("place") == "only_me"


def test_null_clears_a_field(client_for, member):
    client = client_for(member)
    patch(client, {"place": "Cardiff", "pronouns": "she/her"})

    body = patch(client, {"place": None, "pronouns": None}).json()

    assert (body["place"], body["pronouns"]) == (None, "")
    assert Profile.objects.get(user=member).place_geonameid is None


def test_patch_is_audited_like_the_profile_page(client_for, member):
    patch(client_for(member), {"pronouns": "they/them", "topics": ["bereavement"]})

    entry = AuditLogEntry.objects.get(verb="profile.updated")
    assert entry.actor == member
    assert entry.data == {"fields": ["pronouns", "topics"]}


def test_session_patch_with_the_csrf_token_is_accepted(csrf_client, member):
    token = csrf_client.cookies["csrftoken"].value

    response = patch(csrf_client, {"pronouns": "ze/zir"}, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200
    assert Profile.objects.get(user=member).pronouns == "ze/zir"


def test_session_patch_without_the_csrf_token_is_refused(csrf_client, member):
    response = patch(csrf_client, {"pronouns": "ze/zir"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Profile.objects.get(user=member).pronouns == ""


def test_reading_with_a_session_needs_no_csrf_token(csrf_client):
    assert csrf_client.get(URL).status_code == 200


def test_a_token_reads_and_patches_without_csrf(member, token_key):
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_key}"}

    assert client.get(URL, **auth).json()["display_name"] == "Robin"
    response = patch(client, {"display_name": "Robin Hart"}, **auth)

    assert response.status_code == 200
    assert Profile.objects.get(user=member).display_name == "Robin Hart"


def test_anonymous_patch_changes_nothing(member, client):
    response = patch(client, {"pronouns": "ze/zir"})

    assert response.status_code == 401
    assert Profile.objects.get(user=member).pronouns == ""
