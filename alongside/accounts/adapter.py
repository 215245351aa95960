from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction

from alongside.accounts import actions
from alongside.common.tasks import send_email_after_commit
from alongside.safety.crisis import quick_help


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the account and its profile together: no account without a display name."""
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            display_name = form.cleaned_data["display_name"]
            actions.create_profile(user=user, display_name=display_name)
        return user

    def send_mail(self, template_prefix, email, context):
        """Render allauth's email here, as allauth does, and send it from the task worker."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "organisation_name": settings.ORGANISATION_NAME,
            "quick_help": quick_help(),
            **context,
        }
        send_email_after_commit(self.render_mail(template_prefix, email, ctx))
