"""The notification list, opening one (marks it read), and "Mark all as read"."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from alongside.common.http import local_path
from alongside.community.actions.notifications import (
    mark_all_notifications_read,
    mark_notification_read,
)
from alongside.community.permissions.members import access_notification_by_id
from alongside.community.selectors.notifications import notifications_for
from alongside.community.selectors.protections import settings_for


def _go_to(url: str) -> str:
    """A notification's link if it is a path on this site, else the notifications page."""
    return local_path(url) or "/community/notifications/"


def is_on_break(user) -> bool:
    until = settings_for(user).break_until
    return until is not None and until > timezone.now()


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request):
        on_break = is_on_break(request.user)
        items = [] if on_break else notifications_for(user=request.user)
        context = {
            "notifications": items,
            "on_break": on_break,
            "has_unread": any(item.read_at is None for item in items),
        }
        return render(request, "community/members/notifications.html", context)


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, notification_id):
        notification = access_notification_by_id(user=request.user, notification_id=notification_id)
        mark_notification_read(user=request.user, notification=notification)
        return redirect(_go_to(notification.url))


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        mark_all_notifications_read(user=request.user)
        messages.success(request, "All your notifications are marked as read.")
        return redirect("community:notifications")
