"""Telling people about their matches: in the app (a community notification, kind MATCH)
and by email. Call these inside the action's transaction: the notification row is part of
it, and the email is queued only once it commits.

Emails carry what happened and a link, never anything a member wrote.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alongside.common.tasks import send_email_after_commit
from alongside.matching.choices import SUPPORTER_NOUN
from alongside.matching.models import CheckIn, Match, MatchAgreement, SupporterProfile


def match_url(match: Match) -> str:
    return reverse("matching:match", args=[match.pk])


def staff_match_url(match: Match) -> str:
    return reverse("matching_staff:match", args=[match.pk])


def _name(user) -> str:
    return user.profile.display_name


def supporter_noun(match: Match) -> str:
    return SUPPORTER_NOUN.get(match.kind, "peer supporter")


def tell(
    *, user, text: str, url: str, subject: str = "", template: str | None, context=None, actor=None
):
    """One message to one person: in the app now, by email after commit (unless `template`
    is None). Nobody who wasn't notified (their own doing, or `actor` is someone they
    blocked) is emailed; what is emailed here is left out of their digest."""
    from alongside.community.choices import NotificationKind
    from alongside.community.notifications import notify

    notification = notify(user=user, kind=NotificationKind.MATCH, text=text, url=url, actor=actor)
    if notification is None or template is None or not user.is_active or not user.email:
        return
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    body = render_to_string(
        f"matching/email/{template}.txt",
        {"name": _name(user), "text": text, "link": settings.SITE_URL + url, **(context or {})},
    )
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    send_email_after_commit(message)


def coordinators() -> list:
    """Every coordinator with two-factor set up."""
    from alongside.accounts.models import User
    from alongside.accounts.roles import Role
    from alongside.community.permissions.roles import is_coordinator

    users = (
        User.objects.filter(is_active=True, groups__name=Role.COORDINATOR.value)
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )
    return [user for user in users if is_coordinator(user)]


def tell_coordinators(*, text: str, url: str, subject: str, template: str, exclude=()) -> list:
    """Tell every coordinator (except the people in `exclude`); returns who was told."""
    excluded = {user.pk for user in exclude if user is not None}
    told = [user for user in coordinators() if user.pk not in excluded]
    for coordinator in told:
        tell(user=coordinator, text=text, url=url, subject=subject, template=template)
    return told


def tell_match_proposed(match: Match) -> None:
    noun = supporter_noun(match)
    url = match_url(match)
    tell(
        user=match.member,
        text=f"We've found a possible {noun} for you. Have a look and let us know.",
        url=url,
        subject=f"We've found a possible {noun} for you",
        template="proposed_member",
        context={"noun": noun},
    )
    tell(
        user=match.supporter,
        text="We'd like to introduce you to someone who is looking for support.",
        url=url,
        subject="Someone you could support",
        template="proposed_supporter",
    )


def tell_proposal_withdrawn(match: Match) -> None:
    """The member withdrew their request while a match was proposed: the supporter is told
    (in the app) that their place is free again."""
    tell(
        user=match.supporter,
        text=f"The person we introduced you to no longer needs a {supporter_noun(match)}. "
        "Thank you for being ready to help.",
        url=match_url(match),
        template=None,
    )


def tell_supporter_decided(profile: SupporterProfile, *, approved: bool) -> None:
    """The applicant is told (in the app) how their application went; never the note."""
    if approved:
        text = (
            "You're now a peer supporter. Thank you! We'll let you know when we've found "
            "someone for you to support."
        )
    else:
        text = (
            "Thank you for offering to be a peer supporter. We can't go ahead with your "
            "application at the moment. If you'd like to talk about it, please contact us."
        )
    tell(user=profile.user, text=text, url=reverse("matching:supporter"), template=None)


def tell_match_declined(match: Match, *, by) -> None:
    """The other side is told gently, without the reason (that is for coordinators)."""
    if by.pk == match.supporter_id:
        tell(
            user=match.member,
            text="This match won't go ahead this time. You keep your place, and we'll let "
            "you know when we've found someone.",
            url=match_url(match),
            subject="We're still looking for someone for you",
            template="declined_member",
        )
    else:
        tell(
            user=match.supporter,
            text="This match won't go ahead this time. Thank you for being ready to help.",
            url=match_url(match),
            subject="A match won't be going ahead",
            template="declined_supporter",
        )


def tell_match_active(match: Match) -> None:
    for user in (match.member, match.supporter):
        tell(
            user=user,
            text="You've both said yes. Your match has started: say hello, and write your "
            "agreement together.",
            url=match_url(match),
            subject="Your match has started",
            template="active",
        )


def tell_match_cancelled(match: Match) -> None:
    for user in (match.member, match.supporter):
        tell(
            user=user,
            text="A coordinator has stopped this match. If you have questions, please contact us.",
            url=match_url(match),
            subject="A match has been stopped",
            template="cancelled",
        )


def tell_agreement_saved(agreement: MatchAgreement, *, by) -> None:
    match = agreement.match
    other = match.member if by.pk == match.supporter_id else match.supporter
    tell(
        user=other,
        text=f"{_name(by)} has written your agreement. Have a read and confirm it if it "
        "looks right.",
        url=match_url(match),
        subject="Your agreement is ready to read",
        template="agreement",
        actor=by,
    )


def tell_match_ended(match: Match, *, by) -> None:
    for user in (match.member, match.supporter):
        if user.pk == by.pk:
            continue
        tell(
            user=user,
            text="Your match has ended. Thank you for the time you spent together. You "
            "can write a short reflection if you'd like to.",
            url=match_url(match),
            subject="Your match has ended",
            template="ended",
        )


def tell_coordinators_no_response(match: Match) -> list:
    return tell_coordinators(
        text="A supporter hasn't answered a match proposed 3 days ago.",
        url=staff_match_url(match),
        subject="A proposed match is waiting for an answer",
        template="alert_no_response",
        exclude=(match.member, match.supporter),
    )


def tell_coordinators_no_contact(match: Match) -> list:
    return tell_coordinators(
        text="An active match has had no check-in for 3 weeks.",
        url=staff_match_url(match),
        subject="A match has been quiet for 3 weeks",
        template="alert_no_contact",
        exclude=(match.member, match.supporter),
    )


def tell_coordinators_worried(check_in: CheckIn) -> list:
    match = check_in.match
    return tell_coordinators(
        text="A supporter is worried about the person they support.",
        url=staff_match_url(match),
        subject="A supporter is worried about someone",
        template="alert_worried",
        exclude=(match.member, match.supporter),
    )
