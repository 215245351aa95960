"""Account events that allauth performs itself, written to the audit log.

allauth owns these flows (log in, change password or email, two-factor); its signals are
the one place to see them. Nothing here changes data other than the audit log.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.dispatch import receiver

from alongside.common.audit import record_audit


@receiver(account_signals.user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record_audit(actor=user, verb="account.logged_in", target=user)


@receiver(account_signals.email_confirmed)
def audit_email_confirmed(sender, request, email_address, **kwargs):
    record_audit(
        actor=email_address.user, verb="account.email_confirmed", target=email_address.user
    )


@receiver(account_signals.email_changed)
def audit_email_changed(sender, request, user, **kwargs):
    record_audit(actor=user, verb="account.email_changed", target=user)


@receiver(account_signals.password_changed)
def audit_password_changed(sender, request, user, **kwargs):
    record_audit(actor=user, verb="account.password_changed", target=user)


@receiver(account_signals.password_reset)
def audit_password_reset(sender, request, user, **kwargs):
    record_audit(actor=user, verb="account.password_reset", target=user)


@receiver(mfa_signals.authenticator_added)
def audit_authenticator_added(sender, request, user, authenticator, **kwargs):
    record_audit(
        actor=user, verb="mfa.authenticator_added", target=user, data={"type": authenticator.type}
    )


@receiver(mfa_signals.authenticator_removed)
def audit_authenticator_removed(sender, request, user, authenticator, **kwargs):
    record_audit(
        actor=user, verb="mfa.authenticator_removed", target=user, data={"type": authenticator.type}
    )
