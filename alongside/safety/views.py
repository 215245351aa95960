from django.views.generic import TemplateView

from alongside.safety.crisis import choose_country, crisis_options
from alongside.safety.plans import get_own_safety_plan


class HelpNowView(TemplateView):
    """Crisis contacts, reachable from every page without logging in."""

    template_name = "safety/help_now.html"

    def get_context_data(self, **kwargs):
        country = choose_country(self.request.GET.get("country"))
        return super().get_context_data(
            options=crisis_options(country=country),
            own_plan=get_own_safety_plan(user=self.request.user),
            **kwargs,
        )
