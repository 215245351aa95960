"""Editing your own profile at /profile/edit/: what is saved, and what is refused."""

import pytest

from alongside.accounts.models import Profile
from alongside.accounts.privacy import DEFAULT_VISIBILITY
from alongside.accounts.tests.helpers import (
    error_shown_for,
    profile_form_data,
    stored_profile,
)
from alongside.common.models import AuditLogEntry


@pytest.fixture
def robin(client_for, member):
    return client_for(member)


def test_the_edit_page_shows_the_current_profile(robin, member):
    response = robin.get("/profile/edit/")

    assert response.status_code == 200
    assert 'value="Robin"' in response.content.decode()


def test_saving_stores_every_field(robin, member):
    response = robin.post(
        "/profile/edit/",
        profile_form_data(
            display_name="Robin Hart",
            pronouns="they/them",
            languages=["en", "cy"],
            place="Cardiff",
            contact_modes=["video", "text_chat"],
            availability=["tue_evening", "sat_morning"],
            access_needs=["quiet_space", "other"],
            access_needs_other="Breaks every half hour",
            topics=["bereavement", "anxiety"],
            would_like_to_receive="Someone to walk with",
            could_offer="Listening",
            visibility_place="only_me",
            visibility_pronouns="staff",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Robin Hart"
    assert profile.pronouns == "they/them"
    assert profile.languages == ["en", "cy"]
    assert profile.place_name == "Cardiff, Wales, United Kingdom"
    assert profile.place_geonameid == 2653822
    assert round(profile.place_latitude, 1) == 51.5
    assert profile.contact_modes == ["video", "text_chat"]
    assert profile.availability == ["tue_evening", "sat_morning"]
    assert profile.access_needs == ["quiet_space", "other"]
    assert profile.access_needs_other == "Breaks every half hour"
    assert sorted(profile.topics.values_list("slug", flat=True)) == ["anxiety", "bereavement"]
    assert profile.would_like_to_receive == "Someone to walk with"
    assert profile.could_offer == "Listening"
    assert profile.visibility_of("place") == "only_me"
    assert profile.visibility_of("pronouns") == "staff"
    assert profile.visibility_of("could_offer") == DEFAULT_VISIBILITY["could_offer"]


def test_the_saved_profile_is_shown_with_a_confirmation(robin):
    robin.post("/profile/edit/", profile_form_data(place="cardiff", pronouns="she/her"))

    page = robin.get("/profile/").content.decode()

    assert "Your profile has been saved." in page
    assert "Cardiff, Wales, United Kingdom" in page
    assert "she/her" in page


def test_clearing_the_place_removes_it(robin, member):
    robin.post("/profile/edit/", profile_form_data(place="Cardiff"))

    robin.post("/profile/edit/", profile_form_data(place=""))

    profile = Profile.objects.get(user=member)
    assert (profile.place_name, profile.place_geonameid, profile.place_latitude) == ("", None, None)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"place": "Xyzzyville"}, "place", "couldn't find a town or city called"),
        ({"place": "Newport"}, "place", "More than one place is called"),
        ({"display_name": "Sam"}, "display_name", "That display name is already taken"),
        ({"display_name": "Moderator"}, "display_name", "That name is reserved"),
        ({"display_name": "R" * 41}, "display_name", "Use 40 characters or fewer"),
        ({"pronouns": "x" * 41}, "pronouns", "at most 40 characters"),
        ({"place": "x" * 201}, "place", "at most 200 characters"),
        ({"access_needs_other": "x" * 501}, "access_needs_other", "at most 500 characters"),
        ({"could_offer": "x" * 2001}, "could_offer", "at most 2000 characters"),
        ({"would_like_to_receive": "x" * 2001}, "would_like_to_receive", "at most 2000"),
        ({"access_needs": ["other"]}, "access_needs_other", "untick"),
        ({"languages": ["xx"]}, "languages", "Select a valid choice"),
        ({"topics": ["no-such-topic"]}, "topics", "Select a valid choice"),
        ({"visibility_place": "everyone"}, "visibility_place", "Select a valid choice"),
    ],
    ids=[
        "unknown-place",
        "ambiguous-place",
        "taken-name",
        "reserved-name",
        "long-name",
        "long-pronouns",
        "long-place",
        "long-access-needs-other",
        "long-could-offer",
        "long-would-like-to-receive",
        "something-else-without-text",
        "unknown-language",
        "unknown-topic",
        "unknown-visibility",
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    robin, member, other_member, overrides, field, message
):
    before = stored_profile(member)

    response = robin.post(
        "/profile/edit/", profile_form_data(**{"pronouns": "changed", **overrides})
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert message in error_shown_for(page, field)
    assert "There is a problem" in page
    assert stored_profile(member) == before
    assert not AuditLogEntry.objects.filter(verb="profile.updated").exists()


def test_the_ambiguous_place_message_says_what_to_type(robin):
    response = robin.post("/profile/edit/", profile_form_data(place="Newport"))

    message = " ".join(response.context["form"].errors["place"])
    assert "Newport, Wales, United Kingdom" in message
    assert "Newport, England, United Kingdom" in message


def test_a_qualified_place_resolves(robin, member):
    robin.post("/profile/edit/", profile_form_data(place="Newport, Wales"))

    assert Profile.objects.get(user=member).place_name == "Newport, Wales, United Kingdom"


def test_other_access_need_text_ticks_something_else(robin, member):
    robin.post("/profile/edit/", profile_form_data(access_needs_other="A ramp at the back door"))

    assert Profile.objects.get(user=member).access_needs == ["other"]


def test_the_audit_entry_names_changed_fields_but_never_their_values(robin, member):
    robin.post(
        "/profile/edit/",
        profile_form_data(
            pronouns="they/them",
            place="Cardiff",
            access_needs=["other"],
            access_needs_other="Panic attacks in crowds",
            topics=["self-harm"],
            visibility_topics="only_me",
        ),
    )

    entry = AuditLogEntry.objects.get(verb="profile.updated")
    assert entry.actor == member
    assert entry.data == {
        "fields": [
            "access_needs",
            "access_needs_other",
            "place",
            "pronouns",
            "topics",
            "visibility",
        ]
    }
    recorded = str(entry.data) + entry.target_label
    for value in ("they/them", "Cardiff", "Panic", "self-harm", "Self-harm", "only_me"):
        assert value not in recorded


def test_saving_without_changes_records_no_changed_fields(robin):
    robin.post("/profile/edit/", profile_form_data())

    assert AuditLogEntry.objects.get(verb="profile.updated").data == {"fields": []}


def test_profile_pages_need_a_login(db, client):
    for path in ("/profile/", "/profile/edit/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.post("/profile/edit/", profile_form_data()).status_code == 302
