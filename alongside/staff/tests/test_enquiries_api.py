"""/api/v1/enquiries: anyone sends (no CSRF without a session), coordinators list, read,
update and log; everyone else gets 404; junk never fails."""

import json

import pytest
from django.core import mail
from django.test import Client

from alongside.common.models import AuditLogEntry
from alongside.staff.actions.enquiries import submit_enquiry
from alongside.staff.models import Enquiry

URL = "/api/v1/enquiries"
URGENT_TEXT = "I've decided to end my life tonight and I have the tablets saved up."


def body(**changes) -> dict:
    return {
        "topic": "support_needs",
        "message": "Could we talk about mentoring?",
        "contact_methods": ["email"],
        "email": "jo@example.com",
        **changes,
    }


def send(client, data, method="post", url=URL):
    payload = data if isinstance(data, str) else json.dumps(data)
    return getattr(client, method)(url, payload, content_type="application/json")


def make_enquiry(**changes) -> Enquiry:
    fields = {"topic": "other", "contact_methods": ["email"], "email": "jo@example.com"}
    return submit_enquiry(message="Hello there", **{**fields, **changes})


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_anyone_can_send_without_a_csrf_token(strict_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(strict_client, body())
    assert response.status_code == 201, response.content
    out = response.json()
    enquiry = Enquiry.objects.get()
    assert out["reference"] == enquiry.reference
    assert out["acknowledgement_sent"] is True
    assert out["safety"] is None
    assert enquiry.user is None
    assert mail.outbox[0].to == ["jo@example.com"]


@pytest.mark.django_db
def test_a_signed_in_browser_needs_its_csrf_token(strict_client, member):
    # Otherwise another site could send a message as the member.
    strict_client.force_login(member)
    response = send(strict_client, body())
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


@pytest.mark.django_db
def test_an_urgent_message_gets_support_at_once(client):
    response = send(client, body(message=URGENT_TEXT))
    assert response.status_code == 201
    assert response.json()["safety"]["level"] == "urgent"


@pytest.mark.django_db
def test_a_signed_in_member_sends_as_themselves(client_for, member):
    response = send(
        client_for(member),
        body(email="", contact_methods=["text"], phone="07700 900123", ok_to_leave_message=False),
    )
    assert response.status_code == 201, response.content
    enquiry = Enquiry.objects.get()
    assert enquiry.user == member
    assert enquiry.ok_to_leave_message is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"topic": "x"}, "topic", "Choose what your message is about."),
        ({"message": ""}, "message", "Write your message."),
        ({"email": ""}, "email", "so that we can email you"),
        ({"contact_methods": []}, "contact_methods", "Choose at least one way"),
        (
            {"contact_methods": ["phone"], "phone": "abc", "ok_to_leave_message": True},
            "phone",
            "only digits",
        ),
        ({"contact_methods": ["phone"], "phone": "029 2018 0000"}, "ok_to_leave_message", "safe"),
        ({"finder_answers": {"place": "Nowhereville Zzz"}}, "finder_answers.place", ""),
        ({"finder_answers": {"travel_distance": -5}}, "finder_answers.travel_distance", ""),
    ],
)
def test_the_same_words_as_the_form(client, changes, field, words):
    response = send(client, body(**changes))
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert Enquiry.objects.count() == 0


@pytest.mark.django_db
def test_finder_answers_are_attached(client):
    answers = {"formats": ["group"], "languages": ["cy"]}
    assert send(client, body(finder_answers=answers)).status_code == 201
    stored = Enquiry.objects.get().finder_answers
    assert stored["formats"] == ["group"] and stored["languages"] == ["cy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "junk",
    [
        "not json",
        "[]",
        "null",
        json.dumps({**body(), "message": 12}),
        json.dumps({**body(), "contact_methods": "email"}),
        json.dumps({**body(), "message": "\ud800\x00" * 3}),
        json.dumps({**body(), "surprise": 1}),
        json.dumps({**body(), "finder_answers": {"topics": [1, {}], "travel_distance": 1e308}}),
        json.dumps({**body(), "ok_to_leave_message": "perhaps"}),
    ],
)
def test_junk_is_a_422_never_a_500(client, junk):
    response = send(client, junk)
    assert response.status_code == 422, response.content
    assert Enquiry.objects.count() == 0


@pytest.mark.django_db
def test_characters_no_database_stores_are_dropped_not_a_500(client):
    changes = {"name": "Jo\ud800", "best_times": "\udfffEvenings\x01"}
    response = send(client, json.dumps(body(**changes)))
    assert response.status_code == 201, response.content
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.best_times) == ("Jo", "Evenings")


@pytest.mark.django_db
def test_sending_is_rate_limited(client):
    for number in range(5):
        assert send(client, body(email=f"jo{number}@example.com")).status_code == 201
    response = send(client, body())
    assert response.status_code == 429
    assert "Please wait" in response.json()["detail"]
    assert Enquiry.objects.count() == 5


@pytest.mark.django_db
def test_coordinators_list_urgent_first_and_filter(client_for, coordinator):
    calm = make_enquiry(topic="feedback")
    urgent = submit_enquiry(
        message=URGENT_TEXT, topic="concern", contact_methods=["email"], email="a@example.com"
    )
    client = client_for(coordinator)
    out = client.get(URL).json()
    assert out["count"] == 2
    assert [item["reference"] for item in out["items"]] == [urgent.reference, calm.reference]
    assert out["items"][0]["risk_level"] == "urgent"
    assert [i["id"] for i in client.get(URL, {"topic": "feedback"}).json()["items"]] == [calm.pk]
    assert client.get(URL, {"status": "closed"}).json()["count"] == 0
    assert client.get(URL, {"status": "lost"}).status_code == 422
    assert client.get(URL, {"limit": 0}).status_code == 422
    assert client.get(URL, {"assigned_to": coordinator.pk}).json()["count"] == 0
    assert client.get(URL, {"assigned_to": -1}).status_code == 422
    assert client.get(URL, {"assigned_to": 2**70}).status_code == 422


@pytest.mark.django_db
def test_coordinators_read_update_and_log(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    enquiry = make_enquiry()
    client = client_for(coordinator)
    detail = client.get(f"{URL}/{enquiry.pk}").json()
    assert detail["message"] == "Hello there"
    assert detail["entries"] == []
    assert AuditLogEntry.objects.filter(verb="enquiry.viewed").count() == 1

    response = send(
        client,
        {"assigned_to": coordinator.pk, "status": "in_progress"},
        "patch",
        f"{URL}/{enquiry.pk}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["assigned_to"]["id"] == coordinator.pk
    assert response.json()["status"] == "in_progress"

    response = send(client, {"assigned_to": None}, "patch", f"{URL}/{enquiry.pk}")
    assert response.json()["assigned_to"] is None
    assert response.json()["status"] == "in_progress"
    # Each answer showed their message: each is a read in the audit log.
    assert AuditLogEntry.objects.filter(verb="enquiry.viewed").count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client,
            {"kind": "email_reply", "body": "We'd love to help."},
            url=f"{URL}/{enquiry.pk}/entries",
        )
    assert response.status_code == 201, response.content
    assert response.json()["author"]["id"] == coordinator.pk
    assert "We'd love to help." in mail.outbox[-1].body
    note = send(client, {"kind": "note", "body": "Internal."}, url=f"{URL}/{enquiry.pk}/entries")
    assert note.status_code == 201
    enquiry.refresh_from_db()
    assert enquiry.status == "waiting_for_reply"
    assert [e.kind for e in enquiry.entries.all()] == ["email_reply", "note"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("", {"status": "lost"}),
        ("", {"assigned_to": 999999}),
        ("", {"assigned_to": "me"}),
        ("", {"colour": "red"}),
        ("/entries", {"kind": "pigeon", "body": "hi"}),
        ("/entries", {"kind": "note", "body": ""}),
        ("/entries", {"kind": "note", "body": "n" * 5001}),
    ],
)
def test_bad_updates_are_422_and_change_nothing(client_for, coordinator, path, data):
    enquiry = make_enquiry(email="")
    method = "patch" if not path else "post"
    response = send(client_for(coordinator), data, method, f"{URL}/{enquiry.pk}{path}")
    assert response.status_code == 422, response.content
    enquiry.refresh_from_db()
    assert enquiry.status == "new" and enquiry.assigned_to is None
    assert not enquiry.entries.exists()


@pytest.mark.django_db
def test_an_email_reply_without_an_address_is_refused(client_for, coordinator):
    enquiry = make_enquiry(email="", contact_methods=["phone"], phone="01792 000000")
    response = send(
        client_for(coordinator),
        {"kind": "email_reply", "body": "Hi"},
        url=f"{URL}/{enquiry.pk}/entries",
    )
    assert response.status_code == 422
    assert "email address" in response.json()["errors"]["kind"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "member", "moderator", "coordinator_without_2fa"])
def test_everyone_else_gets_404(client, request, persona):
    enquiry = make_enquiry()
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}/{enquiry.pk}").status_code == 404
    assert send(client, {"status": "closed"}, "patch", f"{URL}/{enquiry.pk}").status_code == 404
    response = send(client, {"kind": "note", "body": "x"}, url=f"{URL}/{enquiry.pk}/entries")
    assert response.status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.status == "new" and not enquiry.entries.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["0", "-3", str(2**70), "abc"])
def test_junk_ids(client_for, coordinator, junk):
    response = client_for(coordinator).get(f"{URL}/{junk}")
    assert response.status_code in (404, 422)


@pytest.mark.django_db
def test_the_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/enquiries" in schema["paths"]
    create = schema["paths"]["/api/v1/enquiries"]["post"]
    assert "429" in create["responses"] and "422" in create["responses"]
    assert "/api/v1/enquiries/{enquiry_id}/entries" in schema["paths"]
