"""A signed-in member's profile pre-fills the finder, and they can save their answers to it."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from alongside.accounts import places
from alongside.accounts.models import Profile
from alongside.accounts.tests.factories import TopicFactory
from alongside.common.models import AuditLogEntry
from alongside.finder.answers import SESSION_KEY, FinderAnswers, Step
from alongside.finder.profile import answers_from_profile
from alongside.finder.tests.factories import CARDIFF, in_cardiff
from alongside.safety.models import SafetyAlert

pytestmark = pytest.mark.django_db


def step_url(step):
    return reverse("finder:step", args=[str(step)])


@pytest.fixture
def filled_profile(member):
    grief = TopicFactory(name="Bereavement")
    cardiff = places.get_place(CARDIFF["place_geonameid"])
    Profile.objects.filter(user=member).update(
        languages=["cy"],
        contact_modes=["in_person", "video"],
        availability=["tue_evening"],
        access_needs=["step_free", "other"],
        access_needs_other="A chair with arms",
        travel_distance_km=16,
        place_geonameid=cardiff.geonameid,
        place_name=cardiff.label,
        place_latitude=cardiff.latitude,
        place_longitude=cardiff.longitude,
    )
    member.profile.refresh_from_db()
    member.profile.topics.add(grief)
    return member.profile


def test_answers_from_profile(filled_profile):
    answers = answers_from_profile(filled_profile)
    assert answers.topics == tuple(filled_profile.topics.values_list("pk", flat=True))
    assert answers.languages == ("cy",)
    assert answers.modes == ("in_person", "video")
    assert answers.availability == ("tue_evening",)
    assert answers.access_needs == ("step_free", "other")
    assert answers.access_needs_other == "A chair with arms"
    assert answers.place_name == "Cardiff, Wales, United Kingdom"
    assert answers.has_place
    assert answers.distance_unit == "mi"
    assert answers.travel_distance == pytest.approx(9.9, abs=0.1)
    assert answers.formats == () and answers.about == ""


def test_the_questions_are_pre_filled_from_a_signed_in_members_profile(client, filled_profile):
    client.force_login(filled_profile.user)
    page = client.get(step_url(Step.LANGUAGES)).content.decode()
    assert 'value="cy"' in page and 'value="cy" id="id_languages_1" checked' in page
    where = client.get(step_url(Step.WHERE)).content.decode()
    assert 'value="Cardiff, Wales, United Kingdom"' in where

    # Answering one question keeps the profile's other answers.
    client.post(step_url(Step.CONNECT), {"formats": ["group"]})
    answers = FinderAnswers.from_dict(client.session[SESSION_KEY])
    assert answers.formats == ("group",)
    assert answers.languages == ("cy",)
    assert answers.has_place


def test_session_answers_win_over_the_profile(client, filled_profile):
    client.force_login(filled_profile.user)
    session = client.session
    session[SESSION_KEY] = FinderAnswers(languages=("pl",)).to_dict()
    session.save()
    page = client.get(step_url(Step.LANGUAGES)).content.decode()
    assert 'value="cy" id="id_languages_1" checked' not in page


def test_anonymous_people_start_with_nothing_ticked(client, filled_profile):
    page = client.get(step_url(Step.LANGUAGES)).content.decode()
    assert "checked" not in page


def test_save_to_profile_stores_the_answers(client, member):
    grief = TopicFactory(name="Bereavement")
    client.force_login(member)
    session = client.session
    session[SESSION_KEY] = in_cardiff(
        topics=(grief.pk,),
        formats=("group",),
        modes=("phone",),
        availability=("sat_morning",),
        travel_distance=10.0,
        languages=("pl", "en"),
        access_needs=("hearing_loop",),
        access_needs_other="",
        about="Never stored on the profile",
    ).to_dict()
    session.save()

    response = client.post(reverse("finder:save"))

    assert response.status_code == 302
    assert response.url == reverse("finder:results")
    profile = Profile.objects.get(user=member)
    assert list(profile.topics.all()) == [grief]
    assert profile.contact_modes == ["phone"]
    assert profile.availability == ["sat_morning"]
    assert profile.languages == ["pl", "en"]
    assert profile.access_needs == ["hearing_loop"]
    assert profile.place_name == "Cardiff, Wales, United Kingdom"
    assert profile.travel_distance_km == 16  # 10 miles
    assert "Never stored" not in profile.would_like_to_receive
    assert AuditLogEntry.objects.filter(verb="profile.updated").exists()
    page = client.get(response.url).content.decode()
    assert "Your answers have been saved to your profile." in page


def test_saving_needs_an_account(client):
    session = client.session
    session[SESSION_KEY] = in_cardiff().to_dict()
    session.save()
    response = client.post(reverse("finder:save"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_saving_with_no_answers_changes_nothing(client, filled_profile):
    client.force_login(filled_profile.user)
    response = client.post(reverse("finder:save"))
    assert response.url == reverse("finder:start")
    filled_profile.refresh_from_db()
    assert filled_profile.languages == ["cy"]


def test_saving_after_logging_in_again_leads_back_to_the_answers(client, member):
    # A save button from before the sign-in ended: log in, then back to the results.
    response = client.post(reverse("finder:save"))
    assert response.url == f"{reverse('account_login')}?next={reverse('finder:save')}"
    client.force_login(member)
    response = client.get(reverse("finder:save"))
    assert response.status_code == 302
    assert response.url == reverse("finder:results")
    assert not AuditLogEntry.objects.filter(verb="profile.updated").exists()


def test_in_your_own_words_stays_in_the_session(client, member, caplog):
    """Through the questions, the results, saving to the profile: the words they typed are
    in their session only, never on the profile, in the audit log, an alert or the logs."""
    words = "Since the funeral I can't face anyone, I want to stop living"
    client.force_login(member)
    client.post(step_url(Step.TOPICS), {"about": words})
    client.post(step_url(Step.ACCESS), {"access_needs": ["quiet_space"]})
    page = client.get(reverse("finder:results")).content.decode()
    assert "Support for you now" in page
    assert "What you wrote in your own words is not saved." in page
    client.post(reverse("finder:save"))

    assert FinderAnswers.from_dict(client.session[SESSION_KEY]).about == words
    profile = Profile.objects.get(user=member)
    assert profile.access_needs == ["quiet_space"]
    assert not any(words in str(value) for value in model_to_dict(profile).values())
    assert AuditLogEntry.objects.exists()
    assert not any(words in str(entry.data) for entry in AuditLogEntry.objects.all())
    assert not SafetyAlert.objects.exists()
    assert words not in caplog.text


def test_text_that_grows_when_normalised_is_measured_as_it_will_be_saved(client, member):
    # U+0958 becomes two characters under NFC: 500 of them would be 1,000 on the profile.
    client.force_login(member)
    response = client.post(step_url(Step.ACCESS), {"access_needs_other": "\u0958" * 500})
    assert response.status_code == 400
    assert "Keep this to 500 characters or fewer (it has 1,000)" in response.content.decode()

    client.post(step_url(Step.ACCESS), {"access_needs_other": "\u0958" * 250})
    response = client.post(reverse("finder:save"))
    assert response.status_code == 302
    assert len(Profile.objects.get(user=member).access_needs_other) == 500
