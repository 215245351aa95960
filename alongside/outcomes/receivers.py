"""Signals from other apps that lead to a wellbeing check-in being offered.

Only a sign-up is handled here: the new member is asked, once and in the app, whether
they would like check-ins. Nothing is asked or stored until they say yes.
"""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from alongside.outcomes import notifications


@receiver(user_signed_up, dispatch_uid="outcomes.offer_choice_on_sign_up")
def offer_choice_on_sign_up(sender, request, user, **kwargs):
    notifications.tell_choice_available(user)
