"""The moderation queue: its order, its sections and counts, what each row says, who may
see it, and that a page costs the same number of queries however full the queue is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory
from alongside.safety.choices import AlertStatus
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation.queue import alerts_for_queue, held_content, queue_counts
from alongside.safety.moderation.signals import describe_signals
from alongside.safety.moderation.testing import (
    CONCERN,
    URGENT,
    URGENT_LOWER,
    flagged_comment,
    flagged_message,
    flagged_post,
    flagged_profile,
    flagged_strategy,
)

QUEUE = "/staff/moderation/"


def _age(alert: SafetyAlert, minutes: int) -> SafetyAlert:
    SafetyAlert.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    return alert


def _alert_of(content) -> SafetyAlert:
    return content.alerts.get()


@pytest.mark.django_db
def test_urgent_comes_before_concern_then_higher_score_then_oldest():
    concern_old = _age(_alert_of(flagged_post(text=CONCERN)), 120)
    urgent_lower = _age(_alert_of(flagged_post(text=URGENT_LOWER)), 90)
    urgent_new = _age(_alert_of(flagged_post(text=URGENT)), 1)
    urgent_old = _age(_alert_of(flagged_message(text=URGENT)), 30)

    order = list(alerts_for_queue())

    assert urgent_new.score == urgent_old.score > urgent_lower.score
    assert order == [urgent_old, urgent_new, urgent_lower, concern_old]


@pytest.mark.django_db
def test_the_queue_page_lists_alerts_in_order_with_time_level_and_signals(client_for, moderator):
    concern = _age(_alert_of(flagged_post(text=CONCERN)), 60)
    urgent = _age(_alert_of(flagged_post(text=URGENT)), 12)

    page = client_for(moderator).get(QUEUE).content.decode()

    assert page.index(f"Alert {urgent.pk}:") < page.index(f"Alert {concern.pk}:")
    assert "12\xa0minutes ago" in page
    assert "<time datetime=" in page
    assert "mentions pills or an overdose" in page  # a signal in plain words
    assert "feels hopeless" in page
    assert "Nobody yet" in page
    # The queue never shows what members wrote; only the alert's page does.
    assert "hopeless and worthless" not in page


def test_signals_are_described_and_unknown_ones_shown_as_they_are():
    words = describe_signals(["concern.burden", "idiom.killing_me", "brand.new_rule"])

    assert words == ["feels a burden", "lowered: a figure of speech", "brand.new_rule"]


@pytest.mark.django_db
def test_claimed_alerts_show_who_claimed_them_and_resolved_ones_leave_the_queue(
    client_for, moderator, coordinator
):
    claimed = _alert_of(flagged_post())
    SafetyAlert.objects.filter(pk=claimed.pk).update(
        status=AlertStatus.CLAIMED, claimed_by=coordinator
    )
    resolved = _alert_of(flagged_post(text=CONCERN))
    SafetyAlert.objects.filter(pk=resolved.pk).update(status=AlertStatus.RESOLVED)
    client = client_for(moderator)

    page = client.get(QUEUE).content.decode()
    assert f"Alert {claimed.pk}:" in page and "Casey" in page
    assert f"Alert {resolved.pk}:" not in page

    resolved_page = client.get(QUEUE, {"status": "resolved"}).content.decode()
    assert f"Alert {resolved.pk}:" in resolved_page
    assert f"Alert {claimed.pk}:" not in resolved_page


@pytest.mark.django_db
def test_held_content_of_every_kind_is_listed_with_its_alert(client_for, moderator):
    post = flagged_post()
    message = flagged_message()
    strategy = flagged_strategy()
    comment = flagged_comment()
    profile = flagged_profile()
    flagged_post(text=CONCERN)  # concern is shown, not held

    items = held_content()
    assert [type(item.content).__name__ for item in items] == [
        "Post",
        "Message",
        "CopingStrategy",
        "CopingComment",
        "Profile",
    ]
    page = client_for(moderator).get(QUEUE, {"show": "held"}).content.decode()
    for content in (post, message, strategy, comment, profile):
        alert = _alert_of(content)
        assert f'href="/staff/moderation/alerts/{alert.pk}/"' in page


@pytest.mark.django_db
def test_reports_are_listed_oldest_first(client_for, moderator, member, other_member):
    post = flagged_post(text="A calm post about gardening.")
    first = Report.objects.create(
        reporter=member, target="post", post=post, reported_member=post.author, reason="unkind"
    )
    second = Report.objects.create(
        reporter=other_member, target="member", member=post.author, reason="spam"
    )

    page = client_for(moderator).get(QUEUE, {"show": "reports"}).content.decode()

    assert page.index(f"Report {first.pk}:") < page.index(f"Report {second.pk}:")
    assert "It&#x27;s unkind, bullying or harassment" in page


@pytest.mark.django_db
def test_counts_on_the_queue_and_the_staff_dashboard(client_for, moderator):
    flagged_post()
    flagged_post(text=CONCERN)
    flagged_profile()
    Report.objects.create(
        reporter=UserFactory(), target="member", member=UserFactory(), reason="spam"
    )

    counts = queue_counts()
    assert (counts.open_alerts, counts.urgent_alerts, counts.open_reports, counts.held) == (
        3,
        2,
        1,
        2,
    )
    client = client_for(moderator)
    queue_page = client.get(QUEUE).content.decode()
    assert "Safety alerts (3 open, 2 urgent)" in queue_page
    assert "Reports (1 open)" in queue_page
    assert "Held content (2)" in queue_page
    dashboard = client.get("/staff/").content.decode()
    assert "Moderation queue" in dashboard
    assert "3 open safety alerts (2 urgent), 1 open report and 2 held items." in dashboard
    assert "Safeguarding cases" in dashboard


@pytest.mark.django_db
def test_the_queue_shows_the_moderators_duty_with_a_form_to_change_it(client_for, moderator):
    page = client_for(moderator).get(QUEUE).content.decode()

    assert "You are <strong>off duty</strong>" in page
    assert 'action="/staff/moderation/duty/"' in page
    assert "Go on duty" in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"show": "nonsense"}, {"status": "<script>"}, {"page": "x"}])
def test_odd_queue_addresses_fall_back_to_the_defaults(client_for, moderator, query):
    flagged_post()

    response = client_for(moderator).get(QUEUE, query)

    assert response.status_code == 200
    assert "Safety alerts" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("show", ["alerts", "reports", "held"])
def test_a_queue_page_costs_the_same_queries_however_many_items(client_for, moderator, show):
    client = client_for(moderator)

    def make_items():
        post = flagged_post()
        flagged_message()
        flagged_comment()
        flagged_profile()
        Report.objects.create(
            reporter=UserFactory(), target="post", post=post, reported_member=post.author,
            reason="worried",
        )  # fmt: skip
        SafetyAlert.objects.filter(pk=_alert_of(post).pk).update(
            status=AlertStatus.CLAIMED, claimed_by=moderator
        )

    make_items()
    client.get(QUEUE, {"show": show})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE, {"show": show}).status_code == 200
    for _ in range(4):
        make_items()
    with CaptureQueriesContext(connection) as many:
        assert client.get(QUEUE, {"show": show}).status_code == 200

    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# ---- Who may see it ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "peer_supporter"])
def test_members_and_peer_supporters_get_a_404(client_for, request, persona):
    alert = _alert_of(flagged_post())
    report = Report.objects.create(
        reporter=UserFactory(), target="member", member=alert.member, reason="spam"
    )
    client = client_for(request.getfixturevalue(persona))

    for url in (QUEUE, f"{QUEUE}alerts/{alert.pk}/", f"{QUEUE}reports/{report.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{QUEUE}alerts/{alert.pk}/claim/").status_code == 404
    assert SafetyAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN


@pytest.mark.django_db
def test_anonymous_visitors_get_a_404(client):
    alert = _alert_of(flagged_post())

    assert client.get(QUEUE).status_code == 404
    assert client.get(f"{QUEUE}alerts/{alert.pk}/").status_code == 404
    assert client.post(f"{QUEUE}alerts/{alert.pk}/claim/").status_code == 404


@pytest.mark.django_db
def test_staff_without_two_factor_cannot_open_the_queue(client_for, coordinator_without_2fa):
    alert = _alert_of(flagged_post())
    moderator_without_2fa = UserFactory(roles=[Role.MODERATOR])

    for user in (coordinator_without_2fa, moderator_without_2fa):
        client = client_for(user)
        response = client.get(QUEUE)
        assert response.status_code == 302
        assert "two-factor" in response.url or "totp" in response.url
        client.post(f"{QUEUE}alerts/{alert.pk}/claim/")
    assert SafetyAlert.objects.get(pk=alert.pk).claimed_by is None


@pytest.mark.django_db
def test_coordinators_can_use_the_queue(client_for, coordinator):
    assert client_for(coordinator).get(QUEUE).status_code == 200
