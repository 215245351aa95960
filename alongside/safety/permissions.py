"""May this person do this? Each check raises PermissionDenied; `access_*` also fetches."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.permissions.roles import is_coordinator
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
