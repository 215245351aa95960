"""What a moderator does about a member: write to them privately, pause their posting
(suspend) and lift that again, and go on or off duty. Each action is one transaction; a
refusal raises ModerationRefused (plain words for the page) and changes nothing."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from alongside.accounts.models import User
from alongside.accounts.roles import is_staff_member
from alongside.common.audit import record_audit
from alongside.common.http import parse_id
from alongside.community.actions.moderator_contact import send_moderator_message
from alongside.community.choices import NotificationKind
from alongside.community.models import Block
from alongside.community.notifications import notify
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import ModeratorDuty, Report, SafetyAlert, Suspension
from alongside.safety.moderation.record import record_moderation
from alongside.safety.permissions import check_moderate_permission
from alongside.safety.suspensions import suspensions_in_force

# The lengths a moderator can choose; None: until a moderator lifts it.
SUSPENSION_LENGTHS = {
    "24h": ("24 hours", timedelta(hours=24)),
    "3d": ("3 days", timedelta(days=3)),
    "7d": ("7 days", timedelta(days=7)),
    "30d": ("30 days", timedelta(days=30)),
    "lifted": ("Until a moderator lifts it", None),
}


class ModerationRefused(ValidationError):
    """The action can't be done as asked; the message says why, in plain words."""

    def __init__(self, message: str):
        super().__init__(message)


def access_member_to_moderate(*, user, member_id) -> User:
    """A member to contact or suspend, for a moderator. 404 for anyone else, or for an
    unknown or closed account."""
    check_moderate_permission(user)
    member = (
        User.objects.select_related("profile")
        .filter(pk=parse_id(member_id), is_active=True)
        .first()
    )
    if member is None:
        raise Http404("No such member.")
    return member


def linked_alert(*, member, alert_id) -> SafetyAlert | None:
    """The alert about `member` that ?alert=<id> names, or 404."""
    if alert_id is None:
        return None
    alert = SafetyAlert.objects.filter(pk=parse_id(alert_id), member=member).first()
    if alert is None:
        raise Http404("No such alert for this member.")
    return alert


def linked_report(*, member, report_id) -> Report | None:
    """The report about `member` (or something they wrote) that ?report=<id> names, or 404."""
    if report_id is None:
        return None
    report = Report.objects.filter(
        Q(reported_member=member) | Q(member=member), pk=parse_id(report_id)
    ).first()
    if report is None:
        raise Http404("No such report about this member.")
    return report


# ---- Contact -----------------------------------------------------------------------------


@transaction.atomic
def contact_member(*, moderator, member, body: str, alert=None, report=None):
    """Send `member` a private message from `moderator`, in their moderator conversation.
    Returns the message."""
    check_moderate_permission(moderator)
    if member.pk == moderator.pk:
        raise ModerationRefused("You can't contact yourself. Choose the member to write to.")
    if Block.objects.filter(blocker=member, blocked=moderator).exists():
        raise ModerationRefused(
            f"{member.profile.display_name} has blocked you, so your message wouldn't reach "
            "them. Please ask another moderator to get in touch."
        )
    message = send_moderator_message(moderator=moderator, member=member, body=body)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.CONTACT,
        alert=alert,
        report=report,
        member=member,
        data={"conversation_id": message.room.conversation.pk, "message_id": message.pk},
    )
    return message


CONVERSATION_SHOWN = 50


def conversation_so_far(conversation) -> list:
    """The newest messages of a moderator's conversation with a member, oldest first, for
    the moderator: visible ones and held ones (a reply the risk check held is exactly what
    the moderator needs to see), not deleted or hidden ones."""
    from alongside.community.choices import ContentStatus
    from alongside.community.models import Message

    newest = (
        Message.objects.filter(
            room=conversation.room,
            status__in=[ContentStatus.VISIBLE, ContentStatus.HELD],
            deleted_at__isnull=True,
        )
        .select_related("author__profile")
        .order_by("-pk")[:CONVERSATION_SHOWN]
    )
    return list(reversed(newest))


# ---- Suspend and lift --------------------------------------------------------------------


def current_suspensions(member):
    """`member`'s suspensions that are in force now, newest first."""
    return list(
        suspensions_in_force(member)
        .select_related("suspended_by__profile")
        .order_by("-starts_at", "-pk")
    )


def past_suspensions(member, *, limit: int = 20):
    now = timezone.now()
    return list(
        Suspension.objects.filter(member=member)
        .filter(Q(lifted_at__isnull=False) | Q(ends_at__lte=now))
        .select_related("suspended_by__profile", "lifted_by__profile")
        .order_by("-starts_at", "-pk")[:limit]
    )


def until_label(ends_at) -> str:
    if ends_at is None:
        return "until a moderator lifts it"
    return "until " + date_format(timezone.localtime(ends_at), "j F Y, H:i")


def check_suspend_member_permission(moderator, member) -> None:
    check_moderate_permission(moderator)
    if member.pk == moderator.pk:
        raise ModerationRefused("You can't suspend yourself.")
    if is_staff_member(member) or member.is_superuser:
        raise ModerationRefused(
            "You can't suspend another moderator or coordinator. Talk to a coordinator instead."
        )


@transaction.atomic
def suspend_member(
    *, moderator, member, reason: str, length: str, alert=None, report=None
) -> Suspension:
    """Pause `member`'s posting and messages for `length` (a SUSPENSION_LENGTHS key). The
    member is told kindly, with a link to "I need help now"; the reason is for moderators
    only and never goes in the notification."""
    check_suspend_member_permission(moderator, member)
    # Lock the member's row: two moderators suspending at once make one suspension.
    User.objects.select_for_update().filter(pk=member.pk).first()
    current = current_suspensions(member)
    if current:
        raise ModerationRefused(
            f"{member.profile.display_name}\u2019s posting is already paused "
            f"{until_label(current[0].ends_at)}. Lift that first to change it."
        )
    _, duration = SUSPENSION_LENGTHS[length]
    ends_at = timezone.now() + duration if duration is not None else None
    suspension = Suspension.objects.create(
        member=member, suspended_by=moderator, reason=reason, ends_at=ends_at
    )
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.SUSPEND,
        alert=alert,
        report=report,
        member=member,
        reason=reason,
        data={"suspension_id": suspension.pk, "length": length},
    )
    notify(
        user=member,
        kind=NotificationKind.MODERATION,
        text=(
            f"A moderator has paused your posting and messages {until_label(ends_at)}. "
            "You can still read, and use your safety plan. If things feel hard, "
            "help is here any time."
        ),
        url=reverse("safety:help_now"),
        actor=None,  # always delivered: not even a block may hide it
    )
    return suspension


def access_suspension(*, member, suspension_id) -> Suspension:
    suspension = Suspension.objects.filter(pk=parse_id(suspension_id), member=member).first()
    if suspension is None:
        raise Http404("No such suspension.")
    return suspension


@transaction.atomic
def lift_suspension(
    *, moderator, suspension: Suspension, reason: str, alert=None, report=None
) -> Suspension:
    """End a suspension now. The member is told their posting is back."""
    check_moderate_permission(moderator)
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    now = timezone.now()
    if suspension.lifted_at is not None or (
        suspension.ends_at is not None and suspension.ends_at <= now
    ):
        raise ModerationRefused("This suspension has already ended.")
    suspension.lifted_at = now
    suspension.lifted_by = moderator
    suspension.save(update_fields=["lifted_at", "lifted_by"])
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.LIFT_SUSPENSION,
        alert=alert,
        report=report,
        member=suspension.member,
        reason=reason,
        data={"suspension_id": suspension.pk},
    )
    notify(
        user=suspension.member,
        kind=NotificationKind.MODERATION,
        text="A moderator has lifted the pause on your posting and messages. Welcome back.",
        url=reverse("community:spaces"),
        actor=None,
    )
    return suspension


# ---- Duty --------------------------------------------------------------------------------


def is_on_duty(moderator) -> bool:
    return ModeratorDuty.objects.filter(moderator=moderator, on_duty=True).exists()


@transaction.atomic
def set_moderator_duty(*, moderator, on_duty: bool) -> ModeratorDuty:
    """Go on or off duty. On-duty moderators are the ones told about an urgent alert that
    nobody has claimed (see safety.tasks)."""
    check_moderate_permission(moderator)
    duty, created = ModeratorDuty.objects.select_for_update().get_or_create(
        moderator=moderator, defaults={"on_duty": on_duty}
    )
    if not created and duty.on_duty == on_duty:
        return duty  # nothing changed, nothing to record
    if not created:
        duty.on_duty = on_duty
        duty.save(update_fields=["on_duty", "changed_at"])
    record_audit(
        actor=moderator,
        verb="safety.moderator_on_duty" if on_duty else "safety.moderator_off_duty",
        target=moderator,
        data={"on_duty": on_duty},
    )
    return duty
