"""Suspensions: a suspended member may read but not post, comment or send messages.
Every community action that stores member text calls `check_not_suspended` first."""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from alongside.community.errors import CommunityActionError
from alongside.safety.models import Suspension


def active_suspension(user) -> Suspension | None:
    if not getattr(user, "is_authenticated", False):
        return None
    now = timezone.now()
    return (
        Suspension.objects.filter(member=user, lifted_at__isnull=True)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .order_by("-starts_at")
        .first()
    )


def check_not_suspended(user) -> None:
    suspension = active_suspension(user)
    if suspension is None:
        return
    if suspension.ends_at is None:
        until = "until a moderator lifts it"
    else:
        until = "until " + date_format(timezone.localtime(suspension.ends_at), "j F Y, H:i")
    raise CommunityActionError(
        f"A moderator has paused your posting and messages {until}. You can still read, "
        "use your safety plan and reach \u201cI need help now\u201d. They will have been "
        "in touch about why."
    )
