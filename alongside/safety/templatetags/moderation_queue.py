"""The moderation queue's open counts, for the staff dashboard (whose view belongs to the
staff app): `{% moderation_summary user as moderation %}` gives None to anyone who is not
a moderator, so the counts are never computed for them."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from alongside.community.permissions.roles import is_moderator
from alongside.safety.moderation.queue import queue_counts

register = template.Library()


@register.simple_tag
def moderation_summary(user):
    if not is_moderator(user):
        return None
    return queue_counts()


@register.filter
def time_ago(when) -> str:
    """ "12 minutes ago", or "just now" within the first minute."""
    if not when:
        return ""
    if timezone.now() - when < timedelta(minutes=1):
        return "just now"
    return f"{timesince(when)} ago"
