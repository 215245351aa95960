from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from alongside.accounts import actions


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the account and its profile together: no account without a display name."""
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            display_name = form.cleaned_data["display_name"]
            actions.create_profile(user=user, display_name=display_name)
        return user
