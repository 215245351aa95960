"""POST /api/v1/finder: anyone can search; bad input gets plain words; junk never a 500."""

import itertools
import json

import pytest
from django.test import Client

from alongside.accounts.tests.factories import TopicFactory
from alongside.api.api import api
from alongside.common.ratelimit import FINDER
from alongside.finder.tests.factories import (
    fresh_catalogue,  # noqa: F401 (fixture)
    venue_miles_away,
    weekly_group,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_catalogue")]

URL = "/api/v1/finder"


def post(client, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def test_anyone_without_an_account_or_session_can_search():
    grief = TopicFactory(name="Bereavement", slug="bereavement")
    weekly_group(name="After a loss", venue=venue_miles_away(2, features=["step_free"]),
                 topics=[grief])  # fmt: skip

    response = post(
        Client(enforce_csrf_checks=True),
        {"topics": ["bereavement"], "place": "Cardiff", "travel_distance": 5,
         "access_needs": ["step_free"], "formats": ["group"]},
    )  # fmt: skip

    assert response.status_code == 200, response.content
    body = response.json()
    [option] = body["options"]
    assert option["kind"] == "group"
    assert option["title"] == "After a loss"
    assert option["distance_text"] == "2 miles away"
    assert "has step-free access" in option["reasons"]
    assert "focuses on bereavement" in option["reasons"]
    assert option["reason_sentence"].startswith("Meets on Tuesday evenings")
    assert option["next_meetings"][0]["url"].startswith("/meetings/")
    assert body["place_name"] == "Cardiff, Wales, United Kingdom"
    assert body["distance_unit"] == "mi"


def test_a_signed_in_browser_session_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert post(client, {}).status_code == 200


def test_nothing_found_comes_with_a_reason_and_the_nearest():
    weekly_group(name="Far away", venue=venue_miles_away(14))

    body = post(Client(), {"place": "Cardiff", "travel_distance": "5", "formats": ["group"]}).json()

    assert body["options"] == []
    assert body["nearest"][0]["title"] == "Far away"
    assert body["nearest"][0]["fits"] is False
    assert body["nothing_found_reason"].startswith("No group meets within 5 miles of Cardiff.")


def test_bad_answers_get_the_pages_words_by_field():
    response = post(Client(), {"place": "Cardif", "travel_distance": -5, "modes": ["x"]})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["place"][0].startswith("We couldn't find a town called \u201cCardif\u201d.")
    assert "Cardiff, Wales" in errors["place"][0]
    assert errors["travel_distance"] == [
        "Enter how far you can travel as a number of miles from 1 to 200."
    ]
    assert errors["modes"] == ["We don't know the way to connect \u201cx\u201d."]


def test_contradictory_answers_are_refused_with_what_to_do():
    response = post(Client(), {"modes": ["in_person"]})

    assert response.status_code == 422
    assert response.json()["errors"]["place"][0].startswith("You chose to meet only in person")


def test_too_many_searches_from_one_address_are_slowed(settings):
    client = Client()
    for _ in range(FINDER.limit):
        assert post(client, {}).status_code == 200
    response = post(client, {})
    assert response.status_code == 429
    assert "Please wait" in response.json()["detail"]


def test_the_openapi_document_describes_the_finder():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operation = schema["paths"]["/api/v1/finder"]["post"]
    assert {int(code) for code in operation["responses"]} >= {200, 422, 429}
    assert "No sign-in needed" in operation["description"]
    assert "security" not in operation or operation["security"] in ([], [{}])


JUNK = [
    None, "", "[]", "null", '"text"', "{", "{}", "5",
    '{"topics": "anxiety"}', '{"topics": [1, null, {}]}', '{"formats": [[]]}',
    '{"place": 5}', '{"place": ["Cardiff"]}', '{"place": "\\u0000"}', '{"place": "\\ud800"}',
    '{"travel_distance": "1e309"}', '{"travel_distance": 1e308}', '{"travel_distance": "nan"}',
    '{"travel_distance": true}', '{"travel_distance": [5]}', '{"travel_distance": 100000}',
    '{"distance_unit": "furlongs"}', '{"distance_unit": 7}',
    '{"about": "' + "\u200b" * 3000 + '"}', '{"about": 12}', '{"access_flexible": "maybe"}',
    '{"languages": ["cy", "cy", "zz"]}', '{"availability": ["tue_evening", "someday"]}',
    '{"limit": 0}', '{"limit": 99999999999999999999}', '{"limit": "x"}',
    '{"unexpected": 1}', '{"access_needs_other": "' + "y" * 5000 + '"}',
    '{"modes": ["in_person"], "place": ""}',
    '{"place": "' + "Cardiff, " * 500 + '"}',
]  # fmt: skip


@pytest.mark.parametrize("body", JUNK)
def test_junk_never_makes_the_finder_fail(body):
    client = Client()
    response = client.post(URL, data=body or "", content_type="application/json")
    assert response.status_code in {200, 422}, (body, response.content)
    payload = response.json()
    if response.status_code == 422:
        assert payload["errors"]


def test_other_content_types_and_methods_are_answered_in_json():
    client = Client()
    for method, content_type in itertools.product(("post",), ("text/plain", "application/xml")):
        response = getattr(client, method)(URL, data="<x/>", content_type=content_type)
        assert response.status_code in {200, 400, 415, 422}
        assert response["Content-Type"].startswith("application/json")


def test_a_huge_whole_number_of_miles_gets_the_finders_own_words():
    response = post(Client(), '{"travel_distance": ' + "9" * 400 + "}")

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "travel_distance": ["Enter how far you can travel as a number of miles from 1 to 200."]
    }
