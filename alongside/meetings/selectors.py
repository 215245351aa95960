"""Reads for meetings: each a fixed number of queries, however many rows."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from alongside.accounts.choices import AccessNeed
from alongside.groups.models import Group
from alongside.meetings.models import Occurrence, Rsvp, RsvpStatus


@dataclass(frozen=True)
class Attendee:
    user_id: int
    display_name: str
    status: str
    access_needs: list[str]  # labels, for reading
    access_note: str
    attended: bool | None


def attendee_list(occurrence: Occurrence) -> list[Attendee]:
    """Who is going and who is waiting, with the access needs they gave for this date.
    For facilitators (check_view_attendees_permission): it carries health information."""
    answers = (
        Rsvp.objects.filter(
            occurrence=occurrence, status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED]
        )
        .select_related("user__profile")
        .order_by(F("waitlisted_at").asc(nulls_first=True), "user__profile__display_name")
    )
    return [
        Attendee(
            user_id=answer.user_id,
            display_name=str(answer.user),
            status=answer.status,
            access_needs=[_need_label(value) for value in answer.access_needs],
            access_note=answer.access_note,
            attended=answer.attended,
        )
        for answer in answers
    ]


def _need_label(value: str) -> str:
    try:
        return AccessNeed(value).label
    except ValueError:
        return value


def _upcoming() -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(ends_at__gt=timezone.now()).select_related(
        "meeting__group", "meeting__venue"
    )


def upcoming_for_user(user) -> QuerySet[Occurrence]:
    """Dates `user` is going to or waiting for, soonest first, cancelled ones included so
    they can see the change. Each carries `my_status`."""
    return (
        _upcoming()
        .filter(rsvps__user=user, rsvps__status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED])
        .annotate(my_status=F("rsvps__status"))
        .order_by("starts_at", "pk")
    )


def upcoming_for_group(group: Group) -> QuerySet[Occurrence]:
    """A group's dates still to come, soonest first, each with `going_count` and
    `waiting_count`."""
    return (
        _upcoming()
        .filter(meeting__group=group)
        .annotate(
            going_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)),
            waiting_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITLISTED)),
        )
        .order_by("starts_at", "pk")
    )
