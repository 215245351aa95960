"""A member makes, reads, changes and deletes their own safety plan at /my/safety-plan/."""

import pytest
from django.test import Client

from alongside.common.models import AuditLogEntry
from alongside.safety.models import SafetyPlan

FILLED = {
    "warning_signs": "I stop answering texts.\nI sleep all day.",
    "coping_on_my_own": "Go for a walk by the river",
    "distractions": "The library cafe",
    "people_to_ask": "My sister Jo 07700 900123",
    "professionals": "Dr Patel at the surgery",
    "safer_surroundings": "Ask my flatmate to hold on to things",
    "reasons_to_live": "My cat, Biscuit",
}


@pytest.mark.parametrize("path", ["/my/safety-plan/", "/my/safety-plan/edit/"])
def test_visitors_are_sent_to_log_in(db, client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_visitors_cannot_delete_anything(client, member):
    SafetyPlan.objects.create(owner=member, people_to_ask="Jo")

    response = client.post("/my/safety-plan/delete/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert SafetyPlan.objects.filter(owner=member).exists()


def test_the_empty_state_explains_and_offers_to_start(client_for, member):
    response = client_for(member).get("/my/safety-plan/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "A safety plan is a short list" in page
    assert 'href="/my/safety-plan/edit/">Make my safety plan</a>' in page


def test_a_member_makes_their_plan(client_for, member):
    client = client_for(member)
    assert "Make my safety plan" in client.get("/my/safety-plan/edit/").content.decode()

    response = client.post("/my/safety-plan/edit/", FILLED, follow=True)

    plan = SafetyPlan.objects.get(owner=member)
    assert plan.people_to_ask == "My sister Jo 07700 900123"
    assert plan.warning_signs == "I stop answering texts.\nI sleep all day."
    page = response.content.decode()
    assert "Your safety plan is saved." in page
    assert "<h2>People I can ask for help</h2>" in page
    assert "<p>I stop answering texts.<br>I sleep all day.</p>" in page


def test_every_step_is_optional(client_for, member):
    response = client_for(member).post("/my/safety-plan/edit/", {"reasons_to_live": "Biscuit"})

    assert response.status_code == 302
    plan = SafetyPlan.objects.get(owner=member)
    assert plan.reasons_to_live == "Biscuit"
    assert plan.warning_signs == ""


def test_a_member_changes_their_plan_and_text_is_tidied(client_for, member):
    SafetyPlan.objects.create(owner=member, people_to_ask="Jo")

    client_for(member).post(
        "/my/safety-plan/edit/", {"people_to_ask": "  Jo\r\nand Sam\x07  ", "professionals": ""}
    )

    plan = SafetyPlan.objects.get(owner=member)
    assert plan.people_to_ask == "Jo\nand Sam"
    assert SafetyPlan.objects.count() == 1


def test_the_edit_form_shows_the_current_plan(client_for, member):
    SafetyPlan.objects.create(owner=member, distractions="The swimming pool")

    page = client_for(member).get("/my/safety-plan/edit/").content.decode()

    assert "<h1>Change my safety plan</h1>" in page
    assert "The swimming pool</textarea>" in page


def test_too_long_a_step_is_refused_next_to_the_field(client_for, member):
    SafetyPlan.objects.create(owner=member, people_to_ask="Jo")

    response = client_for(member).post(
        "/my/safety-plan/edit/", {"people_to_ask": "Sam", "warning_signs": "x" * 2001}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "Keep this to 2,000 characters or fewer (you have 2001)." in page
    assert 'href="#id_warning_signs"' in page
    assert 'id="id_warning_signs_error"' in page
    assert SafetyPlan.objects.get(owner=member).people_to_ask == "Jo"
    assert not AuditLogEntry.objects.filter(verb="safety.plan_updated").exists()


def test_member_text_is_shown_escaped(client_for, member):
    SafetyPlan.objects.create(owner=member, reasons_to_live="<b>Biscuit</b> & <i>Jo</i>")

    page = client_for(member).get("/my/safety-plan/").content.decode()

    assert "&lt;b&gt;Biscuit&lt;/b&gt; &amp; &lt;i&gt;Jo&lt;/i&gt;" in page
    assert "<b>Biscuit</b>" not in page


def test_a_member_sees_only_their_own_plan(member, other_member):
    SafetyPlan.objects.create(owner=member, people_to_ask="Ring Jo on 07700 900123")
    robin, sam = Client(), Client()
    robin.force_login(member)
    sam.force_login(other_member)

    assert "Ring Jo on 07700 900123" in robin.get("/my/safety-plan/").content.decode()
    for path in ["/my/safety-plan/", "/my/safety-plan/edit/", "/my/safety-plan/delete/"]:
        assert "Ring Jo" not in sam.get(path).content.decode()
    assert "A safety plan is a short list" in sam.get("/my/safety-plan/").content.decode()


def test_saving_is_audited_without_any_plan_text(client_for, member):
    client_for(member).post("/my/safety-plan/edit/", FILLED)

    entry = AuditLogEntry.objects.get(verb="safety.plan_updated")
    assert entry.actor == member
    recorded = f"{entry.target_label} {entry.data} {entry.actor_label}"
    for text in FILLED.values():
        for word in text.split():
            if len(word) > 4:
                assert word not in recorded


def test_deleting_asks_first_then_removes_the_plan(client_for, member):
    SafetyPlan.objects.create(owner=member, people_to_ask="Jo")
    client = client_for(member)

    page = client.get("/my/safety-plan/delete/").content.decode()
    assert "Yes, delete my safety plan" in page
    assert SafetyPlan.objects.filter(owner=member).exists()

    response = client.post("/my/safety-plan/delete/", follow=True)

    assert not SafetyPlan.objects.filter(owner=member).exists()
    assert "Your safety plan is deleted." in response.content.decode()
    entry = AuditLogEntry.objects.get(verb="safety.plan_deleted")
    assert "Jo" not in str(entry.data)


def test_deleting_only_touches_your_own_plan(client_for, member, other_member):
    SafetyPlan.objects.create(owner=other_member, people_to_ask="Sam's plan")

    response = client_for(member).post("/my/safety-plan/delete/")

    assert response.status_code == 302
    assert SafetyPlan.objects.filter(owner=other_member).exists()


def test_deleting_with_no_plan_goes_back_to_the_empty_page(client_for, member):
    response = client_for(member).get("/my/safety-plan/delete/")

    assert response.status_code == 302
    assert response.url == "/my/safety-plan/"


def test_the_own_profile_page_links_to_the_plan(client_for, member):
    page = client_for(member).get("/profile/").content.decode()

    assert 'href="/my/safety-plan/">My safety plan</a>' in page
