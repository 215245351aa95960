"""Reading notifications, and the email digest that gathers the unread ones."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from alongside.common.tasks import send_email_after_commit
from alongside.community.choices import DigestFrequency, NotificationKind
from alongside.community.models import CommunitySettings, Notification

DIGEST_SUBJECT = "Your Alongside community digest"
DIGEST_PERIODS = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(weeks=1),
}
DIGEST_HOUR = 8  # digests go out in the morning, local time, not in the small hours
DIGEST_MAX_ITEMS = 50


@transaction.atomic
def mark_notification_read(*, user, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def mark_all_notifications_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def next_digest_time(row: CommunitySettings, now: datetime | None = None) -> datetime | None:
    """When this member's next digest is due: the first morning at least a period after
    the last one (and after any break), or None if they don't want digests."""
    period = DIGEST_PERIODS.get(row.email_digest)
    if period is None:
        return None
    now = now or timezone.now()
    earliest = now
    if row.last_digest_at is not None:
        earliest = max(earliest, row.last_digest_at + period - timedelta(hours=2))
    if row.break_until is not None:
        earliest = max(earliest, row.break_until)
    local = earliest.astimezone(ZoneInfo(settings.TIME_ZONE))
    morning = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if morning <= local:
        morning += timedelta(days=1)
    return morning


# What a digest says about each notification: who did what, never a title or any other
# words a member wrote, since email leaves our servers.
EMAIL_LINES = {
    NotificationKind.REPLY: "{actor} replied to your thread",
    NotificationKind.MENTION: "{actor} mentioned you",
    NotificationKind.REACTION: "{actor} reacted to your post",
    NotificationKind.MESSAGE: "{actor} sent you a message",
    NotificationKind.COMMENT: "{actor} commented on your coping strategy",
    NotificationKind.MATCH: "News about your mentoring or befriending",
}


def email_line(notification: Notification) -> str:
    actor = notification.actor
    name = actor.profile.display_name if actor is not None else "Someone"
    line = EMAIL_LINES.get(notification.kind, "Something new in the community")
    return line.format(actor=name)


def _absolute(url: str) -> str:
    return settings.SITE_URL + url


@transaction.atomic
def send_digest(*, user) -> int:
    """Email `user` their unread notifications not yet emailed: texts and links only,
    never the words of a post or message. Returns how many went in (0: nothing sent)."""
    row = CommunitySettings.objects.select_for_update().filter(user=user).first()
    if row is None or row.email_digest == DigestFrequency.NEVER or not user.is_active:
        return 0
    now = timezone.now()
    if row.break_until is not None and row.break_until > now:
        return 0
    pending = list(
        Notification.objects.filter(user=user, read_at__isnull=True, emailed_at__isnull=True)
        .select_related("actor__profile")
        .select_for_update(of=("self",))
        .order_by("created_at", "id")[:DIGEST_MAX_ITEMS]
    )
    if not pending:
        return 0
    items = [{"text": email_line(item), "link": _absolute(item.url)} for item in pending]
    context = {
        "name": user.profile.display_name,
        "items": items,
        "notifications_link": _absolute("/community/notifications/"),
        "settings_link": _absolute("/community/settings/"),
    }
    message = EmailMultiAlternatives(
        subject=DIGEST_SUBJECT,
        body=render_to_string("community/members/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("community/members/digest_email.html", context), "text/html"
    )
    send_email_after_commit(message)
    Notification.objects.filter(pk__in=[item.pk for item in pending]).update(emailed_at=now)
    row.last_digest_at = now
    row.save(update_fields=["last_digest_at", "updated_at"])
    return len(pending)
