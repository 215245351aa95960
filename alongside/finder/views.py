from django.views.generic import TemplateView


class FinderStartView(TemplateView):
    """Placeholder, replaced by the questionnaire."""

    template_name = "finder/start.html"
