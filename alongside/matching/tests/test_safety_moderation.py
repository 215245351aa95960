"""Alerts on what people write for mentoring and befriending, in the moderation queue: the
queue, the alert page, held content and the API show each of the five kinds without error;
held requests and applications can be approved or hidden; private writing in a match is
read, never hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts import actions as account_actions
from alongside.community.models import Notification
from alongside.matching.choices import MatchMode, MatchStatus, SupporterStatus
from alongside.matching.models import CheckIn, MatchFeedback, MatchReflection
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)
from alongside.safety.alerts import raise_alert
from alongside.safety.choices import AlertTarget
from alongside.safety.models import SafetyAlert
from alongside.safety.moderation import actions
from alongside.safety.moderation.testing import CONCERN, URGENT
from alongside.safety.risk import RiskContext, assess_risk
from alongside.safety.risk.stored import apply_risk

pytestmark = pytest.mark.django_db
QUEUE = "/staff/moderation/"


def _flag(content, field: str, text: str, writer):
    setattr(content, field, text)
    apply_risk(content, assess_risk(text, RiskContext(purpose="post")))
    content.save()
    raise_alert(content=content, member=writer)
    return content.alerts.get()


def flagged_request(text=URGENT):
    support_request = SupportRequestFactory()
    return _flag(support_request, "about", text, support_request.member)


def flagged_application(text=URGENT):
    profile = SupporterProfileFactory(status=SupporterStatus.APPLIED)
    return _flag(profile, "experience", text, profile.user)


def flagged_check_in(text=CONCERN):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    check_in = CheckIn(
        match=match,
        logged_by=match.supporter,
        contact_on=match.activated_at.date(),
        mode=MatchMode.PHONE,
        minutes=30,
        worried=True,
    )
    return _flag(check_in, "notes", text, match.supporter)


def flagged_feedback(text=CONCERN):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    feedback = MatchFeedback(match=match, author=match.member, how_its_going=1)
    return _flag(feedback, "comment", text, match.member)


def flagged_reflection(text=CONCERN):
    match = MatchFactory(status=MatchStatus.ENDED)
    reflection = MatchReflection(match=match, author=match.member)
    return _flag(reflection, "text", text, match.member)


MAKERS = {
    AlertTarget.SUPPORT_REQUEST: flagged_request,
    AlertTarget.SUPPORTER_PROFILE: flagged_application,
    AlertTarget.CHECK_IN: flagged_check_in,
    AlertTarget.MATCH_FEEDBACK: flagged_feedback,
    AlertTarget.MATCH_REFLECTION: flagged_reflection,
}
PLACES = {
    AlertTarget.SUPPORT_REQUEST: "Their request for befriending",
    AlertTarget.SUPPORTER_PROFILE: "Their application to be a peer supporter",
    AlertTarget.CHECK_IN: "A supporter's check-in note on a befriending match",
    AlertTarget.MATCH_FEEDBACK: "Feedback on a befriending match",
    AlertTarget.MATCH_REFLECTION: "A reflection at the end of a befriending match",
}


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_lists_an_alert_of_each_new_kind(client_for, moderator):
    alerts = [make() for make in MAKERS.values()]

    page = _page(client_for(moderator).get(QUEUE))

    for alert in alerts:
        assert f"Alert {alert.pk}: {alert.get_target_display()}" in page
    assert "Request for mentoring or befriending" in page


@pytest.mark.parametrize("target", list(MAKERS))
def test_the_alert_page_shows_what_was_written_and_where(client_for, moderator, target):
    alert = MAKERS[target]()

    page = _page(client_for(moderator).get(f"{QUEUE}alerts/{alert.pk}/"))

    assert (URGENT if alert.level == "urgent" else CONCERN) in page
    assert PLACES[target].replace("'", "&#x27;") in page
    # Claimed, it offers only what can be done to this kind of content.
    actions.claim_item(moderator=moderator, item=alert)
    page = _page(client_for(moderator).get(f"{QUEUE}alerts/{alert.pk}/"))
    private = target in (
        AlertTarget.CHECK_IN,
        AlertTarget.MATCH_FEEDBACK,
        AlertTarget.MATCH_REFLECTION,
    )
    assert ("Private to the match" in page) is private
    assert (f"/staff/moderation/alerts/{alert.pk}/hide/" in page) is not private


def test_held_requests_and_applications_are_listed_as_held(client_for, moderator):
    request_alert = flagged_request()
    application_alert = flagged_application()

    page = _page(client_for(moderator).get(QUEUE, {"show": "held"}))

    assert f"Request for support {request_alert.support_request_id}" in page
    assert f"Supporter application {application_alert.supporter_profile_id}" in page


def test_approving_a_held_request_puts_it_back_and_tells_the_member(moderator):
    alert = flagged_request()
    actions.claim_item(moderator=moderator, item=alert)

    actions.approve_alert_content(moderator=moderator, alert=alert)

    support_request = alert.support_request
    support_request.refresh_from_db()
    assert not support_request.text_held
    told = Notification.objects.get(user=support_request.member)
    assert "Your request is back on our list" in told.text
    assert URGENT not in told.text


def test_hiding_a_held_application_keeps_it_held(moderator):
    alert = flagged_application()
    actions.claim_item(moderator=moderator, item=alert)

    actions.hide_alert_content(moderator=moderator, alert=alert, reason="Needs a conversation.")

    alert.supporter_profile.refresh_from_db()
    assert alert.supporter_profile.text_held
    assert actions.is_hidden(alert, alert.supporter_profile)
    with pytest.raises(actions.ModerationError, match="already hidden"):
        actions.hide_alert_content(moderator=moderator, alert=alert, reason="Again.")


def test_private_writing_in_a_match_is_never_hidden(moderator):
    alert = flagged_check_in()
    actions.claim_item(moderator=moderator, item=alert)

    with pytest.raises(actions.ModerationError, match="private to the match"):
        actions.hide_alert_content(moderator=moderator, alert=alert, reason="No.")
    with pytest.raises(actions.ModerationError, match="isn't held"):
        actions.approve_alert_content(moderator=moderator, alert=alert)

    resolved = actions.resolve_alert(moderator=moderator, alert=alert, note="Called them.")
    assert resolved.status == "resolved"


@pytest.mark.parametrize("target", list(MAKERS))
def test_the_api_shows_each_kind_of_alert(moderator, target):
    from django.test import Client

    alert = MAKERS[target]()
    _token, key = account_actions.create_api_token(user=moderator, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    response = client.get(f"/api/v1/safety/alerts/{alert.pk}")

    assert response.status_code == 200, response.content
    content = response.json()["content"]
    assert content["kind"] == target
    assert content["place"] == PLACES[target]
    assert any(field["text"] in (URGENT, CONCERN) for field in content["fields"])


def test_the_queue_costs_the_same_queries_however_many_match_alerts(client_for, moderator):
    client = client_for(moderator)
    for make in MAKERS.values():
        make()
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        _page(client.get(QUEUE, {"show": "held"}))
    for make in MAKERS.values():
        make()
    with CaptureQueriesContext(connection) as many:
        _page(client.get(QUEUE, {"show": "held"}))

    assert len(many) == len(few)
    assert SafetyAlert.objects.count() == 10
