"""Every /resources endpoint in the OpenAPI document, called by a coordinator and by a
stranger with odd ids, queries and bodies: never a 500, always the documented error shape,
and only statuses the document lists."""

import itertools

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.api.api import api
from alongside.staff.tests.test_resource_selectors import entry

IDS = ["1", "0", "-1", str(2**64), "abc", "1.5"]
BODIES = [
    None,
    "",
    "[]",
    "null",
    "{",
    "{}",
    '{"title": null, "summary": 5, "url": [], "topics": "x", "position": "two"}',
    '{"title": "' + "\u200b" * 3000 + '", "summary": "\U0001f600", "body": "\\u0000"}',
    '{"title": "t", "summary": "s", "url": "javascript:alert(1)", "position": 1e99}',
    '{"title": "t", "summary": "s", "body": "' + "b" * 30000 + '"}',
    '{"title": "t", "summary": "s", "url": "data:text/html,x", "topics": [1, null]}',
    '{"position": -99999999999999999999999}',
]
QUERIES = ["", "?limit=0", "?limit=5&offset=-1", "?topic=%00", "?limit=1e99", "?limit=x"]


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        if not path.startswith("/api/v1/resources"):
            continue
        for method, operation in methods.items():
            yield path, method, {int(code) for code in operation["responses"]}


@pytest.fixture
def clients(coordinator):
    entry("Existing")
    _token, key = account_actions.create_api_token(user=coordinator, name="fuzz")
    return [Client(HTTP_AUTHORIZATION=f"Bearer {key}"), Client()]


def test_no_input_makes_any_resources_endpoint_fail(clients):
    seen = 0
    for client, (path, method, documented) in itertools.product(clients, list(_operations())):
        ids = IDS if "{" in path else [None]
        extras = QUERIES if method == "get" else BODIES
        for id_value, extra in itertools.product(ids, extras):
            body, query = (None, extra) if method == "get" else (extra, "")
            url = path.replace("{resource_id}", id_value or "")
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
    assert seen > 200
