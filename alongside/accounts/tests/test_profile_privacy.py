"""Each profile field is shown only to the people its owner chose, on the page and in the API."""

import pytest
from django.test import Client

from alongside.accounts import places
from alongside.accounts.models import Profile, Topic
from alongside.accounts.privacy import PRIVATE_FIELDS

# What each field shows on a profile page once filled in; distinctive enough to search for.
SHOWN_AS = {
    "pronouns": "xe/xem",
    "languages": "Welsh (Cymraeg)",
    "place": "Cardiff, Wales, United Kingdom",
    "contact_modes": "Video call",
    "availability": "Tuesday evening",
    "access_needs": "Needs a sentinel ramp",
    "topics": "Bereavement",
    "would_like_to_receive": "Hoping for sentinel walks",
    "could_offer": "Offering sentinel tea",
}


def fill_in_profile(user, *, level: str) -> None:
    """Fill in every field of `user`'s profile and show each one to `level`."""
    profile = user.profile
    cardiff = places.resolve_place("Cardiff")
    profile.pronouns = "xe/xem"
    profile.languages = ["cy"]
    profile.place_geonameid, profile.place_name = cardiff.geonameid, cardiff.label
    profile.contact_modes = ["video"]
    profile.availability = ["tue_evening"]
    profile.access_needs = ["other"]
    profile.access_needs_other = "Needs a sentinel ramp"
    profile.would_like_to_receive = "Hoping for sentinel walks"
    profile.could_offer = "Offering sentinel tea"
    profile.visibility = dict.fromkeys(PRIVATE_FIELDS, level)
    profile.save()
    profile.topics.set([Topic.objects.get(slug="bereavement")])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_on_page(viewer, owner) -> set[str]:
    response = logged_in(viewer).get(f"/members/{owner.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    return {field for field, text in SHOWN_AS.items() if text in page}


# The same, as the API returns it (codes rather than labels).
IN_JSON_AS = {
    **SHOWN_AS,
    "languages": '"cy"',
    "contact_modes": '"video"',
    "availability": '"tue_evening"',
}


def shown_by_api(viewer, owner) -> set[str]:
    response = logged_in(viewer).get(f"/api/v1/members/{owner.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == owner.profile.display_name
    # A hidden field is left out altogether, and none of its value is anywhere in the body.
    included = set(body) & set(PRIVATE_FIELDS)
    raw = response.content.decode()
    assert {field for field, text in IN_JSON_AS.items() if text in raw} == included
    return included


EVERY_FIELD = set(PRIVATE_FIELDS)
NO_FIELD = set()


@pytest.mark.parametrize(
    ("level", "viewer", "sees"),
    [
        ("only_me", "other_member", NO_FIELD),
        ("only_me", "peer_supporter", NO_FIELD),
        ("only_me", "moderator", NO_FIELD),
        ("only_me", "coordinator", NO_FIELD),
        ("staff", "other_member", NO_FIELD),
        ("staff", "peer_supporter", NO_FIELD),
        ("staff", "moderator", EVERY_FIELD),
        ("staff", "coordinator", EVERY_FIELD),
        # A staff role without two-factor set up gives no more than membership does.
        ("staff", "coordinator_without_2fa", NO_FIELD),
        ("connections", "coordinator_without_2fa", NO_FIELD),
        ("members", "coordinator_without_2fa", EVERY_FIELD),
        ("connections", "other_member", NO_FIELD),
        ("connections", "peer_supporter", NO_FIELD),
        ("connections", "moderator", EVERY_FIELD),
        ("connections", "coordinator", EVERY_FIELD),
        ("members", "other_member", EVERY_FIELD),
        ("members", "peer_supporter", EVERY_FIELD),
        ("members", "moderator", EVERY_FIELD),
        ("members", "coordinator", EVERY_FIELD),
    ],
)
def test_who_sees_a_field_depends_on_its_visibility(request, member, level, viewer, sees):
    fill_in_profile(member, level=level)
    viewer = request.getfixturevalue(viewer)

    assert shown_on_page(viewer, member) == sees
    assert shown_by_api(viewer, member) == sees


def test_each_field_has_its_own_visibility(member, other_member):
    fill_in_profile(member, level="members")
    Profile.objects.filter(pk=member.profile.pk).update(
        visibility={**member.profile.visibility, "place": "only_me", "access_needs": "staff"}
    )

    expected = EVERY_FIELD - {"place", "access_needs"}
    assert shown_on_page(other_member, member) == expected
    assert shown_by_api(other_member, member) == expected


def test_a_profile_with_nothing_to_show_says_it_is_private(member, other_member):
    fill_in_profile(member, level="only_me")

    page = logged_in(other_member).get(f"/members/{member.pk}/").content.decode()

    assert "Robin keeps their profile private." in page


@pytest.mark.parametrize("level", ["only_me", "staff", "connections", "members"])
def test_the_owner_sees_everything(member, level):
    fill_in_profile(member, level=level)
    client = logged_in(member)

    own_page = client.get("/profile/").content.decode()
    assert all(text in own_page for text in SHOWN_AS.values())
    own_api = client.get("/api/v1/me/profile").json()
    assert set(PRIVATE_FIELDS) <= set(own_api)
    assert own_api["visibility"] == dict.fromkeys(PRIVATE_FIELDS, level)
    assert shown_on_page(member, member) == EVERY_FIELD


def test_the_owner_is_told_who_can_see_each_field(member):
    fill_in_profile(member, level="only_me")

    page = logged_in(member).get("/profile/").content.decode()

    assert page.count("Visible to: Only me") == len(PRIVATE_FIELDS)


def test_anonymous_visitors_see_no_profile(member, client):
    fill_in_profile(member, level="members")

    page = client.get(f"/members/{member.pk}/")
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")

    for path in (f"/api/v1/members/{member.pk}", "/api/v1/me/profile"):
        response = client.get(path)
        assert response.status_code == 401
        assert "detail" in response.json()
        assert "Cardiff" not in response.content.decode()


def test_an_unknown_member_is_not_found(member, other_member):
    client = logged_in(other_member)

    assert client.get("/members/999999/").status_code == 404
    response = client.get("/api/v1/members/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


def test_a_shown_field_left_empty_is_null_and_a_hidden_one_is_absent(member, other_member):
    profile = member.profile
    profile.visibility = {**profile.visibility, "place": "members", "pronouns": "only_me"}
    profile.save()

    body = logged_in(other_member).get(f"/api/v1/members/{member.pk}").json()

    assert body["place"] is None
    assert "pronouns" not in body
