"""Reads for groups. Other apps (meetings, privacy) ask membership questions here."""

from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Group, GroupAgreement, Membership


def current_agreement(*, group: Group) -> GroupAgreement | None:
    return group.agreements.order_by("-version").first()


def active_membership(*, group: Group, user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(group=group, user=user, status=MembershipStatus.ACTIVE).first()


def is_facilitator(*, group: Group, user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and group.facilitators.filter(pk=user.pk).exists()
    )


def has_accepted_current_agreement(*, membership: Membership) -> bool:
    """A member must accept a changed agreement before their next meeting."""
    agreement = current_agreement(group=membership.group)
    return agreement is None or membership.agreement_version == agreement.version
