"""An urgent alert nobody claims within 5 minutes is escalated, once, to the on-duty
moderators (or to every moderator when nobody is on duty), in the app and by email,
through the real database queue and worker."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.community.actions.chat import send_message
from alongside.community.choices import NotificationKind
from alongside.community.models import Notification
from alongside.community.tests.factories import (
    GuidelinesAcceptanceFactory,
    MessageFactory,
    SpaceRoomFactory,
)
from alongside.safety.alerts import raise_alert
from alongside.safety.choices import AlertStatus
from alongside.safety.models import ModeratorDuty, SafetyAlert
from alongside.safety.risk import RiskContext, assess_risk
from alongside.safety.risk.stored import apply_risk
from alongside.safety.tasks import ESCALATE_AFTER, escalate_unclaimed_alert

TASK_PATH = "alongside.safety.tasks.escalate_unclaimed_alert"
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
ESCALATION_TEXT = "An urgent safety alert has been waiting 5 minutes without a moderator"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def make_moderator(name, *, on_duty=None, role=Role.MODERATOR, two_factor=True):
    user = UserFactory(profile__display_name=name, roles=[role])
    if two_factor:
        activate_totp(user)
    if on_duty is not None:
        ModeratorDuty.objects.create(moderator=user, on_duty=on_duty)
    return user


def raise_for(member, text=URGENT) -> SafetyAlert:
    message = MessageFactory(author=member, body=text)
    apply_risk(message, assess_risk(text, RiskContext(purpose="message", author_id=member.pk)))
    message.save()
    return raise_alert(content=message, member=member)


def waited(alert, minutes=6) -> SafetyAlert:
    """As if `alert` had been raised `minutes` ago."""
    SafetyAlert.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    alert.refresh_from_db()
    return alert


def escalation_notices():
    return Notification.objects.filter(kind=NotificationKind.SAFETY_ALERT)


def told(user) -> bool:
    return escalation_notices().filter(user=user).exists()


# ---- Queueing ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_urgent_alert_queues_its_escalation_for_five_minutes_after_it_was_raised(
    database_tasks, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_for(member)

    queued = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert queued.run_after == alert.created_at + ESCALATE_AFTER
    assert queued.args_kwargs["kwargs"] == {"alert_id": alert.pk}


@pytest.mark.django_db(transaction=True)
def test_an_urgent_chat_message_is_escalated_by_the_worker_once_nobody_claims_it(
    database_tasks, member
):
    moderator = make_moderator("Morgan", on_duty=True)
    room = SpaceRoomFactory()
    GuidelinesAcceptanceFactory(space=room.space, user=member)

    message = send_message(room=room, author=member, body=URGENT)  # commits: queued

    alert = SafetyAlert.objects.get(message=message)
    assert DBTaskResult.objects.get(task_path=TASK_PATH).run_after == (
        alert.created_at + ESCALATE_AFTER
    )
    run_worker()
    assert not told(moderator)  # not yet: 5 minutes haven't passed

    waited(alert)
    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())
    run_worker()

    assert told(moderator)
    assert [m.to for m in mail.outbox] == [[moderator.email]]


@pytest.mark.django_db
def test_a_concern_alert_is_not_escalated(
    database_tasks, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_for(member, CONCERN)

    assert alert.level == "concern"
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()


@pytest.mark.django_db
def test_a_backend_that_cannot_wait_logs_a_warning_instead_of_queueing(
    member, moderator, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.WARNING, logger="alongside.safety.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        alert = raise_for(member)

    assert f"urgent safety alert {alert.pk} will be escalated only by" in caplog.text
    assert "manage.py escalate_alerts" in caplog.text
    assert not told(moderator)  # not sent at once: it hasn't waited 5 minutes


# ---- Through the real queue and worker ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_unclaimed_urgent_alert_reaches_the_on_duty_moderators_only(database_tasks, member):
    on_duty = make_moderator("Morgan", on_duty=True)
    off_duty = make_moderator("Jess", on_duty=False)
    never_set = make_moderator("Kai")
    alert = raise_for(member)
    waited(alert)
    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())

    run_worker()

    notice = escalation_notices().get()
    assert notice.user == on_duty
    assert notice.text == ESCALATION_TEXT
    assert notice.url == reverse("safety:alert_detail", args=[alert.pk])
    assert not told(off_duty) and not told(never_set) and not told(member)
    assert [m.to for m in mail.outbox] == [[on_duty.email]]
    email = mail.outbox[0]
    assert email.subject == "Urgent: a safety alert is waiting for a moderator"
    assert "waiting 5 minutes without a moderator" in email.body
    assert reverse("safety:alert_detail", args=[alert.pk]) in email.body
    assert "pills" not in email.body and "kill" not in email.body  # no member words
    alert.refresh_from_db()
    assert alert.escalated_at is not None
    entry = AuditLogEntry.objects.get(verb="safety.alert_escalated")
    assert entry.actor is None
    assert entry.target_id == str(alert.pk)
    assert entry.data["notified"] == [on_duty.pk]
    assert "pills" not in entry.target_label


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_five_minutes_before_escalating(database_tasks, member):
    make_moderator("Morgan", on_duty=True)
    raise_for(member)

    run_worker()

    assert not escalation_notices().exists()
    assert mail.outbox == []
    assert DBTaskResult.objects.get(task_path=TASK_PATH).status == "READY"


@pytest.mark.django_db(transaction=True)
def test_a_claimed_alert_is_not_escalated(database_tasks, member):
    moderator = make_moderator("Morgan", on_duty=True)
    alert = waited(raise_for(member))
    SafetyAlert.objects.filter(pk=alert.pk).update(
        status=AlertStatus.CLAIMED, claimed_by=moderator, claimed_at=timezone.now()
    )
    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())

    run_worker()

    assert not escalation_notices().exists()
    assert mail.outbox == []
    alert.refresh_from_db()
    assert alert.escalated_at is None


@pytest.mark.django_db(transaction=True)
def test_a_resolved_alert_is_not_escalated(database_tasks, member):
    make_moderator("Morgan", on_duty=True)
    alert = waited(raise_for(member))
    SafetyAlert.objects.filter(pk=alert.pk).update(status=AlertStatus.RESOLVED)

    escalate_unclaimed_alert.enqueue(alert_id=alert.pk)
    run_worker()

    assert not escalation_notices().exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_escalation_queued_twice_is_sent_once(database_tasks, member):
    on_duty = make_moderator("Morgan", on_duty=True)
    alert = waited(raise_for(member))
    escalate_unclaimed_alert.enqueue(alert_id=alert.pk)
    escalate_unclaimed_alert.enqueue(alert_id=alert.pk)
    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())

    run_worker()

    assert escalation_notices().filter(user=on_duty).count() == 1
    assert [m.to for m in mail.outbox] == [[on_duty.email]]
    results = DBTaskResult.objects.filter(task_path=TASK_PATH).values_list(
        "return_value", flat=True
    )
    assert sorted(results) == [0, 0, 1]
    assert AuditLogEntry.objects.filter(verb="safety.alert_escalated").count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_nobody_on_duty_every_moderator_is_told(database_tasks, member, peer_supporter):
    off_duty = make_moderator("Morgan", on_duty=False)
    other = make_moderator("Jess")
    coordinator = make_moderator("Casey", role=Role.COORDINATOR)
    without_2fa = make_moderator("Lee", two_factor=False)
    alert = waited(raise_for(member))
    escalate_unclaimed_alert.enqueue(alert_id=alert.pk)

    run_worker()

    told_ids = set(escalation_notices().values_list("user_id", flat=True))
    assert told_ids == {off_duty.pk, other.pk, coordinator.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [off_duty.email, other.email, coordinator.email]
    )
    assert not told(without_2fa) and not told(peer_supporter)
    entry = AuditLogEntry.objects.get(verb="safety.alert_escalated")
    assert entry.data["on_duty_only"] is False


@pytest.mark.django_db(transaction=True)
def test_an_on_duty_moderator_without_two_factor_does_not_count(database_tasks, member):
    lapsed = make_moderator("Lee", on_duty=True, two_factor=False)
    other = make_moderator("Jess", on_duty=False)
    alert = waited(raise_for(member))
    escalate_unclaimed_alert.enqueue(alert_id=alert.pk)

    run_worker()

    # Nobody who can act is on duty, so every moderator who can act is told.
    assert not told(lapsed)
    assert told(other)


# ---- The safety sweep --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sweep_escalates_every_urgent_alert_unclaimed_for_five_minutes(
    member, other_member, django_capture_on_commit_callbacks, capsys
):
    moderator = make_moderator("Morgan", on_duty=True)
    due = waited(raise_for(member))
    recent = waited(raise_for(other_member), minutes=2)
    concern = waited(raise_for(member, CONCERN))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_alerts")
    assert "Escalated 1 urgent alert." in capsys.readouterr().out

    assert escalation_notices().filter(user=moderator).count() == 1
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    for alert, escalated in ((due, True), (recent, False), (concern, False)):
        alert.refresh_from_db()
        assert (alert.escalated_at is not None) is escalated

    with django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_alerts")
    assert "Escalated 0 urgent alerts." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_moderator_who_wrote_the_urgent_words_is_not_the_one_told(
    django_capture_on_commit_callbacks,
):
    writer = make_moderator("Morgan", on_duty=True)
    colleague = make_moderator("Jess", on_duty=False)
    alert = waited(raise_for(writer))

    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_unclaimed_alert.call(alert_id=alert.pk) == 1

    assert not told(writer)
    assert told(colleague)


@pytest.mark.django_db(transaction=True)  # the worker runs: real commits
def test_an_urgent_alert_released_back_to_the_queue_is_watched_again(database_tasks, member):
    from alongside.safety.moderation.actions import claim_item, release_item

    moderator = make_moderator("Morgan", on_duty=True)
    other = make_moderator("Quinn", on_duty=True)
    alert = waited(raise_for(member), minutes=30)
    claim_item(moderator=moderator, item=alert)
    DBTaskResult.objects.all().delete()  # the first check ran and found it claimed

    release_item(moderator=moderator, item=alert)  # commits: the check is queued

    queued = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert queued.run_after > timezone.now() + ESCALATE_AFTER - timedelta(minutes=1)
    DBTaskResult.objects.filter(task_path=TASK_PATH).update(run_after=timezone.now())
    run_worker()  # five minutes later, still unclaimed
    assert told(other)


@pytest.mark.django_db
def test_a_moderator_cannot_take_an_alert_about_their_own_words(database_tasks):
    from alongside.safety.moderation.actions import claim_item
    from alongside.safety.moderation.actions.common import ModerationError

    moderator = make_moderator("Morgan", on_duty=True)
    alert = raise_for(moderator)

    with pytest.raises(ModerationError, match="about you"):
        claim_item(moderator=moderator, item=alert)
    alert.refresh_from_db()
    assert alert.claimed_by is None
