"""What the moderators' and safeguarding endpoints share: who may call them, ids from the
path, and people as the API shows them.

To anyone who isn't a moderator or coordinator with two-factor authentication, each of
these endpoints answers 404, exactly as the pages do: whether or not the item exists,
whether or not they are signed in (a 401 would tell an anonymous caller the endpoint is
there), and whatever they send (the check runs as authentication, before the input is
validated, so a member never sees a 422 from them either)."""

from django.http import Http404
from ninja.errors import HttpError
from ninja.security import SessionAuth

from alongside.api.auth import ApiTokenAuth
from alongside.safety.cases import LARGEST_ID

NOT_FOUND = "Not found."


class _StaffTokenAuth(ApiTokenAuth):
    check = None

    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None:
            self.check(user)
        return user


class _StaffSessionAuth(SessionAuth):
    check = None

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None  # no session: nothing for a CSRF check to protect, so 404 below
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            self.check(user)
        return user


# OpenAPI names each security scheme after its class: these are the same two schemes.
_StaffTokenAuth.__name__ = ApiTokenAuth.__name__
_StaffSessionAuth.__name__ = SessionAuth.__name__


def _nobody(request):
    raise Http404(NOT_FOUND)


def staff_auth(check) -> list:
    """Authentication for endpoints that `check` (which raises Http404) guards."""
    token, session = _StaffTokenAuth(), _StaffSessionAuth()
    token.check = session.check = check
    return [token, session, _nobody]


def check_id(value: int) -> int:
    """An id from the path: one that can't be a row is a 404 like an unknown one."""
    if not 0 < value <= LARGEST_ID:
        raise HttpError(404, NOT_FOUND)
    return value


def person(user) -> dict | None:
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    return {"id": user.pk, "display_name": profile.display_name if profile else str(user)}
