"""Passwords are hashed with Argon2, and every response carries the security headers."""

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings

# conftest swaps the hasher for speed, in django.conf.settings; the module itself still
# holds what the project configures.
import config.settings as project_settings
from alongside.accounts.tests.factories import DEFAULT_PASSWORD


def test_argon2_is_the_password_hasher():
    assert (
        project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_argon2_hashes_and_checks_passwords():
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        encoded = make_password("a calm harbour at dusk")

        assert encoded.startswith("argon2$argon2id$")
        assert check_password("a calm harbour at dusk", encoded)
        assert not check_password("a calm harbour at dawn", encoded)


@pytest.mark.parametrize(
    "path", ["/", "/help-now/", "/accounts/login/", "/api/v1/me", "/no-such-page/"]
)
def test_every_response_carries_the_security_headers(db, client, settings, path):
    response = client.get(path)

    csp = response["Content-Security-Policy"]
    assert csp == settings.CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_logged_in_pages_carry_the_headers_too(client_for, member):
    response = client_for(member).get("/profile/")

    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_and_csrf_cookies_are_not_readable_cross_site(client, member):
    client.get("/accounts/login/")
    client.post("/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD})

    session = client.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["samesite"] == "Lax"
