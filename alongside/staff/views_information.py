from django.views.generic import TemplateView


class InformationIndexView(TemplateView):
    """Placeholder, replaced by the library."""

    template_name = "staff/information/index.html"
