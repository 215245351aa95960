"""The matching settings page: five weights and the least overlap, with plain errors."""

import re

import pytest
from django.urls import reverse

from alongside.matching.models import MatchingSettings
from alongside.matching.tests.test_staff_pages_access import text_of

SETTINGS = reverse("matching_staff:settings")
GOOD = {
    "weight_topics": 40,
    "weight_text": 10,
    "weight_availability": 20,
    "weight_distance": 0,
    "weight_waiting": 30,
    "min_overlap_minutes": 90,
}


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


@pytest.mark.django_db
def test_shows_the_current_weights(staff):
    response = staff.get(SETTINGS)
    assert response.status_code == 200
    assert re.search(r'name="weight_topics"[^>]* value="30"', response.content.decode())
    assert "Least time free together each week, in minutes" in text_of(response)


@pytest.mark.django_db
def test_saves_new_weights(staff, coordinator):
    response = staff.post(SETTINGS, GOOD, follow=True)
    assert "Saved. The next matching run will use these weights." in text_of(response)
    row = MatchingSettings.objects.get(pk=1)
    assert (row.weight_topics, row.weight_distance, row.min_overlap_minutes) == (40, 0, 90)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight_topics": 101}, "Choose a number from 0 to 100."),
        ({"weight_text": -1}, "Choose a number from 0 to 100."),
        ({"weight_waiting": "lots"}, "Choose a number from 0 to 100."),
        ({"weight_distance": ""}, "Choose a number from 0 to 100."),
        ({"min_overlap_minutes": 29}, "Choose a number of minutes from 30 to 1,440."),
        ({"min_overlap_minutes": 1441}, "Choose a number of minutes from 30 to 1,440."),
        ({"min_overlap_minutes": "1e9"}, "Choose a number of minutes from 30 to 1,440."),
        (
            {
                f"weight_{name}": 0
                for name in ("topics", "text", "availability", "distance", "waiting")
            },
            "At least one preference needs a weight above 0",
        ),
    ],
)
def test_bad_input_says_what_to_fix_and_changes_nothing(staff, change, message):
    response = staff.post(SETTINGS, {**GOOD, **change})
    assert response.status_code == 400
    assert message in text_of(response)
    assert "There is a problem" in text_of(response)
    row = MatchingSettings.objects.filter(pk=1).first()
    assert row is None or row.weight_topics == 30
