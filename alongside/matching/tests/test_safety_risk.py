"""The safety net on what people write for mentoring and befriending: urgent writing
raises an urgent alert and is held; concern raises a concern alert and is shown."""

import pytest

from alongside.common.models import AuditLogEntry
from alongside.matching.actions import requests as request_actions
from alongside.matching.actions import supporters as supporter_actions
from alongside.matching.choices import RequestSource
from alongside.matching.engine import load_supporters
from alongside.matching.tests.factories import request_data, supporter_data
from alongside.safety.choices import AlertTarget
from alongside.safety.models import SafetyAlert
from alongside.safety.moderation.testing import CALM, CONCERN, URGENT
from alongside.safety.risk import RiskLevel

pytestmark = pytest.mark.django_db


def test_urgent_request_text_raises_an_urgent_alert_and_holds_the_text(member):
    support_request = request_actions.create_support_request(
        member=member, actor=member, data=request_data(about=URGENT)
    )

    support_request.refresh_from_db()
    assert support_request.text_held
    assert support_request.risk_level == RiskLevel.URGENT
    alert = SafetyAlert.objects.get()
    assert alert.target == AlertTarget.SUPPORT_REQUEST
    assert alert.support_request == support_request
    assert alert.content == support_request
    assert (alert.level, alert.member) == (RiskLevel.URGENT, member)
    entry = AuditLogEntry.objects.get(verb="safety.alert_raised")
    assert "pills" not in str(entry.data)


def test_concern_in_a_request_raises_a_concern_alert_and_nothing_is_held(member):
    support_request = request_actions.create_support_request(
        member=member, actor=member, data=request_data(about=CONCERN)
    )

    assert not support_request.text_held
    alert = SafetyAlert.objects.get()
    assert (alert.target, alert.level) == (AlertTarget.SUPPORT_REQUEST, RiskLevel.CONCERN)


def test_calm_text_raises_nothing(member):
    request_actions.create_support_request(
        member=member, actor=member, data=request_data(about=CALM)
    )

    assert not SafetyAlert.objects.exists()


def test_access_needs_text_is_checked_with_the_rest(member):
    support_request = request_actions.create_support_request(
        member=member,
        actor=member,
        data=request_data(about=CALM, access_needs=["other"], access_needs_other=URGENT),
    )

    assert support_request.text_held
    assert SafetyAlert.objects.get().level == RiskLevel.URGENT


def test_urgent_words_written_later_raise_the_alert_and_hold_the_request(waiting_request, member):
    request_actions.update_support_request(
        support_request=waiting_request, actor=member, data={"about": CONCERN}
    )
    request_actions.update_support_request(
        support_request=waiting_request, actor=member, data={"about": URGENT}
    )

    waiting_request.refresh_from_db()
    assert waiting_request.text_held
    alert = SafetyAlert.objects.get()  # the same alert, raised higher
    assert alert.level == RiskLevel.URGENT


def test_a_request_a_coordinator_typed_in_alerts_about_the_member(member, coordinator):
    request_actions.create_support_request(
        member=member,
        actor=coordinator,
        data=request_data(about=URGENT),
        source=RequestSource.ENQUIRY,
    )

    assert SafetyAlert.objects.get().member == member


def test_urgent_supporter_text_is_held_and_keeps_them_out_of_matching(member):
    profile = supporter_actions.apply_to_support(
        user=member, data=supporter_data(experience=URGENT)
    )

    profile.refresh_from_db()
    assert profile.text_held
    alert = SafetyAlert.objects.get()
    assert (alert.target, alert.supporter_profile, alert.level) == (
        AlertTarget.SUPPORTER_PROFILE,
        profile,
        RiskLevel.URGENT,
    )
    profile.status = "approved"
    profile.save()
    assert profile.user_id not in {facts.user_id for facts in load_supporters()}


def test_concern_in_a_supporters_motivation_raises_a_concern_alert(
    supporter_profile, peer_supporter
):
    supporter_actions.update_supporter_profile(
        profile=supporter_profile, actor=peer_supporter, data={"motivation": CONCERN}
    )

    supporter_profile.refresh_from_db()
    assert not supporter_profile.text_held
    alert = SafetyAlert.objects.get()
    assert (alert.target, alert.level, alert.member) == (
        AlertTarget.SUPPORTER_PROFILE,
        RiskLevel.CONCERN,
        peer_supporter,
    )
