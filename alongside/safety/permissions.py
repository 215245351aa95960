"""May this person do this? Each check raises PermissionDenied; `access_*` also fetches."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.permissions.roles import is_coordinator, is_moderator
from alongside.safety.models import CrisisResource


def check_manage_crisis_resources_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(
            "Only coordinators with two-factor authentication can manage crisis resources."
        )


def access_crisis_resource_by_id(*, user, resource_id: int) -> CrisisResource:
    """A crisis resource to change, for a coordinator."""
    check_manage_crisis_resources_permission(user)
    try:
        return CrisisResource.objects.get(pk=resource_id)
    except CrisisResource.DoesNotExist as error:
        raise Http404("No such crisis resource.") from error


def check_moderate_permission(user) -> None:
    """The moderation queue: moderators (and coordinators), with two-factor set up.
    Everyone else gets a 404, so the queue's existence tells them nothing."""
    if not is_moderator(user):
        raise Http404("No such page.")


def check_safeguarding_permission(user) -> None:
    """Safeguarding cases: moderators and coordinators only; 404 to everyone else."""
    if not is_moderator(user):
        raise Http404("No such page.")
