from django.views.generic import TemplateView


class HelpNowView(TemplateView):
    """Crisis contacts, reachable from every page without logging in."""

    template_name = "safety/help_now.html"
