"""Enquiries ("contact us"): a message arrives, a coordinator takes it on, replies and
closes it. Each action is one transaction with an audit entry that holds no text (what
people write to the organisation stays in the enquiry alone); emails go after commit and
never carry the person's message."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.common.ratelimit import ENQUIRIES
from alongside.common.tasks import send_email_after_commit
from alongside.community.text import TextPurpose, prepare_member_field
from alongside.safety.risk import RiskLevel
from alongside.safety.risk.stored import apply_risk
from alongside.staff.choices import ContactMethod, EnquiryStatus, EntryKind
from alongside.staff.models import Enquiry, EnquiryEntry
from alongside.staff.selectors.enquiries import assignable_coordinators

MESSAGE_MAX_LENGTH = 5000
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a reference read out over the phone can't be misheard.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REFERENCE_LENGTH = 6
REFERENCE_ATTEMPTS = 10
# What the acknowledgement and the thanks page promise.
RESPONSE_TIME = "within two working days"
NO_EMAIL_ADDRESS = "They didn't give an email address, so an email reply can't be sent."


def enquiry_rate_wait(*, client_ip: str | None, email: str, user=None) -> int:
    """Count one message from this client address (and email address and member, if
    given): seconds to wait if any has sent too many lately, else 0."""
    waits = [ENQUIRIES.hit(f"ip:{client_ip or 'unknown'}")]
    if email:
        waits.append(ENQUIRIES.hit(f"email:{email.lower()}"))
    if getattr(user, "is_authenticated", False):
        waits.append(ENQUIRIES.hit(f"user:{user.pk}"))
    return max(waits)


def wait_words(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def too_many_message(seconds: int) -> str:
    return (
        f"You've sent us several messages in a short time. Please wait {wait_words(seconds)} "
        "and send this again."
    )


def new_reference() -> str:
    return "ALG-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _save_with_new_reference(enquiry: Enquiry) -> None:
    for _ in range(REFERENCE_ATTEMPTS):
        enquiry.reference = new_reference()
        try:
            with transaction.atomic():  # a savepoint: a clash undoes only this attempt
                enquiry.save()
            return
        except IntegrityError:
            if not Enquiry.objects.filter(reference=enquiry.reference).exists():
                raise
    raise RuntimeError("Couldn't find an unused enquiry reference.")


@transaction.atomic
def submit_enquiry(
    *,
    topic: str,
    message: str,
    contact_methods: list[str],
    name: str = "",
    email: str = "",
    phone: str = "",
    ok_to_leave_message: bool | None = None,
    best_times: str = "",
    finder_answers: dict | None = None,
    user=None,
) -> Enquiry:
    """Store a message to the organisation (risk-checked), acknowledge it by email, and
    tell every coordinator at once when the risk check says it is urgent."""
    user = user if getattr(user, "is_authenticated", False) else None
    text = prepare_member_field(
        "message",
        text=message,
        author=user,
        purpose=TextPurpose.ENQUIRY,
        max_length=MESSAGE_MAX_LENGTH,
        markdown=False,
    )
    by_phone = bool({ContactMethod.PHONE, ContactMethod.TEXT} & set(contact_methods))
    enquiry = Enquiry(
        topic=topic,
        message=text.source,
        name=name,
        email=email,
        phone=phone,
        contact_methods=list(contact_methods),
        ok_to_leave_message=ok_to_leave_message if by_phone else None,
        best_times=best_times,
        finder_answers=finder_answers or {},
        user=user,
    )
    apply_risk(enquiry, text.risk)
    _save_with_new_reference(enquiry)
    record_audit(
        actor=user,
        verb="enquiry.submitted",
        target=enquiry,
        data={"topic": topic, "risk_level": enquiry.risk_level},
    )
    _send_acknowledgement(enquiry)
    if enquiry.risk_level == RiskLevel.URGENT:
        _tell_coordinators_urgent(enquiry)
    return enquiry


def _email(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {
        "organisation": settings.ORGANISATION_NAME,
        "contact_url": settings.SITE_URL + reverse("contact:new"),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"staff/enquiries/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    html = render_to_string(f"staff/enquiries/email/{template}.html", context)
    message.attach_alternative(html, "text/html")
    send_email_after_commit(message)


def acknowledgement_address(enquiry: Enquiry) -> str:
    """Only the address they gave on the form, never their account's: someone who left it
    empty may not want email from us (a shared inbox)."""
    return enquiry.email


def _send_acknowledgement(enquiry: Enquiry) -> None:
    """Nothing they typed goes in it, not even their name: anyone can give any address, and
    this mustn't become a way to send words of their choosing from the organisation."""
    address = acknowledgement_address(enquiry)
    if not address:
        return
    _email(
        to=address,
        subject=f"We've received your message ({enquiry.reference})",
        template="acknowledgement",
        context={
            "enquiry": enquiry,
            "response_time": RESPONSE_TIME,
            "help_url": settings.SITE_URL + reverse("safety:help_now"),
        },
    )


def _tell_coordinators_urgent(enquiry: Enquiry) -> None:
    link = settings.SITE_URL + reverse("staff:enquiry", args=[enquiry.pk])
    for coordinator in assignable_coordinators():
        if coordinator.email:
            _email(
                to=coordinator.email,
                subject=f"An urgent enquiry arrived: {enquiry.reference}",
                template="urgent",
                context={"enquiry": enquiry, "link": link},
            )


@transaction.atomic
def assign_enquiry(*, enquiry: Enquiry, assignee, actor) -> Enquiry:
    """Give the enquiry to a coordinator (or to nobody, with None)."""
    enquiry.assigned_to = assignee
    enquiry.save(update_fields=["assigned_to", "updated_at"])
    record_audit(
        actor=actor,
        verb="enquiry.assigned",
        target=enquiry,
        data={"assigned_to": assignee.pk if assignee else None},
    )
    return enquiry


def _set_status(enquiry: Enquiry, status: str) -> None:
    enquiry.status = status
    enquiry.closed_at = timezone.now() if status == EnquiryStatus.CLOSED else None


@transaction.atomic
def change_enquiry_status(*, enquiry: Enquiry, status: str, actor) -> Enquiry:
    """Closing records when; any other status (reopening) clears it."""
    previous = enquiry.status
    _set_status(enquiry, EnquiryStatus(status))
    enquiry.save(update_fields=["status", "closed_at", "updated_at"])
    record_audit(
        actor=actor,
        verb="enquiry.status_changed",
        target=enquiry,
        data={"from": previous, "to": enquiry.status},
    )
    return enquiry


@transaction.atomic
def add_enquiry_note(*, enquiry: Enquiry, body: str, actor) -> EnquiryEntry:
    """An internal note: only coordinators ever see it."""
    entry = EnquiryEntry.objects.create(
        enquiry=enquiry, kind=EntryKind.NOTE, body=body, author=actor
    )
    record_audit(actor=actor, verb="enquiry.note_added", target=enquiry)
    return entry


# What logging each kind of reply does to the status. Phone calls and texts only move a
# new enquiry on; an email reply waits for them; their reply needs our answer again.
def _status_after_reply(enquiry: Enquiry, kind: str) -> str:
    if kind == EntryKind.EMAIL_REPLY:
        return EnquiryStatus.WAITING_FOR_REPLY
    if kind == EntryKind.THEIR_REPLY:
        return EnquiryStatus.IN_PROGRESS
    if enquiry.status == EnquiryStatus.NEW:
        return EnquiryStatus.IN_PROGRESS
    return enquiry.status


@transaction.atomic
def log_enquiry_reply(*, enquiry: Enquiry, kind: str, body: str, actor) -> EnquiryEntry:
    """Record a reply. An email reply is also sent to the person, with the reference in
    its subject; phone calls, texts and their replies are logged only."""
    kind = EntryKind(kind)
    if kind == EntryKind.NOTE:
        return add_enquiry_note(enquiry=enquiry, body=body, actor=actor)
    if kind == EntryKind.EMAIL_REPLY and not enquiry.email:
        raise ValidationError({"kind": NO_EMAIL_ADDRESS})
    entry = EnquiryEntry.objects.create(enquiry=enquiry, kind=kind, body=body, author=actor)
    status = _status_after_reply(enquiry, kind)
    if status != enquiry.status:
        _set_status(enquiry, status)
        enquiry.save(update_fields=["status", "closed_at", "updated_at"])
    record_audit(
        actor=actor,
        verb="enquiry.reply_logged",
        target=enquiry,
        data={"kind": str(kind), "status": enquiry.status},
    )
    if kind == EntryKind.EMAIL_REPLY:
        _email(
            to=enquiry.email,
            subject=f"Re: your message to {settings.ORGANISATION_NAME} ({enquiry.reference})",
            template="reply",
            context={"enquiry": enquiry, "body": body},
        )
    return entry


@transaction.atomic
def record_enquiry_viewed(*, enquiry: Enquiry, actor) -> None:
    """A coordinator opened the enquiry: staff reads of what people wrote are audited."""
    record_audit(actor=actor, verb="enquiry.viewed", target=enquiry)
