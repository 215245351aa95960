"""A forgotten password is reset through a link sent by email."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import SESSION_KEY
from django.core import mail

NEW_PASSWORD = "lanterns along the canal"


def request_reset(client, email, capture):
    with capture(execute=True):
        return client.post("/accounts/password/reset/", {"email": email})


def test_the_reset_link_sets_a_new_password(client, member, django_capture_on_commit_callbacks):
    response = request_reset(client, member.email, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    # The link carries the key once, then redirects to a page that keeps it in the session.
    form_page = client.get(urlsplit(link.group(0)).path, follow=True)
    assert form_page.status_code == 200
    form_path = form_page.redirect_chain[-1][0]

    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    client.post("/accounts/login/", {"login": member.email, "password": NEW_PASSWORD})
    assert client.session[SESSION_KEY] == str(member.pk)


def test_an_unknown_address_gets_no_reset_link(db, client, django_capture_on_commit_callbacks):
    response = request_reset(client, "nobody@example.org", django_capture_on_commit_callbacks)

    # The page looks the same either way, so it can't be used to find out who has an account.
    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)
