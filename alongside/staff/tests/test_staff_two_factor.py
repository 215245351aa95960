"""Staff pages need a staff role, and staff roles need two-factor authentication first."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import totp_code

TOTP_ACTIVATION = "/accounts/2fa/totp/activate/"
STAFF_PAGES = ["/staff/", "/staff/members/", "/staff/topics/", "/staff/audit/"]


@pytest.fixture
def moderator_without_2fa(db):
    return UserFactory(profile__display_name="Quinn", roles=[Role.MODERATOR])


@pytest.mark.parametrize("path", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["coordinator_without_2fa", "moderator_without_2fa"])
def test_staff_without_two_factor_are_sent_to_set_it_up(request, client_for, persona, path):
    response = client_for(request.getfixturevalue(persona)).get(path)

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATION


def test_setting_up_two_factor_from_the_redirect_opens_the_staff_area(
    client, coordinator_without_2fa
):
    user = coordinator_without_2fa
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    # allauth asks for the password again before an authenticator can be added.
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[0] == (TOTP_ACTIVATION, 302)
    assert response.request["PATH_INFO"] == "/accounts/reauthenticate/"
    assert "Your role needs two-factor authentication." in response.content.decode()
    client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})

    assert client.get(TOTP_ACTIVATION).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    client.post(TOTP_ACTIVATION, {"code": totp_code(secret)})

    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get("/staff/").status_code == 200


def test_the_admin_site_is_gated_too(client_for, coordinator_without_2fa):
    response = client_for(coordinator_without_2fa).get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATION


@pytest.mark.parametrize("persona", ["coordinator", "moderator"])
def test_staff_with_two_factor_reach_the_staff_area(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/staff/")

    assert response.status_code == 200
    assert "<h1>Staff</h1>" in response.content.decode()


def test_an_authenticator_added_elsewhere_opens_the_staff_area(client_for, coordinator_without_2fa):
    client = client_for(coordinator_without_2fa)
    assert client.get("/staff/").status_code == 302

    activate_totp(coordinator_without_2fa)

    assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize("persona", ["member", "peer_supporter"])
def test_members_without_a_staff_role_are_refused(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))

    for path in STAFF_PAGES:
        assert client.get(path).status_code == 403, path


def test_a_plain_member_is_not_asked_for_two_factor(client_for, member):
    response = client_for(member).get("/profile/")

    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get("/staff/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_staff_link_shows_only_for_staff(client_for, member, coordinator):
    assert 'href="/staff/"' not in client_for(member).get("/").content.decode()
    assert 'href="/staff/"' in client_for(coordinator).get("/").content.decode()
