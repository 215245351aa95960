"""/api/v1/safety/plan: a member's own safety plan, and only ever their own."""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.common.models import AuditLogEntry
from alongside.safety import plans
from alongside.safety.models import SafetyPlan

pytestmark = pytest.mark.django_db
URL = "/api/v1/safety/plan"


def token_client(user) -> Client:
    _token, key = account_actions.create_api_token(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def put(client, body):
    return client.put(URL, body, content_type="application/json")


def test_without_a_plan_reading_or_deleting_it_is_a_plain_404(member):
    client = token_client(member)

    for response in (client.get(URL), client.delete(URL)):
        assert response.status_code == 404
        assert response.json()["detail"] == "You haven't made a safety plan yet."


def test_saving_creates_then_replaces_the_plan_and_the_audit_never_holds_its_text(member):
    client = token_client(member)

    created = put(client, {"warning_signs": "Not sleeping", "people_to_ask": "My sister, Jo"})
    assert created.status_code == 201
    assert created.json()["people_to_ask"] == "My sister, Jo"
    assert created.json()["steps"][0] == {
        "name": "warning_signs",
        "heading": "Signs that a difficult time may be coming",
        "text": "Not sleeping",
    }

    replaced = put(client, {"reasons_to_live": "My dog, Pip"})
    assert replaced.status_code == 200
    plan = SafetyPlan.objects.get(owner=member)
    assert plan.reasons_to_live == "My dog, Pip"
    assert plan.warning_signs == ""  # a step left out is saved empty, as documented
    assert client.get(URL).json()["reasons_to_live"] == "My dog, Pip"

    entries = AuditLogEntry.objects.filter(verb="safety.plan_updated", actor=member)
    assert entries.count() == 2
    assert all("Pip" not in str(entry.__dict__) for entry in entries)


def test_deleting_removes_the_plan(member):
    plans.save_safety_plan(owner=member, steps={"warning_signs": "Pacing"})
    client = token_client(member)

    assert client.delete(URL).status_code == 204

    assert not SafetyPlan.objects.filter(owner=member).exists()
    assert AuditLogEntry.objects.filter(verb="safety.plan_deleted", actor=member).exists()
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("caller", ["other_member", "moderator", "coordinator"])
def test_nobody_else_ever_reaches_a_members_plan(request, member, caller):
    plans.save_safety_plan(owner=member, steps={"reasons_to_live": "Robin's private words"})
    client = token_client(request.getfixturevalue(caller))

    response = client.get(URL)

    assert response.status_code == 404
    assert b"Robin's private words" not in response.content
    # Their own PUT and DELETE touch only their own plan.
    put(client, {"warning_signs": "Mine"})
    client.delete(URL)
    assert SafetyPlan.objects.get(owner=member).reasons_to_live == "Robin's private words"


def test_anonymous_callers_get_401(client):
    assert client.get(URL).status_code == 401
    assert put(client, {"warning_signs": "x"}).status_code == 401


def test_a_step_that_is_too_long_is_a_422_beside_it_and_nothing_is_saved(member):
    plans.save_safety_plan(owner=member, steps={"warning_signs": "Before"})
    client = token_client(member)

    response = put(client, {"warning_signs": "a" * 2001, "people_to_ask": "Jo"})

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "warning_signs": ["Keep this to 2,000 characters or fewer (you have 2001)."]
    }
    plan = SafetyPlan.objects.get(owner=member)
    assert (plan.warning_signs, plan.people_to_ask) == ("Before", "")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"warning_signs": 5}, "warning_signs"),
        ({"warning_signs": None}, "warning_signs"),
        ({"owner": 1}, "owner"),
        ({"warning_signs": "x" * 200_000}, "warning_signs"),
    ],
    ids=["number", "null", "unknown-field", "huge"],
)
def test_wrong_input_is_a_422_with_field_errors(member, body, field):
    response = put(token_client(member), body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not SafetyPlan.objects.filter(owner=member).exists()


@pytest.mark.parametrize("raw", ["", "{", "[]", "null", '"text"'])
def test_a_body_that_is_not_an_object_is_a_422(member, raw):
    response = token_client(member).put(URL, raw, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"] == "Some fields need correcting."
    assert not SafetyPlan.objects.filter(owner=member).exists()
