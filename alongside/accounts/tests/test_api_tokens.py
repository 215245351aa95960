"""Personal API tokens at /profile/tokens/: the key is shown once; only its owner can revoke it."""

import re

from alongside.accounts import actions
from alongside.accounts.models import ApiToken
from alongside.common.models import AuditLogEntry


def created_key(response) -> str:
    return re.search(r'id="new-token">(als_[\w-]+)<', response.content.decode()).group(1)


def test_creating_a_token_shows_its_key_once(client_for, member):
    client = client_for(member)

    response = client.post("/profile/tokens/", {"name": "my phone"})

    assert response.status_code == 200
    key = created_key(response)
    token = ApiToken.objects.get(user=member)
    assert token.name == "my phone"
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in str(ApiToken.objects.values().get())  # only a hash is stored
    later = client.get("/profile/tokens/").content.decode()
    assert "my phone" in later
    assert token.hint in later
    assert key not in later


def test_the_new_key_authenticates(client_for, member, client):
    key = created_key(client_for(member).post("/profile/tokens/", {"name": "script"}))
    client.logout()

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response.json()["display_name"] == "Robin"


def test_creating_and_revoking_are_audited(client_for, member):
    client = client_for(member)
    client.post("/profile/tokens/", {"name": "script"})
    token = ApiToken.objects.get()

    client.post(f"/profile/tokens/{token.pk}/revoke/")

    verbs = sorted(AuditLogEntry.objects.values_list("verb", flat=True))
    assert verbs == ["api_token.created", "api_token.revoked"]
    assert all(entry.actor == member for entry in AuditLogEntry.objects.all())


def test_a_token_needs_a_name(client_for, member):
    response = client_for(member).post("/profile/tokens/", {"name": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_working(client_for, member):
    token, key = actions.create_api_token(user=member, name="old laptop")
    client = client_for(member)

    response = client.post(f"/profile/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    assert response["Location"] == "/profile/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = client.get("/profile/tokens/").content.decode()
    assert "The token \u201cold laptop\u201d no longer works." in page
    assert "You have no active tokens." in page
    client.logout()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_another_members_token_is_not_found(client_for, member, other_member):
    token, _key = actions.create_api_token(user=other_member, name="Sam's script")

    response = client_for(member).post(f"/profile/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not AuditLogEntry.objects.filter(verb="api_token.revoked").exists()


def test_a_revoked_token_cannot_be_revoked_again(client_for, member):
    token, _key = actions.create_api_token(user=member, name="script")
    client = client_for(member)
    client.post(f"/profile/tokens/{token.pk}/revoke/")

    assert client.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    assert AuditLogEntry.objects.filter(verb="api_token.revoked").count() == 1


def test_revoking_takes_a_post(client_for, member):
    token, _key = actions.create_api_token(user=member, name="script")

    response = client_for(member).get(f"/profile/tokens/{token.pk}/revoke/")

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_pages_need_a_login(db, client):
    assert client.get("/profile/tokens/").status_code == 302
    assert client.post("/profile/tokens/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()
