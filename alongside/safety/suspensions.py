"""Suspensions: a suspended member may read but not post, comment or send messages.
Every community action that stores member text calls `check_not_suspended` once it has
the text's risk assessment.

Two things stay open to a suspended member, because the safety net comes first: replying
in a conversation a moderator started with them, and writing something the risk check
finds urgent (it is stored held, as anyone's would be, so that the alert is raised, a
moderator sees it and the writer is shown where to get help now; nobody else sees it)."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from alongside.community.errors import CommunityActionError
from alongside.safety.models import Suspension
from alongside.safety.risk import RiskAssessment, RiskLevel


def suspensions_in_force(member) -> QuerySet:
    """`member`'s suspensions that are in force now: not lifted, and not yet ended."""
    return Suspension.objects.filter(member=member, lifted_at__isnull=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
    )


def active_suspension(user) -> Suspension | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return suspensions_in_force(user).order_by("-starts_at").first()


def check_not_suspended(user, *, risk: RiskAssessment | None = None, room=None) -> None:
    """Refuse a suspended `user`, unless `risk` is urgent or `room` is a conversation with a
    moderator (see the module docstring)."""
    if risk is not None and risk.level == RiskLevel.URGENT:
        return
    if room is not None and room.is_moderator_conversation:
        return
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
