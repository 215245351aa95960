"""Emails go through the real database task queue and are delivered by `db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_password_reset_email_waits_for_the_worker_then_arrives(database_tasks, member, client):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302

    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "alongside.common.tasks.send_email"

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    # The stored task no longer holds the message or its reset link.
    assert queued.args_kwargs == {"args": [], "kwargs": {}}
