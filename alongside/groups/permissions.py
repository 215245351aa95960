"""May this person do this to a group? Each check raises PermissionDenied; `access_*` also
fetches, answering 404 for a group whose existence is private (proposed or declined)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alongside.accounts.permissions import has_staff_access
from alongside.accounts.roles import Role, has_role
from alongside.groups.choices import GroupStatus
from alongside.groups.models import Group, Membership
from alongside.groups.selectors import is_facilitator

# Groups anyone may see, signed in or not. Proposed and declined groups are private to
# their proposer and coordinators.
PUBLIC_STATUSES = (GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED)


def is_coordinator(user) -> bool:
    """A coordinator's privileges count only once two-factor is set up."""
    return has_role(user, Role.COORDINATOR) and has_staff_access(user)


def can_edit_group(user, group: Group) -> bool:
    return is_coordinator(user) or is_facilitator(group=group, user=user)


def _check_signed_in(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Sign in first.")


def check_create_group_permission(user) -> None:
    if not (is_coordinator(user) or has_role(user, Role.PEER_SUPPORTER)):
        raise PermissionDenied(
            "Only coordinators and peer supporters can start a group. Any member can propose "
            "a self-help group."
        )


def check_propose_group_permission(user) -> None:
    _check_signed_in(user)


def check_edit_group_permission(user, group: Group) -> None:
    if not can_edit_group(user, group):
        raise PermissionDenied("Only this group's facilitators and coordinators can change it.")


def check_review_group_permission(user) -> None:
    """Approve or decline a proposed group."""
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can approve or decline proposed groups.")


def check_manage_facilitators_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can choose a group's facilitators.")


def check_manage_membership_permission(user, group: Group) -> None:
    """Approve or decline requests to join, and remove members."""
    if not can_edit_group(user, group):
        raise PermissionDenied(
            "Only this group's facilitators and coordinators can manage its members."
        )


def check_manage_venues_permission(user) -> None:
    if not has_staff_access(user):
        raise PermissionDenied(
            "Only staff with two-factor authentication set up can add or change venues."
        )


def check_join_group_permission(user) -> None:
    _check_signed_in(user)


def _can_see_private_group(user, group: Group) -> bool:
    if is_coordinator(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and group.proposed_by_id == user.pk)


def filter_groups_queryset(user, queryset: QuerySet[Group] | None = None) -> QuerySet[Group]:
    """The groups `user` may see (anyone, signed in or not, sees public ones)."""
    groups = Group.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return groups
    visible = Q(status__in=PUBLIC_STATUSES)
    if getattr(user, "is_authenticated", False):
        visible |= Q(proposed_by=user)
    return groups.filter(visible)


def _access_group(user, **lookup) -> Group:
    try:
        group = Group.objects.select_related("venue").get(**lookup)
    except Group.DoesNotExist as error:
        raise Http404("No such group.") from error
    if group.status not in PUBLIC_STATUSES and not _can_see_private_group(user, group):
        raise Http404("No such group.")
    return group


def access_group_by_id(*, user, group_id: int) -> Group:
    return _access_group(user, pk=group_id)


def access_group_by_slug(*, user, slug: str) -> Group:
    return _access_group(user, slug=slug)


def access_membership_by_id(*, user, group: Group, membership_id: int) -> Membership:
    """A membership of `group` for a facilitator or coordinator to manage."""
    check_manage_membership_permission(user, group)
    try:
        return Membership.objects.select_related("user__profile", "group").get(
            pk=membership_id, group=group
        )
    except Membership.DoesNotExist as error:
        raise Http404("No such member.") from error
