"""Calendar feeds that calendar apps subscribe to. Apps can't sign in, so the group feed is
public and a member's own feed is found by the secret key in its URL."""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views import View

from alongside.groups.choices import GroupStatus
from alongside.groups.models import Group
from alongside.meetings.calendar import group_calendar, member_calendar
from alongside.meetings.feed_tokens import calendar_feed_owner

# Proposed and declined groups are private. A closed group keeps its feed: calendars that
# subscribed then drop its remaining dates (shown cancelled) instead of keeping a stale copy,
# which is what most apps do with a feed that starts answering 404.
FEED_GROUP_STATUSES = (GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED)


def access_feed_group_by_slug(slug: str) -> Group:
    group = Group.objects.filter(slug=slug, status__in=FEED_GROUP_STATUSES).first()
    if group is None:
        raise Http404("No such group.")
    return group


def _calendar_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class GroupCalendarFeedView(View):
    def get(self, request, slug):
        group = access_feed_group_by_slug(slug)
        response = _calendar_response(group_calendar(group), filename=f"{group.slug}.ics")
        patch_cache_control(response, public=True, max_age=300)
        return response


class MemberCalendarFeedView(View):
    def get(self, request, key):
        user = calendar_feed_owner(key)
        if user is None:
            raise Http404("No such calendar.")
        response = _calendar_response(member_calendar(user), filename="alongside.ics")
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
        return response
