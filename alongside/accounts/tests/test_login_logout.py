"""Logging in needs a verified email address; logging out is a POST."""

from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY

from alongside.accounts.tests.factories import DEFAULT_PASSWORD


def log_in(client, email, password=DEFAULT_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_a_verified_member_logs_in_and_lands_on_their_profile(client, member):
    response = log_in(client, member.email)

    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    assert client.session[SESSION_KEY] == str(member.pk)
    assert "Your profile (Robin)" in client.get("/profile/").content.decode()


def test_the_email_address_is_not_case_sensitive(client, member):
    log_in(client, member.email.upper())

    assert client.session[SESSION_KEY] == str(member.pk)


def test_an_unverified_member_is_sent_to_verify_instead_of_logged_in(client, member):
    EmailAddress.objects.filter(user=member).update(verified=False)

    response = log_in(client, member.email)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert SESSION_KEY not in client.session
    assert client.get("/profile/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, member):
    response = log_in(client, member.email, password="not the password")

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert SESSION_KEY not in client.session


def test_logging_out_takes_a_post(client_for, member):
    client = client_for(member)

    assert client.get("/accounts/logout/").status_code == 200  # a confirmation page
    assert SESSION_KEY in client.session

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get("/profile/").status_code == 302
