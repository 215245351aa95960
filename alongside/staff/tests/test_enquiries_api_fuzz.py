"""Every /enquiries endpoint in the OpenAPI document, called by a coordinator with odd ids,
odd queries and odd bodies: never a 500, always the documented error shape, and only
statuses the document lists. (A small, schemathesis-style walk, as for /safety.)"""

import itertools

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.api.api import api
from alongside.staff.actions.enquiries import submit_enquiry

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
    '{"topic": null, "message": 5, "contact_methods": "email", "status": [], "kind": {}}',
    '{"topic": "other", "message": "' + "\u200b" * 6000 + '", "contact_methods": ["email"]}',
    '{"topic": "other", "message": "\\u0000\\ud800", "contact_methods": ["phone"]}',
    '{"assigned_to": 99999999999999999999999, "status": "closed"}',
    '{"kind": "email_reply", "body": "' + "a" * 6000 + '"}',
    '{"topic": "concern", "message": "hi", "contact_methods": ["email"], "email": "a@b.co",'
    ' "finder_answers": {"travel_distance": 100000, "place": "\\u0000", "topics": [[]]}}',
]
QUERIES = ["", "?limit=0", "?limit=5&offset=-1", "?status=%00", "?assigned_to=1e99", "?topic=x"]


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        if "/enquiries" not in path:
            continue
        for method, operation in methods.items():
            yield path, method, {int(code) for code in operation["responses"]}


@pytest.fixture
def coordinator_client(coordinator):
    submit_enquiry(message="Hello", topic="other", contact_methods=["email"], email="a@b.co")
    _token, key = account_actions.create_api_token(user=coordinator, name="fuzz")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_no_input_makes_any_enquiry_endpoint_fail(coordinator_client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    seen = 0
    for path, method, documented in _operations():
        ids = IDS if "{" in path else [None]
        extras = QUERIES if method == "get" else BODIES
        for id_value, extra in itertools.product(ids, extras):
            body, query = (None, extra) if method == "get" else (extra, "")
            url = path.replace("{enquiry_id}", id_value or "")
            call = getattr(coordinator_client, method)
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
    assert seen > 100
