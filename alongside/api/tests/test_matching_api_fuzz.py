"""Every /matching endpoint in the OpenAPI document, called by a member, a supporter and
a coordinator with odd ids and odd bodies: never a 500, always a JSON body in the
documented error shape, and every status it answers with is one the document lists."""

import itertools

import pytest

from alongside.api.api import api
from alongside.api.tests.test_matching_api_member import api_client
from alongside.matching.choices import MatchStatus, RequestStatus, SupportKind
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

IDS = ["1", "0", str(2**64), "abc"]
BODIES = [
    None,
    "",
    "[]",
    "null",
    '"text"',
    "{",
    "{}",
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
QUERIES = ["", "?limit=0", "?limit=5&offset=-1", "?status=%00", "?limit=x"]


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        if "/matching" not in path:
            continue
        for method, operation in methods.items():
            yield path, method, {int(code) for code in operation["responses"]}


@pytest.fixture
def callers(member, peer_supporter, coordinator):
    SupporterProfileFactory(user=peer_supporter)
    matched = SupportRequestFactory(member=member, status=RequestStatus.MATCHED)
    MatchFactory(request=matched, supporter=peer_supporter, status=MatchStatus.ACTIVE)
    SupportRequestFactory(member=member, kind=SupportKind.MENTORING)
    SupportRequestFactory()
    return [api_client(member), api_client(peer_supporter), api_client(coordinator)]


def test_no_input_makes_any_matching_endpoint_fail(callers):
    seen = 0
    operations = list(_operations())
    assert len(operations) >= 38
    for client in callers:
        for path, method, documented in operations:
            ids = IDS if "{" in path else [None]
            extras = QUERIES if method == "get" else BODIES
            for id_value, extra in itertools.product(ids, extras):
                body, query = (None, extra) if method == "get" else (extra, "")
                url = path
                for name in ("request_id", "match_id", "run_id", "profile_id"):
                    url = url.replace("{" + name + "}", id_value or "")
                call = getattr(client, method)
                if method == "get":
                    response = call(url + query)
                else:
                    response = call(url + query, body or "", content_type="application/json")
                seen += 1
                where = f"{method.upper()} {url}{query} {body!r:.60}"
                assert response.status_code < 500, where
                assert response.status_code in documented, where
                if response.status_code >= 400:
                    error = response.json()
                    assert isinstance(error["detail"], str) and error["detail"], where
                    assert isinstance(error["errors"], dict), where
    assert seen > 500
