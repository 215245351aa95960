"""Changing the email address: the new one takes over only once it is confirmed."""

import re
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.core import mail

NEW_EMAIL = "robin.new@example.org"


def test_a_new_address_replaces_the_old_one_once_confirmed(
    client_for, member, django_capture_on_commit_callbacks
):
    client = client_for(member)
    old_email = member.email
    assert client.get("/accounts/email/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/email/", {"action_add": "", "email": NEW_EMAIL})

    assert response.status_code == 302
    # Until it is confirmed the old address still logs in and receives email.
    member.refresh_from_db()
    assert member.email == old_email
    assert not EmailAddress.objects.get(email=NEW_EMAIL).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [NEW_EMAIL]

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    client.post(urlsplit(link).path)

    member.refresh_from_db()
    assert member.email == NEW_EMAIL
    assert list(EmailAddress.objects.filter(user=member).values_list("email", "verified")) == [
        (NEW_EMAIL, True)
    ]


def test_a_malformed_address_is_refused_with_a_message(client_for, member):
    client = client_for(member)

    response = client.post("/accounts/email/", {"action_add": "", "email": "robin@example"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert EmailAddress.objects.filter(user=member).count() == 1


def test_the_email_page_needs_a_login(db, client):
    response = client.get("/accounts/email/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
