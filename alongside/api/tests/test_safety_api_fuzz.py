"""Every /safety endpoint in the OpenAPI document, called by a moderator with odd ids and
odd bodies: never a 500, always a JSON body in the documented error shape, and every
status it answers with is one the document lists. (A small, schemathesis-style walk.)"""

import itertools

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.api.api import api
from alongside.safety import cases
from alongside.safety.moderation.testing import flagged_post

pytestmark = pytest.mark.django_db

IDS = ["1", "0", "-1", str(2**64), "abc", "1.5"]
BODIES = [
    None,
    "",
    "[]",
    "null",
    '"text"',
    "{",
    "{}",
    '{"reason": null, "note": 5, "on_duty": "yes", "kind": [], "alert_id": "x"}',
    '{"text": "' + "\u200b" * 3000 + '", "summary": "\U0001f600", "reason": "\\u0000"}',
    '{"member_id": 99999999999999999999999, "alert_id": -5, "summary": "ok"}',
    '{"warning_signs": "' + "a" * 5000 + '"}',
    '{"outcome": "done", "happened_at": "2026-13-45T99:99"}',
]
QUERIES = ["", "?limit=0", "?limit=5&offset=-1", "?status=%00", "?member_id=1e99", "?limit=x"]


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        if "/safety" not in path:
            continue
        for method, operation in methods.items():
            yield path, method, {int(code) for code in operation["responses"]}


@pytest.fixture
def moderator_client(moderator, member):
    flagged_post(author=member)
    cases.open_case(actor=moderator, member=member, summary="For the fuzz walk")
    _token, key = account_actions.create_api_token(user=moderator, name="fuzz")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_no_input_makes_any_safety_endpoint_fail(moderator_client):
    seen = 0
    for path, method, documented in _operations():
        ids = IDS if "{" in path else [None]
        extras = QUERIES if method == "get" else BODIES
        for id_value, extra in itertools.product(ids, extras):
            body, query = (None, extra) if method == "get" else (extra, "")
            url = path
            for name in ("alert_id", "report_id", "case_id"):
                url = url.replace("{" + name + "}", id_value or "")
            call = getattr(moderator_client, method)
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
    assert seen > 300
