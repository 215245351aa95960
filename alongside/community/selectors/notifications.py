"""A member's notifications."""

from alongside.community.models import Notification

PAGE_SIZE = 50


def notifications_for(*, user, unread_only: bool = False, limit: int = PAGE_SIZE):
    """Newest first. One query."""
    found = Notification.objects.filter(user=user)
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return list(found.order_by("-created_at", "-pk")[:limit])


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
