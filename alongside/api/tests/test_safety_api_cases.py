"""/api/v1/safety/cases: safeguarding cases for moderators and coordinators. What each
endpoint stores, that every list and view is audit-logged as on the pages, 404 to
everyone else (and to the member a case is about), and plain 409s and 422s."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.accounts import actions as account_actions
from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.safety import cases
from alongside.safety.choices import CaseEntryKind, CaseStatus
from alongside.safety.models import CaseEntry, SafeguardingCase
from alongside.safety.moderation.testing import flagged_post

pytestmark = pytest.mark.django_db
API = "/api/v1/safety/cases"


def token_client(user) -> Client:
    _token, key = account_actions.create_api_token(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type="application/json")


def _case(opener, member, summary="Worried after tonight's posts") -> SafeguardingCase:
    return cases.open_case(actor=opener, member=member, summary=summary)


def _views(case, actor) -> int:
    return AuditLogEntry.objects.filter(
        verb="safety.case_viewed", actor=actor, target_id=str(case.pk)
    ).count()


# ---- Who may call them ------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["member", "peer_supporter", "coordinator_without_2fa", "anonymous"]
)
def test_everyone_but_moderators_gets_404_and_nothing_changes(request, who, coordinator):
    case = _case(coordinator, UserFactory())
    client = Client() if who == "anonymous" else token_client(request.getfixturevalue(who))
    calls = [
        client.get(API),
        client.get(f"{API}/{case.pk}"),
        client.get(f"{API}/{case.pk + 1}"),
        client.get(f"{API}?status=bogus"),
        post(client, API, {"member_id": "x"}),
        post(client, f"{API}/{case.pk}/entries", {"kind": "note", "text": "Hello"}),
        post(client, f"{API}/{case.pk}/alerts", {"alert_id": 1}),
        post(client, f"{API}/{case.pk}/close", {"outcome": "Done"}),
        post(client, f"{API}/{case.pk}/reopen"),
    ]

    assert {response.status_code for response in calls} == {404}
    assert all(b"Worried" not in response.content for response in calls)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and not case.entries.exists()
    assert not AuditLogEntry.objects.filter(
        verb__in=["safety.case_viewed", "safety.cases_listed"]
    ).exists()


def test_the_member_a_case_is_about_never_sees_it_even_as_a_moderator(coordinator, moderator):
    case = _case(coordinator, moderator)
    client = token_client(moderator)

    assert client.get(f"{API}/{case.pk}").status_code == 404
    assert client.get(API).json()["count"] == 0
    assert post(client, f"{API}/{case.pk}/close", {"outcome": "x"}).status_code == 404


# ---- Reading, and its audit -------------------------------------------------------------


def test_an_empty_status_lists_open_and_closed_cases(moderator, coordinator):
    first = _case(coordinator, UserFactory())
    cases.close_case(actor=coordinator, case=first, outcome="All well")
    _case(coordinator, UserFactory())

    assert token_client(moderator).get(API, {"status": ""}).json()["count"] == 2


def test_listing_is_audit_logged_with_the_cases_shown(moderator, coordinator):
    first = _case(coordinator, UserFactory())
    second = _case(coordinator, UserFactory())
    cases.close_case(actor=coordinator, case=first, outcome="All well")

    response = token_client(moderator).get(API, {"status": "open"})

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [second.pk]
    assert body["items"][0]["opened_by"]["display_name"] == "Casey"
    entry = AuditLogEntry.objects.get(verb="safety.cases_listed", actor=moderator)
    assert entry.data["case_ids"] == [second.pk]
    assert entry.data["status"] == "open"


def test_reading_a_case_shows_it_and_is_audit_logged_each_time(moderator, coordinator):
    case = _case(coordinator, UserFactory())
    cases.add_entry(actor=coordinator, case=case, kind="note", text="Called their GP")
    client = token_client(moderator)

    body = client.get(f"{API}/{case.pk}").json()
    client.get(f"{API}/{case.pk}")

    assert body["summary"] == "Worried after tonight's posts"
    assert [(e["kind"], e["text"]) for e in body["entries"]] == [("note", "Called their GP")]
    assert _views(case, moderator) == 2
    entry = AuditLogEntry.objects.filter(verb="safety.case_viewed").first()
    assert "Worried" not in entry.target_label


@pytest.mark.parametrize("case_id", ["999999", "0", "-1", str(2**70)])
def test_a_case_that_does_not_exist_is_404(moderator, case_id):
    assert token_client(moderator).get(f"{API}/{case_id}").status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [
        ({"status": "pending"}, "status"),
        ({"member_id": 2**70}, "member_id"),
        ({"limit": 0}, "limit"),
    ],
)
def test_bad_list_filters_are_422s(moderator, query, field):
    response = token_client(moderator).get(API, query)

    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_listing_costs_the_same_queries_however_many_cases(moderator, coordinator):
    client = token_client(moderator)
    _case(coordinator, UserFactory())
    client.get(API)

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(API)
        return len(captured)

    one = count()
    for _ in range(4):
        case = _case(coordinator, UserFactory())
        cases.add_entry(actor=coordinator, case=case, kind="note", text="Checked in")
    assert count() == one


# ---- Opening a case ---------------------------------------------------------------------


def test_opening_a_case_from_an_alert(moderator, member):
    alert = flagged_post(author=member).alerts.get()

    response = post(token_client(moderator), API, {"alert_id": alert.pk, "summary": "Urgent post"})

    assert response.status_code == 201
    body = response.json()
    case = SafeguardingCase.objects.get()
    assert body["id"] == case.pk and body["member"]["id"] == member.pk
    assert case.opened_by == moderator and list(case.alerts.all()) == [alert]
    assert AuditLogEntry.objects.filter(verb="safety.case_opened", actor=moderator).exists()
    assert _views(case, moderator) == 1


@pytest.mark.parametrize(
    "body, field, message",
    [
        (
            {"summary": "x"},
            "member_id",
            "Say who the case is about: give member_id, or an alert_id.",
        ),
        ({"member_id": 999999, "summary": "x"}, "member_id", "No member has that id."),
        ({"member_id": 2**70, "summary": "x"}, "member_id", "No member has that id."),
        ({"member_id": -4, "summary": "x"}, "member_id", "No member has that id."),
        ({"alert_id": 999999, "summary": "x"}, "alert_id", "No alert has that id."),
        ({"member_id": "me", "summary": "x"}, "member_id", None),
        ({"summary": "   "}, "summary", "Write a short summary of why you are opening this case."),
        ({"summary": "a" * 5001}, "summary", None),
        ({"summary": "x", "extra": 1}, "extra", "This field isn't recognised."),
    ],
)
def test_opening_mistakes_are_422s_beside_the_field(moderator, member, body, field, message):
    body = (
        {"member_id": member.pk, **body}
        if "member_id" not in body
        and field
        not in (
            "member_id",
            "alert_id",
        )
        else body
    )

    response = post(token_client(moderator), API, body)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not SafeguardingCase.objects.exists()


def test_an_alert_about_someone_else_or_a_case_about_yourself_is_refused(moderator, member):
    alert = flagged_post().alerts.get()
    client = token_client(moderator)

    other = post(client, API, {"member_id": member.pk, "alert_id": alert.pk, "summary": "x"})
    mine = post(client, API, {"member_id": moderator.pk, "summary": "x"})

    assert other.json()["errors"] == {"alert_id": ["That alert is about a different member."]}
    assert mine.json()["errors"]["member_id"][0].startswith("You can't open a case about yourself")
    assert not SafeguardingCase.objects.exists()


def test_a_second_open_case_for_a_member_is_a_409(moderator, coordinator, member):
    existing = _case(coordinator, member)

    response = post(token_client(moderator), API, {"member_id": member.pk, "summary": "Again"})

    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"This member already has an open case (Safeguarding case {existing.pk})."
    )
    assert SafeguardingCase.objects.count() == 1


# ---- Entries, alerts, closing and reopening ---------------------------------------------


def test_adding_a_note_and_a_contact(moderator, member):
    case = _case(moderator, member)
    client = token_client(moderator)
    when = (timezone.now() - timedelta(hours=2)).replace(microsecond=0)

    note = post(client, f"{API}/{case.pk}/entries", {"kind": "note", "text": "Sent resources"})
    contact = post(
        client,
        f"{API}/{case.pk}/entries",
        {"kind": "contact", "text": "Spoke on the phone", "happened_at": when.isoformat()},
    )

    assert note.status_code == contact.status_code == 201
    stored = list(CaseEntry.objects.filter(case=case).order_by("id"))
    assert [(e.kind, e.text, e.author) for e in stored] == [
        (CaseEntryKind.NOTE, "Sent resources", moderator),
        (CaseEntryKind.CONTACT, "Spoke on the phone", moderator),
    ]
    assert stored[1].happened_at == when
    assert AuditLogEntry.objects.filter(verb="safety.case_entry_added").count() == 2
    assert _views(case, moderator) == 2


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "note", "text": ""}, "text"),
        ({"kind": "note", "text": "x" * 5001}, "text"),
        ({"kind": "gossip", "text": "x"}, "kind"),
        ({"kind": "contact", "text": "Called"}, "happened_at"),
        ({"kind": "contact", "text": "Called", "happened_at": "tomorrow"}, "happened_at"),
        (
            {"kind": "contact", "text": "Called", "happened_at": "2999-01-01T10:00:00Z"},
            "happened_at",
        ),
        ({"kind": "note", "text": "x", "happened_at": "2026-01-01T10:00:00Z"}, "happened_at"),
    ],
    ids=["empty", "too-long", "kind", "no-time", "not-a-time", "future", "time-on-a-note"],
)
def test_entry_mistakes_are_422s_and_add_nothing(moderator, member, body, field):
    case = _case(moderator, member)

    response = post(token_client(moderator), f"{API}/{case.pk}/entries", body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not CaseEntry.objects.exists()


def test_linking_an_alert(moderator, member):
    case = _case(moderator, member)
    alert = flagged_post(author=member).alerts.get()
    client = token_client(moderator)

    assert client.get(f"{API}/{case.pk}").json()["linkable_alerts"][0]["id"] == alert.pk
    response = post(client, f"{API}/{case.pk}/alerts", {"alert_id": alert.pk})

    assert response.status_code == 200
    assert [a["id"] for a in response.json()["alerts"]] == [alert.pk]
    assert list(case.alerts.all()) == [alert]
    again = post(client, f"{API}/{case.pk}/alerts", {"alert_id": alert.pk})
    assert again.status_code == 422 and "alert_id" in again.json()["errors"]
    assert AuditLogEntry.objects.filter(verb="safety.case_alert_linked").count() == 1


@pytest.mark.parametrize("alert_id", [999999, 0, 2**70, "one"])
def test_linking_an_alert_that_cannot_be_linked_is_a_422(moderator, member, alert_id):
    case = _case(moderator, member)

    response = post(token_client(moderator), f"{API}/{case.pk}/alerts", {"alert_id": alert_id})

    assert response.status_code == 422
    assert "alert_id" in response.json()["errors"]


def test_closing_and_reopening(moderator, member):
    case = _case(moderator, member)
    client = token_client(moderator)

    assert post(client, f"{API}/{case.pk}/close", {}).status_code == 422
    closed = post(client, f"{API}/{case.pk}/close", {"outcome": "Feeling safer; has support"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = post(client, f"{API}/{case.pk}/close", {"outcome": "x"})
    assert again.status_code == 409
    assert again.json()["detail"] == "This case is already closed."
    note = post(client, f"{API}/{case.pk}/entries", {"kind": "note", "text": "Late note"})
    assert note.status_code == 409
    assert note.json()["detail"] == "This case is closed. Reopen it first to add to it."

    reopened = post(client, f"{API}/{case.pk}/reopen")

    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert "Feeling safer" in case.entries.get().text
    assert post(client, f"{API}/{case.pk}/reopen").status_code == 409
    verbs = set(AuditLogEntry.objects.values_list("verb", flat=True))
    assert {"safety.case_closed", "safety.case_reopened"} <= verbs


def test_coordinators_use_cases_too(coordinator, member):
    response = post(token_client(coordinator), API, {"member_id": member.pk, "summary": "Worried"})

    assert response.status_code == 201


def test_a_second_moderator_is_served_the_same(moderator, member):
    other = UserFactory(profile__display_name="Quinn", roles=[Role.MODERATOR])
    activate_totp(other)
    case = _case(moderator, member)

    assert token_client(other).get(f"{API}/{case.pk}").json()["opened_by"]["display_name"] == (
        "Morgan"
    )
