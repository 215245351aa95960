"""Every /outcomes endpoint in the OpenAPI document, called by a member with a check-in
under way, a coordinator and someone not signed in, with odd ids, odd queries and odd
bodies: never a 500, always a JSON body in the documented error shape, and every status
it answers with is one the document lists."""

import pytest
from django.test import Client

from alongside.api.tests.test_matching_api_member import api_client
from alongside.common.testing.api_fuzz import ODD_BODIES, ODD_IDS, ODD_QUERIES, walk_api
from alongside.outcomes.tests.factories import complete_response, consent, draft_response

pytestmark = pytest.mark.django_db

IDS = [*ODD_IDS, "ucla3", "swemwbs", "%00"]
BODIES = [
    *ODD_BODIES,
    '{"answers": {"companionship": 99999999999999999999999, "left_out": -1}, "finish": true}',
    '{"answers": {"\\u0000": "\\u0000", "isolated": "3"}, "finish": "perhaps"}',
    '{"answers": [1, 2, 3], "finish": null}',
    '{"answers": {"companionship": 1.5, "left_out": true, "isolated": {}}}',
    '{"answers": {"companionship": 1, "left_out": 2, "isolated": 3}, "finish": true}',
    '{"answers": {"peer_community": 4}, "finish": true, "extra": 1}',
    '{"consented": "yes", "by_email": 1}',
    '{"consented": true, "by_email": false}',
    '{"consented": false}',
    '{"answers": {"' + "a" * 5000 + '": 1}}',
]
QUERIES = [
    *ODD_QUERIES,
    "?measure=%00",
    "?measure=ucla3",
    "?measure=ucla3&breakdown=topic&start=2026-02-30&end=1e99",
    "?measure=ucla3&breakdown=period&start=2020-01-01&end=2019-01-01",
    "?measure=belonging&breakdown=group&start=" + "9" * 300,
    "?start=%00&end=2026-01-01",
]


@pytest.fixture
def callers(member, other_member, coordinator):
    complete_response(other_member, "ucla3", 6)
    complete_response(member, "ucla3", 7)
    draft_response(member, "belonging", {"understood": 2})
    consent(coordinator)
    return [api_client(member), api_client(coordinator), Client()]


def test_no_input_makes_any_outcomes_endpoint_fail(callers):
    assert walk_api(callers, prefix="/outcomes", bodies=BODIES, queries=QUERIES, ids=IDS) > 300
