"""A topic staff turn off stays on the profiles that have it until each member removes it."""

import json
import re

import pytest

from alongside.accounts.models import Profile, Topic
from alongside.accounts.tests.helpers import error_shown_for, profile_form_data


@pytest.fixture
def anxiety_turned_off(member):
    member.profile.topics.set(Topic.objects.filter(slug__in=["anxiety", "bereavement"]))
    Topic.objects.filter(slug="anxiety").update(is_active=False)


def topics_of(user) -> list[str]:
    return sorted(Profile.objects.get(user=user).topics.values_list("slug", flat=True))


def test_the_edit_page_still_shows_it_ticked(client_for, member, anxiety_turned_off):
    page = client_for(member).get("/profile/edit/").content.decode()

    assert re.search(r'<input type="checkbox" name="topics" value="anxiety"[^>]*\bchecked\b', page)


def test_saving_the_page_keeps_it(client_for, member, anxiety_turned_off):
    response = client_for(member).post(
        "/profile/edit/", profile_form_data(topics=["anxiety", "bereavement"], pronouns="they")
    )

    assert response.status_code == 302
    assert topics_of(member) == ["anxiety", "bereavement"]


def test_the_member_can_remove_it(client_for, member, anxiety_turned_off):
    client_for(member).post("/profile/edit/", profile_form_data(topics=["bereavement"]))

    assert topics_of(member) == ["bereavement"]


def test_nobody_else_can_add_it(client_for, other_member, anxiety_turned_off):
    response = client_for(other_member).post(
        "/profile/edit/", profile_form_data(display_name="Sam", topics=["anxiety"])
    )

    assert response.status_code == 400
    assert "Select a valid choice" in error_shown_for(response.content.decode(), "topics")
    assert topics_of(other_member) == []


def test_an_api_patch_of_another_field_still_works(client_for, member, anxiety_turned_off):
    response = client_for(member).patch(
        "/api/v1/me/profile", json.dumps({"pronouns": "they/them"}), content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["topics"] == ["Anxiety", "Bereavement"]
    assert topics_of(member) == ["anxiety", "bereavement"]
