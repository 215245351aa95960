"""Staff enter venues, with coordinates and accessibility features."""

from alongside.groups import actions
from alongside.groups.tests.factories import VenueFactory
from alongside.groups.tests.helpers import audit_entry

HALL = {
    "name": "Riverside Hall",
    "address": "2 Quay Street, Cardiff",
    "latitude": 51.48,
    "longitude": -3.18,
    "features": ["step_free", "quiet_room"],
    "accessibility_notes": "Ring the bell by the side door.",
}


def test_staff_create_a_venue(coordinator):
    venue = actions.create_venue(actor=coordinator, details=HALL)

    venue.refresh_from_db()
    assert (venue.latitude, venue.features) == (51.48, ["step_free", "quiet_room"])
    entry = audit_entry("venue.created")
    assert (entry.actor, entry.target_id) == (coordinator, str(venue.pk))


def test_staff_update_a_venue(moderator):
    venue = VenueFactory()

    actions.update_venue(venue=venue, actor=moderator, details={**HALL, "name": venue.name})

    venue.refresh_from_db()
    assert venue.address == HALL["address"]
    assert audit_entry("venue.updated").data == {
        "fields": ["accessibility_notes", "address", "features", "latitude", "longitude"]
    }
