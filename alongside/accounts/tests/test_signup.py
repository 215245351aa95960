"""Signing up through allauth: an account, a profile and an audit entry, or nothing at all."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from alongside.accounts.models import Profile, User
from alongside.accounts.tests.helpers import error_shown_for
from alongside.common.models import AuditLogEntry

PASSWORD = "a calm harbour at dusk"


def signup_data(**overrides):
    return {
        "display_name": "River",
        "email": "river@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def confirmation_path(message) -> str:
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    return urlsplit(link).path


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form, running the emails queued for after the commit."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/signup/", signup_data(**overrides))

    return post


def test_sign_up_creates_the_account_profile_and_audit_entry(db, sign_up):
    response = sign_up()

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="river@example.org")
    assert user.profile.display_name == "River"
    entry = AuditLogEntry.objects.get(verb="account.signed_up")
    assert entry.actor == user
    assert entry.target_id == str(user.pk)
    assert entry.ip_address == "127.0.0.1"


def test_sign_up_sends_an_email_whose_link_confirms_the_address(db, client, sign_up):
    sign_up()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["river@example.org"]
    # The email names the organisation and the site it came from, and where to get help.
    assert "Hello from Alongside Peer Support" in message.body
    assert "register an account on testserver" in message.body
    assert "116 123" in message.body
    address = EmailAddress.objects.get(email="river@example.org")
    assert not address.verified

    path = confirmation_path(message)
    assert client.get(path).status_code == 200
    response = client.post(path)

    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: confirming logs the new member in.
    assert client.get("/profile/").status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": "robin"}, "display_name", "That display name is already taken"),
        ({"display_name": "ROBIN"}, "display_name", "That display name is already taken"),
        ({"email": "river@example"}, "email", "Enter a valid email address."),
        ({"display_name": "R" * 41}, "display_name", "Use 40 characters or fewer"),
        ({"display_name": "river@example.org"}, "display_name", "can't contain @"),
        ({"display_name": "  robin "}, "display_name", "That display name is already taken"),
        ({"display_name": "Moderator"}, "display_name", "That name is reserved"),
        (
            {"display_name": "\N{FULLWIDTH LATIN CAPITAL LETTER M}oderator"},
            "display_name",
            "That name is reserved",
        ),
        ({"display_name": "x"}, "display_name", "Use at least 2 characters"),
        ({"password2": "a different password"}, "password2", "You must type the same password"),
        ({"password1": "Tr0ub4dor", "password2": "Tr0ub4dor"}, "password1", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
    ],
    ids=[
        "duplicate-name-lower",
        "duplicate-name-upper",
        "malformed-email",
        "name-too-long",
        "name-with-at",
        "duplicate-name-padded",
        "reserved-name",
        "reserved-name-look-alike",
        "name-too-short",
        "passwords-differ",
        "password-too-short",
        "password-too-common",
    ],
)
def test_bad_sign_up_shows_a_message_by_the_field_and_creates_nothing(
    member, sign_up, overrides, field, message
):
    response = sign_up(**overrides)

    assert response.status_code == 200
    assert message in error_shown_for(response.content.decode(), field)
    assert list(User.objects.exclude(pk=member.pk)) == []
    assert Profile.objects.count() == 1
    assert not AuditLogEntry.objects.filter(verb="account.signed_up").exists()
    assert mail.outbox == []


def test_an_email_address_already_registered_creates_nothing_and_tells_its_owner(member, sign_up):
    # allauth's ACCOUNT_PREVENT_ENUMERATION: the page doesn't reveal that the address has an
    # account (that alone could tell someone a person uses a peer-support service). The
    # owner of the address is told by email instead.
    response = sign_up(email=member.email.upper())

    assert response.status_code == 302
    assert User.objects.count() == 1
    assert Profile.objects.count() == 1
    assert not AuditLogEntry.objects.filter(verb="account.signed_up").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "/accounts/password/reset/" in mail.outbox[0].body
