"""Coordinators are told, once, about proposals nobody answered and matches gone quiet,
and at once when a supporter is worried."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.community.choices import NotificationKind
from alongside.community.models import Notification
from alongside.matching.actions.contact import log_check_in
from alongside.matching.actions.proposals import respond_to_match
from alongside.matching.choices import MatchMode, MatchStatus
from alongside.matching.models import Match
from alongside.matching.selectors import coordinator_alerts
from alongside.matching.tasks import (
    alert_no_contact,
    alert_no_response,
    send_due_alerts,
    send_no_contact_alert,
    send_no_response_alert,
)
from alongside.matching.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def coordinators(coordinator):
    second = UserFactory(profile__display_name="Drew", roles=[Role.COORDINATOR])
    activate_totp(second)
    return [coordinator, second]


def alerts_for(user):
    return Notification.objects.filter(user=user, kind=NotificationKind.MATCH)


def make_old(match, **fields):
    Match.objects.filter(pk=match.pk).update(**fields)
    match.refresh_from_db()
    return match


def test_an_unanswered_proposal_alerts_every_coordinator_once(
    coordinators, coordinator_without_2fa, django_capture_on_commit_callbacks
):
    match = MatchFactory()
    # Not yet 3 days: nothing.
    assert alert_no_response.call(match.pk) == 0
    make_old(match, created_at=timezone.now() - 3 * DAY - datetime.timedelta(minutes=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert alert_no_response.call(match.pk) == 2
        assert alert_no_response.call(match.pk) == 0  # once only

    for coordinator in coordinators:
        assert alerts_for(coordinator).get().text.startswith("A supporter hasn't answered")
    assert not alerts_for(coordinator_without_2fa).exists()  # no two-factor: not staff yet
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        coordinator.email for coordinator in coordinators
    )
    assert f"/staff/matching/matches/{match.pk}/" in mail.outbox[0].body
    match.refresh_from_db()
    assert match.no_response_alerted_at is not None


def test_an_answered_proposal_is_not_alerted(coordinators):
    match = MatchFactory()
    respond_to_match(match=match, user=match.supporter, accept=True)
    make_old(match, created_at=timezone.now() - 5 * DAY)
    assert send_no_response_alert(match_id=match.pk) == 0
    assert not Notification.objects.filter(kind=NotificationKind.MATCH, user__in=coordinators)


def test_a_quiet_match_alerts_once_and_a_check_in_clears_it(coordinators):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    assert alert_no_contact.call(match.pk) == 0  # activated a week ago
    later = timezone.now() + 15 * DAY  # three weeks after activation
    assert send_no_contact_alert(match_id=match.pk, now=later) == 2
    assert send_no_contact_alert(match_id=match.pk, now=later) == 0
    assert [match.pk for match in coordinator_alerts(now=later)["no_contact"]] == [match.pk]

    log_check_in(
        match=match, actor=match.supporter, contact_on=timezone.localdate(), mode=MatchMode.PHONE
    )
    match.refresh_from_db()
    assert match.no_contact_alerted_at is None
    assert send_no_contact_alert(match_id=match.pk, now=later) == 0  # only 15 days quiet now
    assert coordinator_alerts(now=later)["no_contact"] == []
    # The next quiet stretch is told again.
    assert send_no_contact_alert(match_id=match.pk, now=later + 7 * DAY) == 2
    assert alerts_for(coordinators[0]).count() == 2


def test_a_worried_check_in_tells_coordinators_at_once(
    coordinators, django_capture_on_commit_callbacks
):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        check_in = log_check_in(
            match=match,
            actor=match.supporter,
            contact_on=timezone.localdate(),
            mode=MatchMode.VIDEO,
            worried=True,
        )
    for coordinator in coordinators:
        assert "worried" in alerts_for(coordinator).get().text
    assert len(mail.outbox) == 2
    assert coordinator_alerts()["worried"] == [check_in]


def test_the_sweep_command_alerts_what_is_due(coordinators):
    unanswered = make_old(MatchFactory(), created_at=timezone.now() - 4 * DAY)
    quiet = make_old(
        MatchFactory(status=MatchStatus.ACTIVE), activated_at=timezone.now() - 22 * DAY
    )
    MatchFactory()  # proposed today
    MatchFactory(status=MatchStatus.ACTIVE)  # started a week ago
    output = io.StringIO()
    call_command("matching_alerts", stdout=output)
    assert "Unanswered proposals: 1. Quiet matches: 1." in output.getvalue()
    unanswered.refresh_from_db()
    quiet.refresh_from_db()
    assert unanswered.no_response_alerted_at and quiet.no_contact_alerted_at
    assert send_due_alerts() == {"no_response": 0, "no_contact": 0}


def test_a_coordinator_in_the_match_is_not_alerted_about_it(coordinators):
    match = MatchFactory(request__member=coordinators[1])
    make_old(match, created_at=timezone.now() - 4 * DAY)
    assert send_no_response_alert(match_id=match.pk) == 1
    assert not alerts_for(coordinators[1]).exists()
