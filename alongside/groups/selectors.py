"""Reads for groups. Other apps (meetings, privacy) ask membership questions here."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower

from alongside.groups.choices import GroupStatus, MembershipStatus
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


def active_member_count(*, group: Group) -> int:
    return Membership.objects.filter(group=group, status=MembershipStatus.ACTIVE).count()


def member_list(*, group: Group) -> list[str]:
    """What members see of each other: display names only, in one query."""
    return list(
        Membership.objects.filter(group=group, status=MembershipStatus.ACTIVE)
        .order_by(Lower("user__profile__display_name"))
        .values_list("user__profile__display_name", flat=True)
    )


def pending_join_requests(*, group: Group) -> QuerySet[Membership]:
    """Requests to join, oldest first, for the group's facilitators."""
    return (
        Membership.objects.filter(group=group, status=MembershipStatus.REQUESTED)
        .select_related("user__profile")
        .order_by("updated_at", "pk")
    )


def groups_for_user(*, user) -> QuerySet[Group]:
    """The groups `user` belongs to or facilitates ("my groups")."""
    if not getattr(user, "is_authenticated", False):
        return Group.objects.none()
    belongs = Membership.objects.filter(
        group=OuterRef("pk"), user=user, status=MembershipStatus.ACTIVE
    )
    facilitates = Group.facilitators.through.objects.filter(group=OuterRef("pk"), user=user)
    return (
        Group.objects.filter(Exists(belongs) | Exists(facilitates))
        .exclude(status=GroupStatus.DECLINED)
        .select_related("venue")
        .order_by("name", "pk")
    )


def share_a_group(user, other) -> bool:
    """Whether both are active members of the same group (one query)."""
    return Membership.objects.filter(
        user=user,
        status=MembershipStatus.ACTIVE,
        group__memberships__user=other,
        group__memberships__status=MembershipStatus.ACTIVE,
    ).exists()


def membership_of(*, group: Group, user) -> Membership | None:
    """`user`'s membership of `group` in whatever state it is (asked, member, left...)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(group=group, user=user).first()


def join_requests_of(*, user) -> QuerySet[Membership]:
    """The groups `user` has asked to join and is waiting to hear from."""
    return (
        Membership.objects.filter(user=user, status=MembershipStatus.REQUESTED)
        .exclude(group__status=GroupStatus.DECLINED)
        .select_related("group")
        .order_by("group__name", "pk")
    )
