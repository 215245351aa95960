"""Venues: staff with two-factor add and change them; bad input saves nothing."""

import pytest

from alongside.groups.models import Venue
from alongside.groups.tests.factories import VenueFactory

pytestmark = pytest.mark.django_db

VENUE = {
    "name": "Riverside Hall",
    "address": "2 River Road, Cardiff",
    "latitude": "51.48",
    "longitude": "-3.18",
    "features": ["step_free", "hearing_loop"],
    "accessibility_notes": "",
}


def test_a_coordinator_adds_a_venue(client_for, coordinator):
    client = client_for(coordinator)
    assert "Add a venue" in client.get("/staff/venues/new/").content.decode()

    response = client.post("/staff/venues/new/", VENUE)

    assert response.status_code == 302
    venue = Venue.objects.get()
    assert venue.features == ["step_free", "hearing_loop"]
    assert "Riverside Hall" in client.get("/staff/venues/").content.decode()


def test_a_venue_without_coordinates_is_not_saved(client_for, coordinator):
    response = client_for(coordinator).post("/staff/venues/new/", {**VENUE, "latitude": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the venue&#x27;s latitude" in page
    assert not Venue.objects.exists()


def test_a_coordinator_changes_a_venue(client_for, coordinator):
    venue = VenueFactory(name="Old Hall")

    response = client_for(coordinator).post(f"/staff/venues/{venue.pk}/", VENUE)

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "Riverside Hall"


def test_changing_a_venue_with_bad_input_changes_nothing(client_for, coordinator):
    venue = VenueFactory(name="Old Hall")

    response = client_for(coordinator).post(
        f"/staff/venues/{venue.pk}/", {**VENUE, "longitude": "500"}
    )

    assert response.status_code == 400
    venue.refresh_from_db()
    assert venue.name == "Old Hall"


def test_no_such_venue(client_for, coordinator):
    assert client_for(coordinator).get("/staff/venues/999999/").status_code == 404


def test_a_peer_supporter_can_not_manage_venues(client_for, peer_supporter):
    client = client_for(peer_supporter)
    assert client.get("/staff/venues/").status_code == 403
    assert client.post("/staff/venues/new/", VENUE).status_code == 403
    assert not Venue.objects.exists()
