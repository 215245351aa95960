"""The coordinators' inbox and enquiry page: end to end from the public form, ordering and
filters, urgent enquiries, the log, permissions and the query count."""

import pytest
from django.core import mail
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.finder.answers import FinderAnswers
from alongside.staff.actions.enquiries import (
    add_enquiry_note,
    assign_enquiry,
    change_enquiry_status,
    log_enquiry_reply,
    submit_enquiry,
)
from alongside.staff.models import Enquiry
from alongside.staff.selectors.enquiries import inbox, inbox_counts

INBOX = reverse("staff:enquiries")
URGENT_TEXT = "I've decided to end my life tonight and I have the tablets saved up."
WORRIED_TEXT = "I have felt really low and hopeless for weeks and I can't cope anymore."


def make_enquiry(message="Could we talk about groups near me?", **changes) -> Enquiry:
    fields = {
        "topic": "support_needs",
        "contact_methods": ["email"],
        "email": "jo@example.com",
        **changes,
    }
    return submit_enquiry(message=message, **fields)


def enquiry_url(enquiry, action=""):
    name = f"staff:enquiry_{action}" if action else "staff:enquiry"
    return reverse(name, args=[enquiry.pk])


@pytest.mark.django_db
def test_end_to_end_form_acknowledgement_inbox_and_an_emailed_reply(
    client, coordinator, django_capture_on_commit_callbacks
):
    data = {
        "topic": "concern",
        "message": "My neighbour needs support but\nis worried about groups.",
        "contact_methods": ["email"],
        "email": "jo@example.com",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("contact:new"), data).status_code == 302
    enquiry = Enquiry.objects.get()
    [acknowledgement] = mail.outbox
    assert enquiry.reference in acknowledgement.subject
    assert acknowledgement.to == ["jo@example.com"]

    client.force_login(coordinator)
    inbox_page = client.get(INBOX).content.decode()
    assert enquiry.reference in inbox_page
    page = client.get(enquiry_url(enquiry)).content.decode()
    assert "My neighbour needs support but<br>is worried about groups." in page
    assert AuditLogEntry.objects.filter(verb="enquiry.viewed", actor=coordinator).exists()

    reply = {"kind": "email_reply", "body": "Thank you for writing. Could we call you?"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enquiry_url(enquiry, "reply"), reply)
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "waiting_for_reply"
    [entry] = enquiry.entries.all()
    assert (entry.kind, entry.author) == ("email_reply", coordinator)
    emailed = mail.outbox[1]
    assert emailed.to == ["jo@example.com"]
    assert enquiry.reference in emailed.subject
    assert "Could we call you?" in emailed.body
    assert "Could we call you?" in client.get(enquiry_url(enquiry)).content.decode()
    audit = AuditLogEntry.objects.filter(target_label=enquiry.reference)
    assert not any(
        "neighbour" in str(entry.data) or "call you" in str(entry.data) for entry in audit
    )


@pytest.mark.django_db
def test_an_urgent_enquiry_is_flagged_first_and_coordinators_are_emailed(
    coordinator, coordinator_without_2fa, client_for, django_capture_on_commit_callbacks
):
    older = make_enquiry()
    with django_capture_on_commit_callbacks(execute=True):
        urgent = make_enquiry(URGENT_TEXT, email="")
    assert urgent.risk_level == "urgent"
    [alert] = mail.outbox
    assert alert.to == [coordinator.email]
    assert alert.subject == f"An urgent enquiry arrived: {urgent.reference}"
    assert "tablets" not in alert.body
    assert f"/staff/enquiries/{urgent.pk}/" in alert.body
    assert list(inbox()) == [urgent, older]
    html = client_for(coordinator).get(INBOX).content.decode()
    assert html.index(urgent.reference) < html.index(older.reference)
    assert "<strong>Urgent</strong>" in html
    assert inbox_counts() == {"new": 2, "urgent": 1}


@pytest.mark.django_db
def test_a_closed_urgent_enquiry_still_says_urgent_without_the_flag(client_for, coordinator):
    urgent = make_enquiry(URGENT_TEXT)
    change_enquiry_status(enquiry=urgent, status="closed", actor=coordinator)
    html = client_for(coordinator).get(INBOX, {"status": "closed"}).content.decode()
    assert urgent.reference in html
    assert "<td>Urgent</td>" in html and "<strong>Urgent</strong>" not in html
    assert "No risk found" not in html


@pytest.mark.django_db
def test_inbox_order_concern_then_status_then_oldest(coordinator):
    waiting = make_enquiry()
    change_enquiry_status(enquiry=waiting, status="waiting_for_reply", actor=coordinator)
    new_old, new_young = make_enquiry(), make_enquiry()
    worried = make_enquiry(WORRIED_TEXT)
    closed = make_enquiry()
    change_enquiry_status(enquiry=closed, status="closed", actor=coordinator)
    assert closed.closed_at is not None
    assert list(inbox()) == [worried, new_old, new_young, waiting]
    assert list(inbox(status="closed")) == [closed]
    change_enquiry_status(enquiry=closed, status="in_progress", actor=coordinator)
    assert closed.closed_at is None


@pytest.mark.django_db
def test_filters_by_topic_and_assigned_to_me(client_for, coordinator):
    mine = make_enquiry(topic="volunteering")
    make_enquiry(topic="feedback")
    assign_enquiry(enquiry=mine, assignee=coordinator, actor=coordinator)
    client = client_for(coordinator)
    page = client.get(INBOX, {"mine": "on"}).context["page"]
    assert list(page) == [mine]
    page = client.get(INBOX, {"topic": "volunteering"}).context["page"]
    assert list(page) == [mine]
    # Filters that can't be used are ignored, never an error.
    response = client.get(INBOX, {"topic": "\x00" * 5, "status": "x" * 999, "page": "-9"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_inbox_query_count_does_not_grow(
    client_for, coordinator, django_assert_max_num_queries
):
    for _ in range(3):
        enquiry = make_enquiry()
        assign_enquiry(enquiry=enquiry, assignee=coordinator, actor=coordinator)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12) as few:
        client.get(INBOX)
    for _ in range(20):
        enquiry = make_enquiry()
        assign_enquiry(enquiry=enquiry, assignee=coordinator, actor=coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INBOX)


@pytest.mark.django_db
def test_the_enquiry_page_shows_contact_preferences_and_finder_answers(client_for, coordinator):
    answers = FinderAnswers(formats=("group",), place_name="Swansea, Wales, United Kingdom")
    enquiry = make_enquiry(
        contact_methods=["phone"],
        phone="01792 000000",
        ok_to_leave_message=False,
        best_times="Evenings",
        finder_answers=answers.to_dict(),
    )
    html = client_for(coordinator).get(enquiry_url(enquiry)).content.decode()
    assert "Don't leave a message or voicemail." in html
    assert "01792 000000" in html and "Evenings" in html and "Phone call" in html
    assert "Swansea, Wales, United Kingdom" in html


@pytest.mark.django_db
def test_message_text_is_escaped(client_for, coordinator):
    enquiry = make_enquiry("<script>alert(1)</script>")
    html = client_for(coordinator).get(enquiry_url(enquiry)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_assign_status_note_and_a_phone_call(client_for, coordinator, django_user_model):
    enquiry = make_enquiry()
    client = client_for(coordinator)
    assert "Assign to me" in client.get(enquiry_url(enquiry)).content.decode()
    client.post(enquiry_url(enquiry, "assign"), {"assignee": coordinator.pk})
    assert "Assign to me" not in client.get(enquiry_url(enquiry)).content.decode()
    client.post(enquiry_url(enquiry, "note"), {"body": "Left for Casey."})
    client.post(enquiry_url(enquiry, "reply"), {"kind": "phone_call", "body": "Called, all fine."})
    enquiry.refresh_from_db()
    assert enquiry.assigned_to == coordinator
    assert enquiry.status == "in_progress"
    assert [entry.kind for entry in enquiry.entries.all()] == ["note", "phone_call"]
    client.post(enquiry_url(enquiry, "status"), {"status": "closed"})
    enquiry.refresh_from_db()
    assert enquiry.status == "closed" and enquiry.closed_at is not None
    verbs = set(AuditLogEntry.objects.values_list("verb", flat=True))
    assert {"enquiry.assigned", "enquiry.note_added", "enquiry.reply_logged"} <= verbs
    assert "enquiry.status_changed" in verbs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("assign", {"assignee": "999999"}, "assignee"),
        ("assign", {"assignee": "abc"}, "assignee"),
        ("status", {"status": "lost"}, "status"),
        ("note", {"body": "   "}, "body"),
        ("note", {"body": "n" * 5001}, "body"),
        ("reply", {"kind": "carrier_pigeon", "body": "Hello"}, "kind"),
        ("reply", {"kind": "phone_call", "body": ""}, "body"),
    ],
)
def test_bad_input_on_the_enquiry_page_changes_nothing(
    client_for, coordinator, action, data, field
):
    enquiry = make_enquiry()
    response = client_for(coordinator).post(enquiry_url(enquiry, action), data)
    assert response.status_code == 400
    assert field in response.context[f"{action}_form"].errors
    enquiry.refresh_from_db()
    assert enquiry.status == "new" and enquiry.assigned_to is None
    assert not enquiry.entries.exists()
    # The page came back with their message on it: that is a read too.
    assert "Could we talk about groups near me?" in response.content.decode()
    assert AuditLogEntry.objects.filter(verb="enquiry.viewed", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_an_email_reply_needs_an_email_address(client_for, coordinator):
    enquiry = make_enquiry(contact_methods=["phone"], email="", phone="01792 000000")
    response = client_for(coordinator).post(
        enquiry_url(enquiry, "reply"), {"kind": "email_reply", "body": "Hello"}
    )
    assert response.status_code == 400
    assert "didn't give an email address" in response.context["reply_form"].errors["kind"][0]
    assert not enquiry.entries.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "peer_supporter", "moderator"])
def test_only_coordinators_with_two_factor_see_enquiries(client, request, persona):
    enquiry = make_enquiry()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(INBOX).status_code == 404
    assert client.get(enquiry_url(enquiry)).status_code == 404
    response = client.post(enquiry_url(enquiry, "status"), {"status": "closed"})
    assert response.status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.status == "new"


@pytest.mark.django_db
def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(client_for, coordinator_without_2fa):
    # The staff area's middleware answers before the page.
    enquiry = make_enquiry()
    client = client_for(coordinator_without_2fa)
    setup = reverse("mfa_activate_totp")
    assert client.get(INBOX).url == setup
    assert client.get(enquiry_url(enquiry)).url == setup
    assert client.post(enquiry_url(enquiry, "status"), {"status": "closed"}).url == setup
    enquiry.refresh_from_db()
    assert enquiry.status == "new"
    assert not AuditLogEntry.objects.filter(verb="enquiry.viewed").exists()


@pytest.mark.django_db
def test_anonymous_visitors_get_404_too(client):
    enquiry = make_enquiry()
    assert client.get(INBOX).status_code == 404
    assert client.get(enquiry_url(enquiry)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["0", "-1", "abc", str(2**70)])
def test_junk_ids_are_404(client_for, coordinator, junk):
    assert client_for(coordinator).get(f"/staff/enquiries/{junk}/").status_code == 404


@pytest.mark.django_db
def test_the_enquiry_page_query_count_does_not_grow(
    client_for, coordinator, django_assert_max_num_queries
):
    enquiry = make_enquiry(finder_answers=FinderAnswers(formats=("group",)).to_dict())
    client = client_for(coordinator)
    with django_assert_max_num_queries(20) as few:
        client.get(enquiry_url(enquiry))
    for number in range(5):
        colleague = UserFactory(profile__display_name=f"C{number}", roles=[Role.COORDINATOR])
        activate_totp(colleague)
        log_enquiry_reply(enquiry=enquiry, kind="phone_call", body="Called.", actor=colleague)
        add_enquiry_note(enquiry=enquiry, body="Noted.", actor=colleague)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(enquiry_url(enquiry))
    choices = response.context["assign_form"].fields["assignee"].choices
    assert len(choices) == 7  # nobody, Casey and five colleagues
