"""The safety net on profiles: changed free text is risk-checked, urgent text is held
(shown to nobody but the member and moderators), and the member is shown the right support,
on the page and in the API."""

import pytest
from django.urls import reverse

from alongside.accounts.actions import update_profile
from alongside.accounts.models import Profile
from alongside.accounts.tests.helpers import profile_form_data
from alongside.safety.models import SafetyAlert
from alongside.safety.support import CONCERN_MESSAGE

pytestmark = pytest.mark.django_db
API = "/api/v1"
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
SUPPORT_URL = reverse("safety:writer_support")


def save(client, **fields):
    return client.post(reverse("accounts:profile_edit"), profile_form_data(**fields))


def test_urgent_profile_text_is_held_and_its_writer_sees_support(client_for, member):
    client = client_for(member)
    response = save(client, could_offer=URGENT)

    assert response.url == SUPPORT_URL
    profile = Profile.objects.get(user=member)
    assert profile.text_held and profile.risk_level == "urgent" and profile.risk_signals
    assert profile.could_offer == URGENT  # kept safe, not lost
    alert = SafetyAlert.objects.get()
    assert (alert.level, alert.member, alert.profile) == ("urgent", member, profile)
    page = client.get(response.url).content.decode()
    page = page[page.index("<main") : page.index("</main>")]  # the footer names a helpline
    assert "Samaritans" in page and "A moderator will check in with you soon." in page
    assert f'href="{reverse("accounts:profile")}"' in page


def test_held_profile_text_is_hidden_from_other_members(client_for, member, other_member):
    save(client_for(member), could_offer=URGENT, access_needs=["other"], access_needs_other=URGENT)

    page = client_for(other_member).get(reverse("accounts:member", args=[member.pk]))
    assert b"pills" not in page.content
    api = client_for(other_member).get(f"{API}/members/{member.pk}").json()
    assert "could_offer" not in api and "pills" not in str(api)


def test_held_profile_text_is_shown_to_the_member_and_to_moderators(client_for, member, moderator):
    save(client_for(member), could_offer=URGENT)

    own = client_for(member).get(reverse("accounts:profile")).content.decode()
    assert "pills ready" in own and "Waiting for a moderator: only you can see this." in own
    own_api = client_for(member).get(f"{API}/me/profile").json()
    assert own_api["could_offer"] == URGENT and own_api["text_held"] is True
    seen = client_for(moderator).get(reverse("accounts:member", args=[member.pk])).content
    assert b"pills ready" in seen and b"held for a moderator to review" in seen


def test_concern_profile_text_is_saved_with_a_gentle_panel(client_for, member, other_member):
    client = client_for(member)
    response = save(client, would_like_to_receive=CONCERN)

    assert response.url == reverse("accounts:profile")
    profile = Profile.objects.get(user=member)
    assert not profile.text_held and profile.risk_level == "concern"
    assert SafetyAlert.objects.get().level == "concern"
    page = client.get(response.url).content.decode()
    assert CONCERN_MESSAGE in page and "Your profile has been saved." in page


def test_unchanged_text_is_not_checked_again(client_for, member):
    client = client_for(member)
    client.get(save(client, would_like_to_receive=CONCERN).url)  # the panel, seen
    SafetyAlert.objects.all().delete()

    response = save(client, would_like_to_receive=CONCERN, pronouns="they/them")

    assert not SafetyAlert.objects.exists()
    assert b"writer-support" not in client.get(response.url).content


def test_ordinary_text_raises_nothing(client_for, member):
    client = client_for(member)
    response = save(client, could_offer="Company on a walk, and a listening ear.")
    assert Profile.objects.get(user=member).risk_level == "none"
    assert not SafetyAlert.objects.exists()
    assert b"writer-support" not in client.get(response.url).content


def test_the_action_tidies_the_text_it_checks(member):
    profile = update_profile(
        profile=member.profile, actor=member, changes={"could_offer": "  Tea\x07 and talk  "}
    )
    assert profile.could_offer == "Tea and talk"


def test_the_api_answers_with_support(client_for, member):
    client = client_for(member)
    url = f"{API}/me/profile"
    urgent = client.patch(url, {"could_offer": URGENT}, content_type="application/json")
    assert urgent.status_code == 200
    data = urgent.json()
    assert data["text_held"] is True and data["safety"]["level"] == "urgent"
    assert data["safety"]["held"] is True
    again = client.patch(url, {"pronouns": "she/her"}, content_type="application/json")
    assert again.json()["safety"] is None  # the text didn't change
    assert client.get(url).json()["text_held"] is True
