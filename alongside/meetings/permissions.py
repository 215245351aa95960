"""May this person do this to a meeting? Each check raises PermissionDenied; `access_*`
also fetches, answering 404 where the group itself is private."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.groups.choices import GroupStatus
from alongside.groups.models import Group
from alongside.groups.permissions import filter_groups_queryset, is_coordinator
from alongside.groups.selectors import active_membership, is_facilitator
from alongside.meetings.models import Occurrence, RsvpStatus


def can_manage_meetings(user, group: Group) -> bool:
    return is_coordinator(user) or is_facilitator(group=group, user=user)


def check_schedule_meeting_permission(user, group: Group) -> None:
    if not can_manage_meetings(user, group):
        raise PermissionDenied(
            "Only this group's facilitators and coordinators can arrange meetings."
        )
    if group.status != GroupStatus.ACTIVE:
        raise PermissionDenied("This group isn't active, so it can't arrange meetings.")


def check_change_occurrence_permission(user, occurrence: Occurrence) -> None:
    """Cancel or move one date of a meeting."""
    if not can_manage_meetings(user, occurrence.meeting.group):
        raise PermissionDenied(
            "Only this group's facilitators and coordinators can change meetings."
        )


def check_record_attendance_permission(user, occurrence: Occurrence) -> None:
    if not can_manage_meetings(user, occurrence.meeting.group):
        raise PermissionDenied("Only this group's facilitators can record who came.")


def check_view_attendees_permission(user, occurrence: Occurrence) -> None:
    """The attendee list carries access needs: for facilitators and coordinators only."""
    if not can_manage_meetings(user, occurrence.meeting.group):
        raise PermissionDenied("Only this group's facilitators can see who is coming.")


def can_see_join_details(user, occurrence: Occurrence) -> bool:
    """The join link, dial-in and venue room details: for the people going (who are still
    members), the group's facilitators, and coordinators with two-factor set up."""
    if not getattr(user, "is_authenticated", False):
        return False
    group = occurrence.meeting.group
    if can_manage_meetings(user, group):
        return True
    going = occurrence.rsvps.filter(user=user, status=RsvpStatus.GOING).exists()
    return going and active_membership(group=group, user=user) is not None


def access_occurrence_by_id(*, user, occurrence_id: int) -> Occurrence:
    """One date of a meeting of a group `user` may see."""
    try:
        occurrence = Occurrence.objects.select_related("meeting__group", "meeting__venue").get(
            pk=occurrence_id
        )
    except Occurrence.DoesNotExist as error:
        raise Http404("No such meeting.") from error
    group = occurrence.meeting.group
    if not filter_groups_queryset(user, Group.objects.filter(pk=group.pk)).exists():
        raise Http404("No such meeting.")
    return occurrence
