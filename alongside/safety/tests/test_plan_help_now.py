"""'I need help now' shows a member their own safety plan, people and services first."""

from django.test import Client

from alongside.safety.models import SafetyPlan


def _plan(owner):
    return SafetyPlan.objects.create(
        owner=owner,
        warning_signs="Not sleeping",
        people_to_ask="Ring Jo on 07700 900123",
        professionals="Dr Patel at the surgery",
    )


def test_the_owner_sees_their_plan_section(client_for, member):
    _plan(member)

    page = client_for(member).get("/help-now/").content.decode()

    assert '<h2 id="crisis-own-plan">Your safety plan</h2>' in page
    assert "Ring Jo on 07700 900123" in page
    assert page.index("Ring Jo") < page.index("Dr Patel")
    assert "Not sleeping" not in page  # only the first steps; the rest is a link away
    assert 'href="/my/safety-plan/">See your whole safety plan</a>' in page


def test_nobody_else_sees_it(db, client, member, other_member):
    _plan(member)
    sam = Client()
    sam.force_login(other_member)

    for page in [client.get("/help-now/"), sam.get("/help-now/")]:
        assert "Your safety plan" not in page.content.decode()
        assert "Ring Jo" not in page.content.decode()
        assert page.status_code == 200


def test_no_section_without_a_plan_or_with_an_empty_one(client_for, member):
    client = client_for(member)
    assert "Your safety plan" not in client.get("/help-now/").content.decode()

    SafetyPlan.objects.create(owner=member)
    assert "Your safety plan" not in client.get("/help-now/").content.decode()
