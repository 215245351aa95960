"""Every /matching endpoint in the OpenAPI document, called by a member, a supporter and
a coordinator with odd ids and odd bodies: never a 500, always a JSON body in the
documented error shape, and every status it answers with is one the document lists."""

import pytest

from alongside.api.tests.test_matching_api_member import api_client
from alongside.common.testing.api_fuzz import ODD_BODIES, ODD_QUERIES, api_operations, walk_api
from alongside.matching.choices import MatchStatus, RequestStatus, SupportKind
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

IDS = ["1", "0", str(2**64), "abc"]
BODIES = [
    *ODD_BODIES,
    '{"accept": "perhaps", "version": "x", "capacity": 1e99, "kinds": "mentoring"}',
    '{"availability": [{"day": 5, "start": null}], "modes": [[]], "place_id": -4}',
    '{"availability": "tue", "languages": [1], "topics": {}, "place": "\\u0000"}',
    '{"kind": "befriending", "modes": ["video"], "languages": ["en"], "availability": '
    '[{"day": "tue", "start": "24:00", "end": "24:00"}], "about": "' + "a" * 5000 + '"}',
    '{"contact_on": "2026-13-45", "mode": "phone", "minutes": -1, "how_its_going": 9}',
    '{"review_on": "2020-01-01", "planned_end_on": "2019-01-01", "focus": "", "modes": []}',
    '{"supporter_id": 99999999999999999999999, "reason": "\U0001f600", "hold": null}',
    '{"topics": -1, "text": 1000, "min_overlap_minutes": 0, "availability": 5}',
    '{"accept": false, "reason": "\\u0000", "text": "a\\u0000b", "note": "\\u0000"}',
]
QUERIES = [*ODD_QUERIES, "?status=%00"]


@pytest.fixture
def callers(member, peer_supporter, coordinator):
    SupporterProfileFactory(user=peer_supporter)
    matched = SupportRequestFactory(member=member, status=RequestStatus.MATCHED)
    MatchFactory(request=matched, supporter=peer_supporter, status=MatchStatus.ACTIVE)
    SupportRequestFactory(member=member, kind=SupportKind.MENTORING)
    SupportRequestFactory()
    return [api_client(member), api_client(peer_supporter), api_client(coordinator)]


def test_no_input_makes_any_matching_endpoint_fail(callers):
    assert len(api_operations("/matching")) >= 38
    seen = walk_api(callers, prefix="/matching", bodies=BODIES, queries=QUERIES, ids=IDS)
    assert seen > 500
