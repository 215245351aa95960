"""Every /safety endpoint in the OpenAPI document, called by a moderator with odd ids and
odd bodies: never a 500, always a JSON body in the documented error shape, and every
status it answers with is one the document lists. (A small, schemathesis-style walk.)"""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.common.testing.api_fuzz import ODD_BODIES, ODD_QUERIES, walk_api
from alongside.safety import cases
from alongside.safety.moderation.testing import flagged_post

pytestmark = pytest.mark.django_db

BODIES = [
    *ODD_BODIES,
    '{"reason": null, "note": 5, "on_duty": "yes", "kind": [], "alert_id": "x"}',
    '{"text": "' + "\u200b" * 3000 + '", "summary": "\U0001f600", "reason": "\\u0000"}',
    '{"member_id": 99999999999999999999999, "alert_id": -5, "summary": "ok"}',
    '{"warning_signs": "' + "a" * 5000 + '"}',
    '{"outcome": "done", "happened_at": "2026-13-45T99:99"}',
]
QUERIES = [*ODD_QUERIES, "?status=%00", "?member_id=1e99"]


@pytest.fixture
def moderator_client(moderator, member):
    flagged_post(author=member)
    cases.open_case(actor=moderator, member=member, summary="For the fuzz walk")
    _token, key = account_actions.create_api_token(user=moderator, name="fuzz")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_no_input_makes_any_safety_endpoint_fail(moderator_client):
    assert walk_api([moderator_client], prefix="/safety", bodies=BODIES, queries=QUERIES) > 300
