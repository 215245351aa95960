"""Community settings: direct messages, muted words, the digest, and taking a break."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.community.models import CommunitySettings
from alongside.community.selectors.protections import protections_for, settings_for
from alongside.community.tests.factories_members import page_text

URL = "/community/settings/"


def _post(client, **fields):
    data = {"email_digest": "never", "muted_words": "", **fields}
    return client.post(URL, data)


def test_defaults_are_no_direct_messages_no_digest(member):
    row = settings_for(member)
    assert row.allow_direct_messages is False
    assert row.email_digest == "never"
    assert not CommunitySettings.objects.filter(user=member).exists()


def test_the_page_shows_the_choices(client_for, member):
    response = client_for(member).get(URL)
    assert response.status_code == 200
    page = page_text(response)
    assert "Let other members send me direct messages" in page
    assert "Muted words" in page
    assert "Take a break" in page
    assert "You haven't blocked anyone." in page


def test_saving_settings_stores_them_and_audits_without_the_words(client_for, member):
    response = _post(
        client_for(member),
        allow_direct_messages="on",
        muted_words="  Diet \nexam results\n\ndiet\n",
        email_digest="weekly",
    )
    assert response.status_code == 302
    row = CommunitySettings.objects.get(user=member)
    assert row.allow_direct_messages is True
    assert row.muted_words == ["Diet", "exam results"]
    assert row.email_digest == "weekly"
    entry = AuditLogEntry.objects.get(verb="community.settings_changed")
    assert entry.data["muted_word_count"] == 2
    assert "Diet" not in str(entry.data)
    assert protections_for(member).mentions_muted_word("no more diet talk")


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("\n".join(f"word{n}" for n in range(51)), "You can mute up to 50 words"),
        ("x" * 41, "up to 40 characters"),
    ],
)
def test_bad_muted_words_get_a_clear_message_and_nothing_changes(
    client_for, member, words, message
):
    response = _post(client_for(member), muted_words=words)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not CommunitySettings.objects.filter(user=member).exists()


def test_an_unknown_digest_choice_is_refused(client_for, member):
    response = _post(client_for(member), email_digest="hourly")
    assert response.status_code == 400
    assert "Choose never, once a day or once a week." in page_text(response)


def test_taking_and_ending_a_break(client_for, member):
    client = client_for(member)
    response = client.post("/community/settings/break/", {"length": "3d"})
    assert response.status_code == 302
    until = CommunitySettings.objects.get(user=member).break_until
    assert timedelta(days=2, hours=23) < until - timezone.now() <= timedelta(days=3)
    page = page_text(client.get("/community/notifications/"))
    assert "You're taking a break from the community until" in page
    assert "End my break" in page

    response = client.post("/community/settings/break/end/", {"next": "/community/messages/"})
    assert response["Location"] == "/community/messages/"
    assert CommunitySettings.objects.get(user=member).break_until is None
    assert "taking a break" not in page_text(client.get("/community/messages/"))


def test_a_break_needs_a_length_from_the_list(client_for, member):
    response = client_for(member).post("/community/settings/break/", {"length": "1y"})
    assert response.status_code == 400
    assert "Choose one of the lengths in the list." in page_text(response)
    assert settings_for(member).break_until is None


def test_ending_a_break_never_redirects_off_site(client_for, member):
    response = client_for(member).post(
        "/community/settings/break/end/", {"next": "//evil.example/"}
    )
    assert response["Location"] == "/community/settings/"


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
