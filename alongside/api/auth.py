from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from alongside.accounts.models import ApiToken


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer als_...` with a personal API token."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True
            )
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=1):
            # Bookkeeping, not a change the member made: no audit entry.
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api_auth = [ApiTokenAuth(), SessionAuth()]
