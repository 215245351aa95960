"""/api/v1/matching refuses bad input with a plain message beside each field (422) and
stores nothing."""

import pytest

from alongside.api.tests.test_matching_api_member import (
    api_client,
    new_request,
    new_supporter,
    send,
)
from alongside.common.models import AuditLogEntry
from alongside.matching.models import SupporterProfile, SupportRequest

pytestmark = pytest.mark.django_db


def refused(response, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Some fields need correcting."
    assert message in " ".join(body["errors"][field]), body["errors"]


@pytest.mark.parametrize("capacity", [0, 1000])
def test_capacity_outside_one_to_ten(member, capacity):
    response = send(api_client(member), "put", "/supporter", new_supporter(capacity=capacity))

    refused(response, "capacity", "Choose between 1 and 10 people at once.")
    assert not SupporterProfile.objects.exists()
    assert not AuditLogEntry.objects.filter(verb__startswith="matching.").exists()


OVERLAPPING = [
    {"day": "tue", "start": "18:00", "end": "20:00"},
    {"day": "tue", "start": "19:00", "end": "21:00"},
]
BACKWARDS = [{"day": "wed", "start": "20:00", "end": "18:00"}]


@pytest.mark.parametrize(
    ("times", "message"),
    [
        (OVERLAPPING, "overlap"),
        (BACKWARDS, "Make the end time later than the start time."),
        ([], "Add at least one day and time"),
        ([{"day": "someday", "start": "18:00", "end": "20:00"}], "choose a day of the week"),
        ([{"day": "mon", "start": "18:15", "end": "20:00"}], "on the hour or half hour"),
    ],
)
def test_availability_problems_are_named(member, times, message):
    response = send(api_client(member), "post", "/requests", new_request(availability=times))

    refused(response, "availability", message)
    assert not SupportRequest.objects.exists()


def test_no_modes(member):
    response = send(api_client(member), "post", "/requests", new_request(modes=[]))

    refused(response, "modes", "Choose at least one way you'd like to meet.")
    assert not SupportRequest.objects.exists()


def test_unknown_language_and_topic_and_mode_together(member):
    body = new_request(languages=["xx-klingon"], topics=["no-such-topic"], modes=["pigeon"])

    response = send(api_client(member), "post", "/requests", body)

    refused(response, "languages", "We don't know the language \u201cxx-klingon\u201d")
    refused(response, "topics", "no-such-topic")
    refused(response, "modes", "isn't a way to meet")
    assert not SupportRequest.objects.exists()


def test_in_person_needs_a_town_and_an_unknown_town_is_named(member):
    client = api_client(member)

    no_town = send(client, "post", "/requests", new_request(modes=["in_person"]))
    refused(no_town, "place", "Give your town or city")
    unknown = send(client, "post", "/requests", new_request(place="Nowhereville Xyzzy"))
    refused(unknown, "place", "We couldn't find a town or city called")
    assert not SupportRequest.objects.exists()


def test_a_supporter_offering_in_person_needs_a_distance(member):
    body = new_supporter(modes=["in_person"], place="Cardiff")

    response = send(api_client(member), "put", "/supporter", body)

    refused(response, "max_distance_km", "how far you'll travel")
    assert not SupporterProfile.objects.exists()


def test_unknown_kind(member):
    response = send(api_client(member), "post", "/requests", new_request(kind="astrology"))

    refused(response, "kind", "Choose mentoring or befriending.")


def test_a_bad_patch_leaves_the_request_as_it_was(member):
    client = api_client(member)
    created = send(client, "post", "/requests", new_request()).json()

    response = send(client, "patch", f"/requests/{created['id']}", {"availability": BACKWARDS})

    refused(response, "availability", "Make the end time later")
    stored = SupportRequest.objects.get(pk=created["id"])
    assert stored.availability == created["availability"]


def test_fields_the_api_does_not_know_are_refused(member):
    response = send(api_client(member), "post", "/requests", new_request(colour="blue"))

    refused(response, "colour", "This field isn't recognised.")
