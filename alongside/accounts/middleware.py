from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect

from alongside.accounts.roles import is_staff_member
from alongside.accounts.twofactor import has_totp

# Paths only staff reach. Each one is gated until the person has set up TOTP.
STAFF_PATH_PREFIXES = ("/staff/", "/admin/", "/api/v1/staff/")


class StaffTwoFactorMiddleware:
    """Staff roles must set up two-factor authentication before any staff page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PATH_PREFIXES) and self._needs_totp(request.user):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Set up two-factor authentication before using staff endpoints."},
                    status=403,
                )
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
