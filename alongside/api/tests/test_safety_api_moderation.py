"""/api/v1/safety for moderators: alerts, reports, held content and duty. Each endpoint's
effect on what is stored and on the audit log; 404 to everyone else whatever they send;
409s and 422s in plain words; a fixed number of queries per list."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alongside.accounts import actions as account_actions
from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.models import Notification, Post
from alongside.community.tests.factories import conversation_between
from alongside.safety.choices import AlertStatus, ModerationActionKind, ReportStatus
from alongside.safety.models import ModerationAction, ModeratorDuty, Report, SafetyAlert
from alongside.safety.moderation import actions
from alongside.safety.moderation.testing import (
    CALM,
    CONCERN,
    URGENT,
    flagged_message,
    flagged_post,
    flagged_profile,
    flagged_strategy,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/safety"


def token_client(user) -> Client:
    _token, key = account_actions.create_api_token(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type="application/json")


def _alert(content) -> SafetyAlert:
    return content.alerts.get()


def _other_moderator():
    user = UserFactory(profile__display_name="Quinn", roles=[Role.MODERATOR])
    activate_totp(user)
    return user


def _report_about(post_obj, reporter) -> Report:
    return Report.objects.create(
        reporter=reporter,
        target="post",
        post=post_obj,
        reported_member=post_obj.author,
        reason="unkind",
        details="They were cruel to me in the thread",
    )


# ---- Who may call them ------------------------------------------------------------------

REFUSED_CALLERS = ["member", "peer_supporter", "coordinator_without_2fa", "anonymous"]


def _caller(request, who) -> Client:
    return Client() if who == "anonymous" else token_client(request.getfixturevalue(who))


@pytest.mark.parametrize("who", REFUSED_CALLERS)
def test_everyone_but_moderators_gets_404_whatever_they_send(request, who):
    alert = _alert(flagged_post())
    report = _report_about(Post.objects.get(pk=alert.post_id), UserFactory())
    client = _caller(request, who)
    gets = [
        "/alerts",
        "/alerts?status=nonsense&limit=0",
        f"/alerts/{alert.pk}",
        "/alerts/999999",
        "/reports",
        f"/reports/{report.pk}",
        "/held",
        "/duty",
    ]
    posts = [
        (f"/alerts/{alert.pk}/claim", {}),
        (f"/alerts/{alert.pk}/approve", {}),
        (f"/alerts/{alert.pk}/hide", {"reason": 12}),
        (f"/alerts/{alert.pk}/edit", {"nonsense": True}),
        (f"/alerts/{alert.pk}/resolve", {"note": "done"}),
        (f"/reports/{report.pk}/claim", {}),
        (f"/reports/{report.pk}/hide", {"reason": "x"}),
        ("/duty", {"on_duty": "maybe"}),
    ]

    responses = [client.get(API + url) for url in gets]
    responses += [post(client, API + url, body) for url, body in posts]

    assert {response.status_code for response in responses} == {404}
    assert {response.json()["detail"] for response in responses} == {"Not found."}
    assert all(URGENT.encode() not in response.content for response in responses)
    assert not ModerationAction.objects.exists()
    assert SafetyAlert.objects.get().status == AlertStatus.OPEN
    assert not ModeratorDuty.objects.exists()


def test_a_moderator_signed_in_with_a_session_is_served_too(client_for, moderator):
    flagged_post()

    assert client_for(moderator).get(f"{API}/alerts").json()["count"] == 1


# ---- The alert queue --------------------------------------------------------------------


def test_alerts_come_in_queue_order_with_plain_words_and_no_member_text(moderator):
    concern = _alert(flagged_post(text=CONCERN))
    urgent = _alert(flagged_message(text=URGENT))
    writer = urgent.member

    response = token_client(moderator).get(f"{API}/alerts")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [urgent.pk, concern.pk]
    first = body["items"][0]
    assert first["level"] == "urgent" and first["status"] == "open"
    assert first["target"] == "message" and first["target_id"] == urgent.message_id
    assert first["writer"] == {"id": writer.pk, "display_name": writer.profile.display_name}
    assert first["claimed_by"] is None
    assert {"id": "method.overdose", "description": "mentions pills or an overdose"} in (
        first["signals"]
    )
    assert "urgent: intent and a method" in first["signal_descriptions"]
    assert URGENT.encode() not in response.content
    assert CONCERN.encode() not in response.content


def test_alerts_filter_by_status_and_page(moderator):
    alerts = [_alert(flagged_post()) for _ in range(3)]
    actions.claim_item(moderator=moderator, item=alerts[0])
    client = token_client(moderator)

    claimed = client.get(f"{API}/alerts", {"status": "claimed"}).json()
    assert [item["id"] for item in claimed["items"]] == [alerts[0].pk]
    assert claimed["items"][0]["claimed_by"]["display_name"] == "Morgan"
    assert client.get(f"{API}/alerts", {"status": "open"}).json()["count"] == 2
    page = client.get(f"{API}/alerts", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1


@pytest.mark.parametrize(
    "query, field",
    [
        ({"status": "everything"}, "status"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"limit": "many"}, "limit"),
    ],
)
def test_bad_list_input_is_a_422_beside_the_field(moderator, query, field):
    response = token_client(moderator).get(f"{API}/alerts", query)

    assert response.status_code == 422
    assert field in response.json()["errors"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/alerts", "/reports", "/held"])
def test_lists_cost_the_same_number_of_queries_however_long(moderator, url):
    client = token_client(moderator)
    reporter = UserFactory()

    def add_one():
        flagged = flagged_post()
        _report_about(flagged, reporter)
        actions.claim_item(moderator=moderator, item=_alert(flagged))

    add_one()
    flagged_strategy()  # every kind of held content is there from the start
    flagged_profile()
    client.get(API + url)  # the token's first use is recorded once
    one = _queries(client, API + url)
    for _ in range(4):
        add_one()
    flagged_strategy()
    flagged_profile()
    five = _queries(client, API + url)

    assert five == one


# ---- One alert --------------------------------------------------------------------------


def test_an_alert_shows_its_content_and_history(moderator):
    alert = _alert(flagged_post())
    actions.claim_item(moderator=moderator, item=alert)

    body = token_client(moderator).get(f"{API}/alerts/{alert.pk}").json()

    assert body["content"]["kind"] == "post"
    assert body["content"]["status"] == "held" and body["content"]["held"] is True
    assert body["content"]["fields"] == [{"name": "body", "label": "Post", "text": URGENT}]
    assert body["awaits_decision"] is True and body["can_edit"] is True
    assert [entry["kind"] for entry in body["history"]] == ["claim"]
    assert body["history"][0]["moderator"]["display_name"] == "Morgan"


def test_reading_an_alert_about_a_direct_message_is_audit_logged(moderator, member, other_member):
    conversation = conversation_between(member, other_member)
    alert = _alert(flagged_message(author=member, room=conversation.room))

    response = token_client(moderator).get(f"{API}/alerts/{alert.pk}")

    assert response.status_code == 200
    entry = AuditLogEntry.objects.get(verb="moderation.private_message_read")
    assert entry.actor == moderator and entry.target_id == str(alert.pk)
    assert URGENT not in entry.target_label


def test_an_alert_that_does_not_exist_or_could_not_is_404(moderator):
    client = token_client(moderator)
    for alert_id in ["12345", "0", "-3", str(2**70)]:
        response = client.get(f"{API}/alerts/{alert_id}")
        assert response.status_code == 404, alert_id
        assert post(client, f"{API}/alerts/{alert_id}/claim").status_code == 404


def test_an_id_that_is_not_a_number_is_a_422(moderator):
    response = token_client(moderator).get(f"{API}/alerts/abc")

    assert response.status_code == 422
    assert "alert_id" in response.json()["errors"]


# ---- Acting on an alert -----------------------------------------------------------------


def test_claiming_stores_who_and_writes_the_history_and_audit(moderator):
    alert = _alert(flagged_post())

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/claim")

    assert response.status_code == 200
    assert response.json()["status"] == "claimed"
    alert.refresh_from_db()
    assert alert.claimed_by == moderator and alert.status == AlertStatus.CLAIMED
    assert ModerationAction.objects.get(alert=alert).kind == ModerationActionKind.CLAIM
    assert AuditLogEntry.objects.filter(verb="moderation.claim", actor=moderator).exists()


def test_claiming_an_alert_someone_else_has_is_a_409_and_changes_nothing(moderator):
    alert = _alert(flagged_post())
    actions.claim_item(moderator=_other_moderator(), item=alert)

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/claim")

    assert response.status_code == 409
    assert response.json()["detail"] == "Quinn has already claimed this alert."
    alert.refresh_from_db()
    assert alert.claimed_by.profile.display_name == "Quinn"
    assert ModerationAction.objects.filter(alert=alert).count() == 1


def test_acting_without_claiming_first_is_a_409(moderator):
    alert = _alert(flagged_post())

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/approve")

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Claim this alert first, so that nobody else takes it too."
    )
    assert Post.objects.get(pk=alert.post_id).status == ContentStatus.HELD


def test_releasing_puts_the_alert_back(moderator):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/release")

    assert response.json()["status"] == "open"
    alert.refresh_from_db()
    assert alert.claimed_by is None
    assert AuditLogEntry.objects.filter(verb="moderation.release").exists()


def test_approving_shows_held_content_and_tells_the_writer(moderator):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/approve")

    assert response.status_code == 200
    assert Post.objects.get(pk=alert.post_id).status == ContentStatus.VISIBLE
    assert Notification.objects.filter(user=alert.member, kind=NotificationKind.MODERATION).exists()
    assert AuditLogEntry.objects.filter(verb="moderation.approve").exists()


def test_hiding_needs_a_reason_then_hides(moderator):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))
    client = token_client(moderator)

    for body in ({}, {"reason": "   "}):
        refused = post(client, f"{API}/alerts/{alert.pk}/hide", body)
        assert refused.status_code == 422
        assert refused.json()["errors"] == {"reason": ["Write why you are hiding it first."]}
    assert Post.objects.get(pk=alert.post_id).status == ContentStatus.HELD

    response = post(client, f"{API}/alerts/{alert.pk}/hide", {"reason": "Unsafe detail"})

    assert response.status_code == 200
    assert Post.objects.get(pk=alert.post_id).status == ContentStatus.HIDDEN
    action = ModerationAction.objects.get(alert=alert, kind=ModerationActionKind.HIDE)
    assert action.reason == "Unsafe detail"
    entry = AuditLogEntry.objects.get(verb="moderation.hide")
    assert "Unsafe detail" not in str(entry.data) and URGENT not in entry.target_label


def test_editing_rewrites_the_content_with_a_reason(moderator):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))

    response = post(
        token_client(moderator),
        f"{API}/alerts/{alert.pk}/edit",
        {"text": "I am having a really hard night.", "reason": "Removed the method"},
    )

    assert response.status_code == 200
    stored = Post.objects.get(pk=alert.post_id)
    assert stored.body == "I am having a really hard night."
    assert stored.revisions.get().body == URGENT
    assert AuditLogEntry.objects.filter(verb="moderation.edit").exists()


@pytest.mark.parametrize(
    "body, errors",
    [
        ({"text": "Better words"}, {"reason": ["Write why you are editing it first."]}),
        ({"text": "", "reason": "r"}, {"text": None}),
        ({"text": "x" * 60_000, "reason": "r"}, {"text": None}),
        ({"title": "A title", "reason": "r"}, {"title": ["A post has no title."]}),
        ({"text": 3, "reason": "r"}, {"text": None}),
        ({"content": "x", "reason": "r"}, {"content": ["This field isn't recognised."]}),
    ],
    ids=["no-reason", "empty", "too-long", "title-on-a-post", "number", "unknown-field"],
)
def test_edit_mistakes_are_422s_beside_the_field_and_change_nothing(moderator, body, errors):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))

    response = post(token_client(moderator), f"{API}/alerts/{alert.pk}/edit", body)

    assert response.status_code == 422
    got = response.json()["errors"]
    assert set(got) == set(errors)
    for field, messages in errors.items():
        assert got[field] and all(message.strip() for message in got[field])
        if messages is not None:
            assert got[field] == messages
    assert Post.objects.get(pk=alert.post_id).body == URGENT


def test_editing_a_coping_strategy_maps_its_fields(moderator):
    strategy = flagged_strategy()
    alert = actions.claim_item(moderator=moderator, item=_alert(strategy))

    response = post(
        token_client(moderator),
        f"{API}/alerts/{alert.pk}/edit",
        {"title": "Evenings", "text": "Call a friend.", "reason": "Method removed"},
    )

    assert response.status_code == 200
    strategy.refresh_from_db()
    assert (strategy.title, strategy.what_it_is, strategy.when_it_helps) == (
        "Evenings",
        "Call a friend.",
        "Late at night.",
    )


def test_a_profile_cannot_be_edited_409(moderator):
    profile = flagged_profile()
    alert = actions.claim_item(moderator=moderator, item=_alert(profile))

    response = post(
        token_client(moderator), f"{API}/alerts/{alert.pk}/edit", {"text": "x", "reason": "r"}
    )

    assert response.status_code == 409
    assert "approve it or hide it" in response.json()["detail"]


def test_resolving_needs_a_decision_on_held_content_first(moderator):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))
    client = token_client(moderator)

    refused = post(client, f"{API}/alerts/{alert.pk}/resolve", {"note": "Spoke to them"})
    assert refused.status_code == 409
    assert "still held" in refused.json()["detail"]
    assert post(client, f"{API}/alerts/{alert.pk}/resolve", {}).status_code == 422

    post(client, f"{API}/alerts/{alert.pk}/approve")
    response = post(client, f"{API}/alerts/{alert.pk}/resolve", {"note": "Spoke to them"})

    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED and alert.resolution_note == "Spoke to them"
    assert response.json()["resolved_by"]["display_name"] == "Morgan"
    assert post(client, f"{API}/alerts/{alert.pk}/claim").status_code == 409


@pytest.mark.parametrize("raw", ["", "{", "[1]", "null"])
def test_a_body_that_is_not_an_object_is_a_422(moderator, raw):
    alert = actions.claim_item(moderator=moderator, item=_alert(flagged_post()))

    response = token_client(moderator).post(
        f"{API}/alerts/{alert.pk}/hide", raw, content_type="application/json"
    )

    assert response.status_code == 422
    assert Post.objects.get(pk=alert.post_id).status == ContentStatus.HELD


# ---- Reports ----------------------------------------------------------------------------


def test_reports_are_listed_without_what_anyone_wrote(moderator, member):
    report = _report_about(flagged_post(text=CALM), member)

    response = token_client(moderator).get(f"{API}/reports")

    item = response.json()["items"][0]
    assert item["id"] == report.pk and item["reason"] == "unkind"
    assert item["reporter"]["display_name"] == "Robin"
    assert item["target"] == "post" and item["target_id"] == report.post_id
    assert b"cruel" not in response.content and CALM.encode() not in response.content


def test_a_report_shows_what_was_reported(moderator, member):
    report = _report_about(flagged_post(text=CALM), member)

    body = token_client(moderator).get(f"{API}/reports/{report.pk}").json()

    assert body["details"] == "They were cruel to me in the thread"
    assert body["content"]["fields"][0]["text"] == CALM


def test_claiming_hiding_and_resolving_a_report(moderator, member):
    report = _report_about(flagged_post(text=CALM), member)
    client = token_client(moderator)

    assert post(client, f"{API}/reports/{report.pk}/claim").json()["status"] == "claimed"
    assert post(client, f"{API}/reports/{report.pk}/hide", {}).status_code == 422
    assert post(client, f"{API}/reports/{report.pk}/hide", {"reason": "Unkind"}).status_code == (
        200
    )
    assert Post.objects.get(pk=report.post_id).status == ContentStatus.HIDDEN
    response = post(client, f"{API}/reports/{report.pk}/resolve", {"note": "Hidden it"})

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert Notification.objects.filter(user=member, kind=NotificationKind.MODERATION).exists()
    kinds = list(ModerationAction.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["claim", "hide", "resolve"]


def test_hiding_a_report_about_a_member_is_a_409(moderator, member, other_member):
    report = Report.objects.create(
        reporter=member,
        target="member",
        member=other_member,
        reported_member=other_member,
        reason="unkind",
    )
    client = token_client(moderator)
    post(client, f"{API}/reports/{report.pk}/claim")

    response = post(client, f"{API}/reports/{report.pk}/hide", {"reason": "x"})

    assert response.status_code == 409
    assert "nothing to hide" in response.json()["detail"]
    assert post(client, f"{API}/reports/{report.pk}/release").json()["status"] == "open"


# ---- Held content and duty --------------------------------------------------------------


def test_held_content_is_listed_oldest_first_without_its_text(moderator):
    first = flagged_post()
    second = flagged_profile()
    flagged_post(text=CONCERN)  # concern is not held

    response = token_client(moderator).get(f"{API}/held")

    body = response.json()
    assert body["count"] == 2
    assert [(item["kind"], item["id"]) for item in body["items"]] == [
        ("post", first.pk),
        ("profile", second.pk),
    ]
    assert body["items"][0]["alert_level"] == "urgent"
    assert URGENT.encode() not in response.content


def test_going_on_and_off_duty(moderator):
    client = token_client(moderator)

    assert client.get(f"{API}/duty").json() == {"on_duty": False}
    assert post(client, f"{API}/duty", {"on_duty": True}).json() == {"on_duty": True}
    assert ModeratorDuty.objects.get(moderator=moderator).on_duty is True
    assert post(client, f"{API}/duty", {"on_duty": False}).json() == {"on_duty": False}
    assert client.get(f"{API}/duty").json() == {"on_duty": False}
    verbs = AuditLogEntry.objects.filter(actor=moderator).values_list("verb", flat=True)
    assert "safety.moderator_on_duty" in verbs and "safety.moderator_off_duty" in verbs


@pytest.mark.parametrize("body", [{}, {"on_duty": "perhaps"}, {"on_duty": None}])
def test_duty_needs_a_yes_or_no(moderator, body):
    response = post(token_client(moderator), f"{API}/duty", body)

    assert response.status_code == 422
    assert "on_duty" in response.json()["errors"]
    assert not ModeratorDuty.objects.exists()


def test_reading_a_report_about_a_direct_message_is_audit_logged(moderator, member, other_member):
    conversation = conversation_between(member, other_member)
    message = flagged_message(text=CALM, author=other_member, room=conversation.room)
    report = Report.objects.create(
        reporter=member,
        target="message",
        message=message,
        reported_member=other_member,
        reason="unkind",
    )

    body = token_client(moderator).get(f"{API}/reports/{report.pk}").json()

    assert body["content"]["fields"] == [{"name": "body", "label": "Message", "text": CALM}]
    entry = AuditLogEntry.objects.get(verb="moderation.private_message_read")
    assert entry.actor == moderator and entry.data == {"message_id": message.pk}
