"""The matching weights coordinators set."""

import pytest
from django.core.exceptions import ValidationError

from alongside.common.models import AuditLogEntry
from alongside.matching.actions.weights import update_matching_settings
from alongside.matching.models import MatchingSettings
from alongside.matching.selectors_people import matching_settings

pytestmark = pytest.mark.django_db

WEIGHTS = {
    "weight_topics": 40,
    "weight_text": 0,
    "weight_availability": 20,
    "weight_distance": 10,
    "weight_waiting": 30,
    "min_overlap_minutes": 90,
}


def test_the_settings_start_with_the_defaults():
    row = matching_settings()

    assert (row.pk, row.weight_topics, row.min_overlap_minutes) == (1, 30, 60)
    assert matching_settings() == row
    assert MatchingSettings.objects.count() == 1


def test_a_coordinator_changes_the_weights(coordinator):
    row = update_matching_settings(actor=coordinator, weights={**WEIGHTS, "unknown": 5})

    row.refresh_from_db()
    assert {name: getattr(row, name) for name in WEIGHTS} == WEIGHTS
    assert row.updated_by == coordinator
    entry = AuditLogEntry.objects.get(verb="matching.settings_updated")
    assert entry.data["fields"] == [
        "min_overlap_minutes",
        "weight_text",
        "weight_topics",
        "weight_waiting",
    ]


def test_one_weight_changed_leaves_the_others(coordinator):
    update_matching_settings(actor=coordinator, weights={"weight_distance": 0})

    row = matching_settings()
    assert (row.weight_distance, row.weight_topics) == (0, 30)


@pytest.mark.parametrize(
    ("weights", "field", "message"),
    [
        ({"weight_topics": 101}, "weight_topics", "Choose a number from 0 to 100."),
        ({"weight_text": -1}, "weight_text", "Choose a number from 0 to 100."),
        ({"weight_waiting": "lots"}, "weight_waiting", "Choose a number from 0 to 100."),
        (
            {"min_overlap_minutes": 10},
            "min_overlap_minutes",
            "Choose a number of minutes from 30 to 1,440.",
        ),
        (
            {name: 0 for name in WEIGHTS if name.startswith("weight_")},
            "__all__",
            "At least one preference needs a weight above 0, or every pair would score the same.",
        ),
    ],
)
def test_weights_out_of_range_are_refused_and_nothing_changes(coordinator, weights, field, message):
    with pytest.raises(ValidationError) as error:
        update_matching_settings(actor=coordinator, weights=weights)

    assert error.value.message_dict == {field: [message]}
    row = matching_settings()
    assert (row.weight_topics, row.weight_text, row.min_overlap_minutes) == (30, 15, 60)
    assert not AuditLogEntry.objects.filter(verb="matching.settings_updated").exists()
