from django.contrib import messages
from django.shortcuts import redirect

from alongside.accounts.roles import is_staff_member
from alongside.accounts.twofactor import has_totp

# Staff pages. Until the person has set up TOTP they are sent to set it up; the same rule
# is enforced for every other staff privilege by permissions.has_staff_access.
STAFF_PATH_PREFIXES = ("/staff/", "/admin/")


class StaffTwoFactorMiddleware:
    """Staff roles must set up two-factor authentication before any staff page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PATH_PREFIXES) and self._needs_totp(request.user):
            messages.info(
                request,
                "Your role needs two-factor authentication. Set it up with an authenticator "
                "app, then you can open staff pages.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_totp(user) -> bool:
        if not user.is_authenticated:
            return False
        return (is_staff_member(user) or user.is_superuser) and not has_totp(user)
