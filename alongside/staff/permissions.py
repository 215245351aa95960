"""May this person do this, in the staff area? Checks raise PermissionDenied; `access_*`
also fetch, and answer 404 to anyone who may not see the thing at all."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.permissions.roles import is_coordinator
from alongside.staff.models import AccessTask, Enquiry, ResourceLink


def check_manage_enquiries_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can read and answer enquiries.")


def access_enquiry_by_id(*, user, enquiry_id: int) -> Enquiry:
    """An enquiry, for a coordinator; 404 for everyone else (an enquiry is private)."""
    if not is_coordinator(user):
        raise Http404("No such enquiry.")
    try:
        return Enquiry.objects.select_related("assigned_to__profile", "user__profile").get(
            pk=enquiry_id
        )
    except Enquiry.DoesNotExist as error:
        raise Http404("No such enquiry.") from error


def check_manage_resources_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can manage the information library.")


def access_resource_by_id(*, user, resource_id: int) -> ResourceLink:
    """A library entry to edit, for a coordinator."""
    check_manage_resources_permission(user)
    try:
        return ResourceLink.objects.get(pk=resource_id)
    except ResourceLink.DoesNotExist as error:
        raise Http404("No such entry.") from error


def check_manage_access_tasks_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can arrange access needs.")


def access_access_task_by_id(*, user, task_id: int) -> AccessTask:
    """An access task, for a coordinator; 404 for everyone else (it names health needs)."""
    if not is_coordinator(user):
        raise Http404("No such task.")
    try:
        return AccessTask.objects.select_related("member__profile", "group", "occurrence").get(
            pk=task_id
        )
    except AccessTask.DoesNotExist as error:
        raise Http404("No such task.") from error
