"""The secret key in a member's private calendar feed URL. Only its SHA-256 is stored, so
the URL is shown once, when made; making a new one replaces the old."""

import hashlib
import secrets

from django.db import transaction

from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.meetings.models import CalendarFeedToken


def hash_feed_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_calendar_feed_token(*, user: User) -> tuple[CalendarFeedToken, str]:
    """Returns the token and its key, which is never stored. Any earlier URL stops working."""
    User.objects.select_for_update().get(pk=user.pk)  # one at a time for each member
    replaced, _ = CalendarFeedToken.objects.filter(user=user).delete()
    key = secrets.token_urlsafe(32)
    token = CalendarFeedToken.objects.create(user=user, key_hash=hash_feed_key(key))
    record_audit(
        actor=user, verb="calendar_feed.created", target=user, data={"replaced": bool(replaced)}
    )
    return token, key


@transaction.atomic
def revoke_calendar_feed_token(*, user: User) -> bool:
    """Returns whether there was a feed to revoke; revoking none is not recorded."""
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    if deleted:
        record_audit(actor=user, verb="calendar_feed.revoked", target=user)
    return bool(deleted)


def calendar_feed_owner(key: str) -> User | None:
    """Whose feed `key` opens: None for an unknown or revoked key, or a deactivated account."""
    token = (
        CalendarFeedToken.objects.filter(key_hash=hash_feed_key(key), user__is_active=True)
        .select_related("user")
        .first()
    )
    return token.user if token else None
