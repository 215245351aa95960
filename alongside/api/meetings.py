"""/meetings: one date of a meeting, RSVPs, and what facilitators do with a date (cancel,
move, see who is coming, record who came). The meetings actions make every change."""

from django.db.models import Count, Q
from ninja import Router

from alongside.api.errors import FormErrors
from alongside.api.refusals import refusals_as_conflicts
from alongside.api.schemas import ERRORS, REFUSED
from alongside.api.schemas_groups import (
    AttendanceIn,
    AttendanceOut,
    AttendeeOut,
    MoveIn,
    MyOccurrenceOut,
    OccurrenceDetailOut,
    RsvpIn,
    RsvpOut,
)
from alongside.api.serialise import occurrence_out
from alongside.meetings import actions, errors, permissions, selectors
from alongside.meetings.forms import RsvpForm
from alongside.meetings.models import Occurrence, Rsvp, RsvpStatus

router = Router(tags=["meetings"])


@router.get(
    "/meetings/mine",
    response={200: list[MyOccurrenceOut], **ERRORS},
    summary="Dates you're going to or waiting for",
    description="Soonest first; a date cancelled since you said you'd go is included, so "
    "you see the change.",
)
def my_meetings(request):
    return [
        {
            "id": occurrence.pk,
            "group": {"slug": occurrence.meeting.group.slug, "name": occurrence.meeting.group.name},
            "title": occurrence.meeting.title,
            "starts_at": occurrence.starts_at,
            "ends_at": occurrence.ends_at,
            "status": occurrence.status,
            "my_status": occurrence.my_status,
        }
        for occurrence in selectors.upcoming_for_user(request.auth)
    ]


def _rsvp_out(answer: Rsvp) -> dict:
    return {
        "status": answer.status,
        "access_needs": answer.access_needs,
        "access_note": answer.access_note,
    }


def _occurrence_detail(occurrence: Occurrence, user) -> dict:
    counts = occurrence.rsvps.aggregate(
        going_count=Count("pk", filter=Q(status=RsvpStatus.GOING)),
        waiting_count=Count("pk", filter=Q(status=RsvpStatus.WAITLISTED)),
    )
    occurrence.going_count = counts["going_count"]
    occurrence.waiting_count = counts["waiting_count"]
    shown = permissions.can_see_join_details(user, occurrence)
    answer = occurrence.rsvps.filter(user=user).first()
    return {
        **occurrence_out(occurrence),
        "join_url": occurrence.meeting.join_url if shown else None,
        "dial_in": occurrence.meeting.dial_in if shown else None,
        "my_rsvp": _rsvp_out(answer) if answer else None,
    }


@router.get(
    "/meetings/{occurrence_id}",
    response={200: OccurrenceDetailOut, **ERRORS},
    summary="One date of a meeting",
    description="The join link and dial-in are null unless you are going (and still a "
    "member), or facilitate or coordinate the group.",
)
def read_meeting(request, occurrence_id: int):
    occurrence = permissions.access_occurrence_by_id(user=request.auth, occurrence_id=occurrence_id)
    return _occurrence_detail(occurrence, request.auth)


@router.post(
    "/meetings/{occurrence_id}/rsvp",
    response={200: RsvpOut, **ERRORS, **REFUSED},
    summary="Say whether you're going",
    description="Members only. Going to a full date puts you on its waiting list (status "
    "`waitlisted`); saying you can't go gives your place to the first person waiting. Only "
    "the group's facilitators see your access needs.",
)
def answer_meeting(request, occurrence_id: int, payload: RsvpIn):
    user = request.auth
    occurrence = permissions.access_occurrence_by_id(user=user, occurrence_id=occurrence_id)
    form = RsvpForm(payload.model_dump(exclude={"share_access_needs"}))
    if not form.is_valid():
        raise FormErrors(form)
    going = form.cleaned_data["status"] == RsvpStatus.GOING
    with refusals_as_conflicts():
        answer = actions.rsvp(
            occurrence=occurrence,
            user=user,
            status=form.cleaned_data["status"],
            access_needs=form.cleaned_data["access_needs"],
            access_note=form.cleaned_data["access_note"],
            share_access_needs=payload.share_access_needs if going else None,
        )
    return _rsvp_out(answer)


@router.post(
    "/meetings/{occurrence_id}/cancel",
    response={200: OccurrenceDetailOut, **ERRORS, **REFUSED},
    summary="Cancel one date",
    description="For the group's facilitators and coordinators. Everyone going or waiting "
    "is told by email.",
)
def cancel_meeting_date(request, occurrence_id: int):
    user = request.auth
    occurrence = permissions.access_occurrence_by_id(user=user, occurrence_id=occurrence_id)
    permissions.check_change_occurrence_permission(user, occurrence)
    with refusals_as_conflicts():
        occurrence = actions.cancel_occurrence(occurrence=occurrence, actor=user)
    return _occurrence_detail(occurrence, user)


@router.post(
    "/meetings/{occurrence_id}/move",
    response={200: OccurrenceDetailOut, **ERRORS, **REFUSED},
    summary="Move one date",
    description="For the group's facilitators and coordinators. Times need a timezone, "
    "e.g. 2026-12-01T19:00:00+00:00. Everyone going is told by email.",
)
def move_meeting_date(request, occurrence_id: int, payload: MoveIn):
    user = request.auth
    occurrence = permissions.access_occurrence_by_id(user=user, occurrence_id=occurrence_id)
    permissions.check_change_occurrence_permission(user, occurrence)
    if payload.ends_at <= payload.starts_at:
        raise FormErrors.from_messages({"ends_at": errors.ends_before_start().messages})
    with refusals_as_conflicts():
        occurrence = actions.move_occurrence(
            occurrence=occurrence, actor=user, starts_at=payload.starts_at, ends_at=payload.ends_at
        )
    return _occurrence_detail(occurrence, user)


@router.get(
    "/meetings/{occurrence_id}/attendees",
    response={200: list[AttendeeOut], **ERRORS},
    summary="Who is going and who is waiting",
    description="For the group's facilitators and coordinators: it includes the access "
    "needs each person gave for this date.",
)
def list_attendees(request, occurrence_id: int):
    occurrence = permissions.access_occurrence_by_id(user=request.auth, occurrence_id=occurrence_id)
    permissions.check_view_attendees_permission(request.auth, occurrence)
    return selectors.attendee_list(occurrence)


@router.post(
    "/meetings/{occurrence_id}/attendance",
    response={200: AttendanceOut, **ERRORS, **REFUSED},
    summary="Record who came",
    description="For the group's facilitators and coordinators, once the date has started. "
    "Everyone going who isn't listed is recorded as not coming.",
)
def record_attendance(request, occurrence_id: int, payload: AttendanceIn):
    user = request.auth
    occurrence = permissions.access_occurrence_by_id(user=user, occurrence_id=occurrence_id)
    permissions.check_record_attendance_permission(user, occurrence)
    with refusals_as_conflicts():
        came = actions.record_attendance(
            occurrence=occurrence, actor=user, attended_user_ids=payload.attended
        )
    return {"came": came}
