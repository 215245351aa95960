"""The invitation after support ends goes through the real database task queue: the
worker offers the check-in, then sends its email."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from alongside.groups.actions.membership import leave_group
from alongside.groups.tests.factories import MembershipFactory
from alongside.outcomes import actions
from alongside.outcomes.choices import CheckInStatus, Occasion
from alongside.outcomes.models import CheckIn
from alongside.outcomes.notifications import INVITATION_SUBJECT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_offers_the_check_in_after_a_group_ends_and_emails_it(database_tasks, member):
    actions.set_consent(member=member, consented=True)
    actions.skip_check_in(check_in=CheckIn.objects.get(member=member), member=member)
    membership = MembershipFactory(user=member)

    leave_group(membership=membership)

    queued = DBTaskResult.objects.get(task_path="alongside.outcomes.tasks.offer_after_ending")
    assert not CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).exists()
    assert mail.outbox == []

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.MEMBERSHIP_ENDED
    assert check_in.group_id == membership.group_id
    (email,) = mail.outbox
    assert email.to == [member.email]
    assert email.subject == INVITATION_SUBJECT
    assert "/wellbeing/check-in/" in email.body
    # The regular check-in waits in the queue for its day.
    routine = DBTaskResult.objects.filter(
        task_path="alongside.outcomes.tasks.offer_routine_check_in"
    )
    assert routine.exists()
    assert all(result.status == "READY" for result in routine)
