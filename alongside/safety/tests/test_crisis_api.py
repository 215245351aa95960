"""GET /api/v1/safety/crisis-resources: public, emergency first, first options flagged."""

import pytest

from alongside.safety.models import CrisisResource

URL = "/api/v1/safety/crisis-resources"

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_uk_resources_without_signing_in(client):
    response = client.get(URL, {"country": "GB"})

    body = response.json()
    assert response.status_code == 200
    assert body["country"] == "GB"
    assert [item["name"] for item in body["items"]] == [
        "Emergency services",
        "Samaritans",
        "Shout",
        "NHS 111, option 2",
        "Childline",
    ]
    assert [item["first_option"] for item in body["items"]] == [True, True, True, False, False]
    samaritans = body["items"][1]
    assert samaritans["phone"] == "116 123"
    assert samaritans["opening_hours"] == "24 hours, every day"


def test_the_us_resources(client):
    body = client.get(URL, {"country": "us"}).json()

    assert body["country"] == "US"
    assert body["items"][0]["phone"] == "911" and body["items"][0]["is_emergency"]
    assert {item["text_keyword"] for item in body["items"]} >= {"HOME"}


@pytest.mark.parametrize("country", ["", "FR", "x" * 5000, "'; drop table"])
def test_an_unknown_country_gives_the_organisations_own(client, settings, country):
    settings.ALONGSIDE_COUNTRY = "GB"

    response = client.get(URL, {"country": country})

    assert response.status_code == 200
    assert response.json()["country"] == "GB"


def test_inactive_resources_are_left_out(client):
    CrisisResource.objects.filter(name="Shout").update(is_active=False)

    body = client.get(URL, {"country": "GB"}).json()

    assert "Shout" not in [item["name"] for item in body["items"]]


def test_the_endpoint_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"][URL]["get"]
    assert operation["summary"] == "Crisis resources for a country"
    assert not operation.get("security")


def test_a_bad_token_does_not_block_the_public_endpoint(client):
    response = client.get(URL, headers={"Authorization": "Bearer nonsense"})

    assert response.status_code == 200
