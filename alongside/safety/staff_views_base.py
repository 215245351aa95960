"""The one base for every moderation and safeguarding page."""

from django.views import View

from alongside.safety.permissions import check_moderate_permission, check_safeguarding_permission


class ModeratorView(View):
    """Moderators and coordinators with two-factor only; the same 404 for anyone else,
    signed in or not, so these pages give nothing away."""

    check_permission = staticmethod(check_moderate_permission)

    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class SafeguardingView(ModeratorView):
    """Safeguarding case pages: the same, by their own permission check."""

    check_permission = staticmethod(check_safeguarding_permission)
