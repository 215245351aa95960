"""May this person do this? Each check raises PermissionDenied; `access_*` also fetches."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.accounts.models import ApiToken, Topic, User
from alongside.accounts.roles import Role, has_role, is_staff_member
from alongside.accounts.twofactor import has_totp


def check_manage_roles_permission(user) -> None:
    if not has_role(user, Role.COORDINATOR):
        raise PermissionDenied("Only coordinators can change roles.")


def check_role_removal_allowed(*, user, role: Role) -> None:
    """The organisation always keeps at least one coordinator to manage roles."""
    if role != Role.COORDINATOR:
        return
    others = User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True).exclude(
        pk=user.pk
    )
    if not others.exists():
        raise PermissionDenied(
            "There must always be at least one coordinator. Make someone else a coordinator first."
        )


def check_manage_topics_permission(user) -> None:
    if not has_role(user, Role.COORDINATOR):
        raise PermissionDenied("Only coordinators can manage topics.")


def access_topic_by_id(*, user, topic_id: int) -> Topic:
    """A topic to edit, for a coordinator."""
    check_manage_topics_permission(user)
    try:
        return Topic.objects.get(pk=topic_id)
    except Topic.DoesNotExist as error:
        raise Http404("No such topic.") from error


def check_view_audit_log_permission(user) -> None:
    if not has_role(user, Role.COORDINATOR):
        raise PermissionDenied("Only coordinators can read the audit log.")


def has_staff_access(user) -> bool:
    """Staff privileges count only once two-factor is set up: a stolen staff password
    alone never opens members' private details."""
    return (is_staff_member(user) or bool(getattr(user, "is_superuser", False))) and has_totp(user)


def check_staff_area_permission(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied("This page is for staff.")
    if not has_totp(user):
        raise PermissionDenied("Set up two-factor authentication before using staff tools.")


def access_member_by_id(*, viewer, user_id: int) -> User:
    """A member whose profile `viewer` may look at: any active member, to any member."""
    if not viewer.is_authenticated:
        raise PermissionDenied
    try:
        return User.objects.select_related("profile").get(
            pk=user_id, is_active=True, profile__isnull=False
        )
    except User.DoesNotExist as error:
        raise Http404("No such member.") from error


def access_api_token_by_id(*, user, token_id: int) -> ApiToken:
    """One of `user`'s own tokens; anyone else's is reported as not found."""
    try:
        return ApiToken.objects.get(pk=token_id, user=user, revoked_at__isnull=True)
    except ApiToken.DoesNotExist as error:
        raise Http404("No such token.") from error
