import pytest


def test_missing_page_is_calm_and_offers_help(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We can't find that page" in body
    assert "I need help now" in body


def test_forbidden_page_explains_and_offers_help(client_for, member):
    response = client_for(member).get("/staff/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You can't open this page" in body
    assert "I need help now" in body


@pytest.mark.parametrize("path", ["/", "/help-now/"])
def test_every_page_footer_gives_samaritans_number(client, db, path):
    assert "116 123" in client.get(path).content.decode()
