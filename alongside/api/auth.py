from ninja.security import HttpBearer, SessionAuth

from alongside.accounts import actions
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
        actions.record_api_token_use(token=found)
        request.user = found.user
        return found.user


api_auth = [ApiTokenAuth(), SessionAuth()]
