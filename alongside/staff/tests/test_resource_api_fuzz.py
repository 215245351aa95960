"""Every /resources endpoint in the OpenAPI document, called by a coordinator and by a
stranger with odd ids, queries and bodies: never a 500, always the documented error shape,
and only statuses the document lists."""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.common.testing.api_fuzz import ODD_BODIES, ODD_QUERIES, walk_api
from alongside.staff.tests.test_resource_selectors import entry

BODIES = [
    *ODD_BODIES,
    '{"title": null, "summary": 5, "url": [], "topics": "x", "position": "two"}',
    '{"title": "' + "\u200b" * 3000 + '", "summary": "\U0001f600", "body": "\\u0000"}',
    '{"title": "t", "summary": "s", "url": "javascript:alert(1)", "position": 1e99}',
    '{"title": "t", "summary": "s", "body": "' + "b" * 30000 + '"}',
    '{"title": "t", "summary": "s", "url": "data:text/html,x", "topics": [1, null]}',
    '{"position": -99999999999999999999999}',
]
QUERIES = [*ODD_QUERIES, "?topic=%00", "?limit=1e99"]


@pytest.fixture
def clients(coordinator):
    entry("Existing")
    _token, key = account_actions.create_api_token(user=coordinator, name="fuzz")
    return [Client(HTTP_AUTHORIZATION=f"Bearer {key}"), Client()]


def test_no_input_makes_any_resources_endpoint_fail(clients):
    assert walk_api(clients, prefix="/resources", bodies=BODIES, queries=QUERIES) > 200
