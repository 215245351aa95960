"""Personal API tokens authenticate as their owner; anything else gets 401 JSON."""

import pytest
from django.utils import timezone

from alongside.accounts import actions
from alongside.accounts.models import ApiToken


@pytest.fixture
def token_and_key(member):
    return actions.create_api_token(user=member, name="script")


def get_me(client, authorization):
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=authorization)


def assert_unauthorised(response):
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_valid_token_authenticates_and_is_marked_used(client, token_and_key):
    token, key = token_and_key

    response = get_me(client, f"Bearer {key}")

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer als_not-a-real-token",
        "Bearer ",
        "Bearer " + "a" * 500,
        "Basic dXNlcjpwYXNz",
        "als_missing-the-scheme",
    ],
    ids=["unknown", "empty", "over-long", "other-scheme", "no-scheme"],
)
def test_a_wrong_token_gets_401(client, token_and_key, authorization):
    assert_unauthorised(get_me(client, authorization))


def test_a_revoked_token_gets_401(client, token_and_key):
    token, key = token_and_key
    actions.revoke_api_token(token=token, actor=token.user)

    assert_unauthorised(get_me(client, f"Bearer {key}"))


def test_a_deactivated_members_token_gets_401(client, member, token_and_key):
    _token, key = token_and_key
    member.is_active = False
    member.save()

    assert_unauthorised(get_me(client, f"Bearer {key}"))


def test_a_token_is_not_a_session(client, token_and_key):
    _token, key = token_and_key

    get_me(client, f"Bearer {key}")

    assert get_me(client, "").status_code == 401
    assert client.get("/profile/").status_code == 302


def test_revoking_one_token_leaves_the_others_working(client, member, token_and_key):
    token, key = token_and_key
    _phone, phone_key = actions.create_api_token(user=member, name="phone")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())

    assert get_me(client, f"Bearer {phone_key}").status_code == 200
    assert_unauthorised(get_me(client, f"Bearer {key}"))
