from django.views.generic import TemplateView


class ContactView(TemplateView):
    """Placeholder, replaced by the contact form."""

    template_name = "staff/contact/new.html"
