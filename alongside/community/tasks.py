"""Background work for the community: the email digest of unread notifications."""

import logging

from django.db import transaction
from django_tasks import task

from alongside.community.models import Notification

logger = logging.getLogger(__name__)


@task()
def send_community_digest(user_id: int) -> int:
    """Email one member their digest, if it is still wanted. Returns how many
    notifications it carried."""
    from alongside.accounts.models import User
    from alongside.community.actions.notifications import send_digest

    user = User.objects.select_related("profile").filter(pk=user_id).first()
    if user is None:
        return 0
    return send_digest(user=user)


def schedule_digest_after_commit(user, *, force: bool = False) -> None:
    """Queue `user`'s next digest once the transaction commits, unless one is pending.

    One is pending exactly when an earlier unread notification is still waiting to be
    emailed (its arrival queued the digest), so the database answers without asking the
    queue. A backend that can't run tasks later (the immediate backend of tests and quick
    local setups) would send at once, so then nothing is queued. `force` queues one for
    notifications already waiting (the member has just turned the digest on)."""
    waiting = Notification.objects.filter(user=user, read_at__isnull=True, emailed_at__isnull=True)
    count = waiting.count()
    if count == 0 or (count > 1 and not force):
        return
    user_id = user.pk
    transaction.on_commit(lambda: _enqueue(user_id))


def _enqueue(user_id: int) -> None:
    from alongside.accounts.models import User
    from alongside.community.actions.notifications import next_digest_time
    from alongside.community.selectors.protections import settings_for

    if not send_community_digest.get_backend().supports_defer:
        logger.info("Task backend cannot run tasks later: community digest not queued.")
        return
    user = User.objects.filter(pk=user_id).first()
    run_after = next_digest_time(settings_for(user)) if user is not None else None
    if run_after is None:
        return
    send_community_digest.using(run_after=run_after).enqueue(user_id=user_id)
