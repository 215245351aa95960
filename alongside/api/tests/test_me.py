"""GET /api/v1/me: who the caller is, by session or by personal API token."""

from alongside.accounts import actions


def test_a_member_sees_their_own_account(client_for, member):
    response = client_for(member).get("/api/v1/me")

    assert response.status_code == 200
    assert response.json() == {
        "id": member.pk,
        "email": member.email,
        "display_name": "Robin",
        "roles": ["member"],
        "two_factor_enabled": False,
    }


def test_roles_and_two_factor_are_reported(client_for, coordinator):
    body = client_for(coordinator).get("/api/v1/me").json()

    assert body["roles"] == ["member", "coordinator"]
    assert body["two_factor_enabled"] is True


def test_a_token_identifies_its_owner(client, member):
    _token, key = actions.create_api_token(user=member, name="script")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response.json()["id"] == member.pk


def test_an_anonymous_caller_gets_401_json(db, client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Authorization: Bearer" in response.json()["detail"]
