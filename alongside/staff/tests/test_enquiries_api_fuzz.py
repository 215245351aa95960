"""Every /enquiries endpoint in the OpenAPI document, called by a coordinator with odd ids,
odd queries and odd bodies: never a 500, always the documented error shape, and only
statuses the document lists. (A small, schemathesis-style walk, as for /safety.)"""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.common.testing.api_fuzz import ODD_BODIES, ODD_QUERIES, walk_api
from alongside.staff.actions.enquiries import submit_enquiry

pytestmark = pytest.mark.django_db

BODIES = [
    *ODD_BODIES,
    '{"topic": null, "message": 5, "contact_methods": "email", "status": [], "kind": {}}',
    '{"topic": "other", "message": "' + "\u200b" * 6000 + '", "contact_methods": ["email"]}',
    '{"topic": "other", "message": "\\u0000\\ud800", "contact_methods": ["phone"]}',
    '{"assigned_to": 99999999999999999999999, "status": "closed"}',
    '{"kind": "email_reply", "body": "' + "a" * 6000 + '"}',
    '{"topic": "concern", "message": "hi", "contact_methods": ["email"], "email": "a@b.co",'
    ' "finder_answers": {"travel_distance": 100000, "place": "\\u0000", "topics": [[]]}}',
]
QUERIES = [*ODD_QUERIES, "?status=%00", "?assigned_to=1e99", "?topic=x"]


@pytest.fixture
def coordinator_client(coordinator):
    submit_enquiry(message="Hello", topic="other", contact_methods=["email"], email="a@b.co")
    _token, key = account_actions.create_api_token(user=coordinator, name="fuzz")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_no_input_makes_any_enquiry_endpoint_fail(coordinator_client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    seen = walk_api([coordinator_client], prefix="/enquiries", bodies=BODIES, queries=QUERIES)
    assert seen > 100
