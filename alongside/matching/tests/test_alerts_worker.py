"""The alerts go through the real database task queue: queued for later when a match is
proposed, and run by `db_worker` once due."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.community.choices import NotificationKind
from alongside.community.models import Notification
from alongside.matching.actions.proposals import propose_match
from alongside.matching.models import Match
from alongside.matching.tasks import NO_RESPONSE_AFTER
from alongside.matching.tests.factories import SupporterProfileFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_an_unanswered_proposal_is_queued_then_alerted_by_the_worker(database_tasks, coordinator):
    match = propose_match(
        support_request=SupportRequestFactory(),
        supporter=SupporterProfileFactory().user,
        actor=coordinator,
        score=40.0,
        explanation="Both speak English.",
    )
    queued = DBTaskResult.objects.get(task_path="alongside.matching.tasks.alert_no_response")
    assert queued.run_after == match.created_at + NO_RESPONSE_AFTER

    # The worker doesn't run it early.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert not Notification.objects.filter(user=coordinator).exists()

    # Three days later (moved back in the database rather than waiting).
    past = timezone.now() - datetime.timedelta(minutes=1)
    Match.objects.filter(pk=match.pk).update(created_at=past - NO_RESPONSE_AFTER)
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=past)
    mail.outbox.clear()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    notice = Notification.objects.get(user=coordinator, kind=NotificationKind.MATCH)
    assert notice.text == "A supporter hasn't answered a match proposed 3 days ago."
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    match.refresh_from_db()
    assert match.no_response_alerted_at is not None
