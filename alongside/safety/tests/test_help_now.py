"""Crisis contacts are one link away on every page, for everyone, logged in or not."""

import re

import pytest
from django.core import mail

HELP_LINK = re.compile(r'<a class="help-now" href="/help-now/">I need help now</a>')


@pytest.mark.parametrize("path", ["/", "/help-now/", "/accounts/login/", "/accounts/signup/"])
def test_the_help_link_is_on_every_page_for_visitors(db, client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert HELP_LINK.search(response.content.decode())


@pytest.mark.parametrize("path", ["/", "/profile/", "/profile/edit/", "/staff/"])
def test_the_help_link_is_on_every_page_for_logged_in_people(client_for, coordinator, path):
    response = client_for(coordinator).get(path)

    assert response.status_code == 200
    assert HELP_LINK.search(response.content.decode())


def test_the_home_page_points_to_help(db, client):
    page = client.get("/").content.decode()

    assert "Peer support is not an emergency service." in page
    assert page.count('href="/help-now/"') >= 2  # the header link and the one in the text


def test_the_help_page_lists_crisis_contacts_without_logging_in(db, client):
    response = client.get("/help-now/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>I need help now</h1>" in page
    assert "Samaritans: call 116 123" in page
    assert "Call 999" in page
    assert "text SHOUT to 85258" in page
    assert "NHS 111, option 2" in page


def test_the_help_page_is_open_to_staff_without_two_factor(client_for, coordinator_without_2fa):
    response = client_for(coordinator_without_2fa).get("/help-now/")

    assert response.status_code == 200
    assert "116 123" in response.content.decode()


def test_account_emails_carry_the_samaritans_number(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": member.email})

    assert "call Samaritans free on 116 123" in mail.outbox[0].body
