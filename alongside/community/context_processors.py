"""What base.html needs on every page for a signed-in member: unread counts for the nav,
and whether they are on a break (then the counts are left out: a break hides activity).

Everything comes from one query, run only when a template first asks."""

from functools import cached_property

from django.utils import timezone

from alongside.community.selectors.conversations import nav_counts


class CommunityNav:
    def __init__(self, user):
        self._user = user

    @cached_property
    def _counts(self) -> dict:
        return nav_counts(user=self._user)

    @property
    def break_until(self):
        until = self._counts["break_until"]
        return until if until is not None and until > timezone.now() else None

    @property
    def unread_messages(self) -> int:
        return 0 if self.break_until else self._counts["unread_messages"]

    @property
    def unread_notifications(self) -> int:
        return 0 if self.break_until else self._counts["unread_notifications"]


def community(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"community_nav": CommunityNav(user)}
