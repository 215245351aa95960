"""Inviting a member to a check-in: in the app (a community notification, kind WELLBEING)
and, if they want it, by email through the task worker. Gentle, optional, and never
carrying a score or an answer."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alongside.common.tasks import send_email_after_commit
from alongside.outcomes.models import CheckIn

INVITATION_TEXT = "A short wellbeing check-in is ready whenever you are. It's optional."
INVITATION_SUBJECT = "A short wellbeing check-in, whenever you're ready"
CHOICE_TEXT = (
    "Would you like an occasional short wellbeing check-in, to see how things change for "
    "you? It's optional: choose yes or no whenever you like."
)


def tell_choice_available(member) -> None:
    """A new member is asked, in the app only, whether they'd like check-ins."""
    from alongside.community.choices import NotificationKind
    from alongside.community.notifications import notify

    notify(
        user=member,
        kind=NotificationKind.WELLBEING,
        text=CHOICE_TEXT,
        url=reverse("outcomes:consent"),
    )


def tell_invited(check_in: CheckIn, *, by_email: bool) -> None:
    """Call inside the transaction that opened the check-in."""
    from alongside.community.choices import NotificationKind
    from alongside.community.notifications import notify

    member = check_in.member
    url = reverse("outcomes:check_in")
    notify(user=member, kind=NotificationKind.WELLBEING, text=INVITATION_TEXT, url=url)
    if not by_email or not member.is_active or not member.email:
        return
    context = {
        "name": member.profile.display_name,
        "organisation": settings.ORGANISATION_NAME,
        "check_in": check_in,
        "link": settings.SITE_URL + url,
        "settings_link": settings.SITE_URL + reverse("outcomes:consent"),
    }
    message = EmailMultiAlternatives(
        subject=INVITATION_SUBJECT,
        body=render_to_string("outcomes/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    )
    message.attach_alternative(
        render_to_string("outcomes/email/invitation.html", context), "text/html"
    )
    send_email_after_commit(message)
    check_in.emailed_at = timezone.now()
    check_in.save(update_fields=["emailed_at"])
