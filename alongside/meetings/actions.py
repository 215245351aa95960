"""Every change to meetings, their dates and RSVPs. Each is one transaction with an audit
entry; views, API endpoints and commands call these and nothing else writes.

Actions assume the caller has checked permissions (alongside.meetings.permissions); the
rules of the meeting itself (no RSVP to a past date, the waiting list, the group agreement)
are enforced here and refused with a MeetingError.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from alongside.accounts.choices import AccessNeed
from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.groups.access import profile_needs
from alongside.groups.models import Group, Venue
from alongside.groups.selectors import active_membership, has_accepted_current_agreement
from alongside.meetings import errors
from alongside.meetings.models import (
    Meeting,
    Occurrence,
    OccurrenceStatus,
    ReminderKind,
    Rsvp,
    RsvpStatus,
)
from alongside.meetings.notifications import (
    claim_reminder,
    email_cancelled,
    email_moved,
    email_promoted,
)
from alongside.meetings.recurrence import expand, local_wall_time, meeting_zone
from alongside.meetings.tasks import schedule_reminders_after_commit
from alongside.staff.actions.access_tasks import (
    answer_access_needs_question,
    close_access_tasks,
    close_access_tasks_for_date,
    sync_access_task,
)

# ---- Scheduling -------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(
    *,
    group: Group,
    actor: User,
    title: str,
    mode: str,
    timezone_name: str,
    first_start: datetime,
    duration_minutes: int,
    rrule: str = "",
    description: str = "",
    venue: Venue | None = None,
    join_url: str = "",
    dial_in: str = "",
    capacity: int | None = None,
) -> Meeting:
    """A meeting and all its dates. `first_start` is a wall-clock time in `timezone_name`
    (naive), or an aware moment. Raises ValidationError for a rule that can't be expanded."""
    starts = expand(timezone_name=timezone_name, first_start=first_start, rrule=rrule)
    meeting = Meeting.objects.create(
        group=group,
        title=title,
        description=description,
        mode=mode,
        venue=venue,
        join_url=join_url,
        dial_in=dial_in,
        timezone=timezone_name,
        first_start=_aware(first_start, timezone_name),
        duration_minutes=duration_minutes,
        rrule=rrule,
        capacity=capacity,
    )
    length = timedelta(minutes=duration_minutes)
    occurrences = Occurrence.objects.bulk_create(
        Occurrence(meeting=meeting, original_start=start, starts_at=start, ends_at=start + length)
        for start in starts
    )
    schedule_reminders_after_commit(occurrences)
    record_audit(
        actor=actor, verb="meeting.scheduled", target=meeting, data={"dates": len(occurrences)}
    )
    return meeting


def _aware(moment: datetime, timezone_name: str) -> datetime:
    zone = meeting_zone(timezone_name)
    return local_wall_time(moment, zone).replace(tzinfo=zone)


# ---- Changing one date ------------------------------------------------------------------


def _lock(occurrence: Occurrence) -> Occurrence:
    """The occurrence row, locked until the transaction ends: every change to its places
    (RSVPs, cancellation, the waiting list) queues behind this lock, so two at once can
    never both take the last place or both promote the same person."""
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("meeting__group")
        .get(pk=occurrence.pk)
    )


def _check_changeable(occurrence: Occurrence) -> None:
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise errors.change_to_cancelled_meeting()
    if occurrence.starts_at <= timezone.now():
        raise errors.change_to_past_meeting()


def _people_expecting_it(occurrence: Occurrence):
    return (
        Rsvp.objects.filter(
            occurrence=occurrence, status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED]
        )
        .select_related("user__profile")
        .order_by("pk")
    )


@transaction.atomic
def cancel_occurrence(*, occurrence: Occurrence, actor: User) -> Occurrence:
    """Cancel one date and tell everyone going (and waiting) by email at once."""
    occurrence = _lock(occurrence)
    _check_changeable(occurrence)
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.save(update_fields=["status"])
    told = 0
    for rsvp in _people_expecting_it(occurrence):
        if claim_reminder(
            occurrence=occurrence,
            user=rsvp.user,
            kind=ReminderKind.CANCELLED,
            for_start=occurrence.starts_at,
        ):
            email_cancelled(occurrence=occurrence, user=rsvp.user)
            told += 1
    close_access_tasks_for_date(occurrence=occurrence)
    record_audit(actor=actor, verb="meeting.date_cancelled", target=occurrence, data={"told": told})
    return occurrence


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> int:
    """Cancel every date of a meeting still to come. Returns how many were cancelled."""
    upcoming = meeting.occurrences.filter(
        status=OccurrenceStatus.SCHEDULED, starts_at__gt=timezone.now()
    ).order_by("starts_at")
    cancelled = 0
    for occurrence in upcoming:
        cancel_occurrence(occurrence=occurrence, actor=actor)
        cancelled += 1
    record_audit(actor=actor, verb="meeting.cancelled", target=meeting, data={"dates": cancelled})
    return cancelled


@transaction.atomic
def move_occurrence(
    *, occurrence: Occurrence, actor: User, starts_at: datetime, ends_at: datetime
) -> Occurrence:
    """Give one date a new time. It keeps its place in the series (original_start) and its
    RSVPs; everyone going is told, and reminders are queued for the new time."""
    if ends_at <= starts_at:
        raise errors.ends_before_start()
    occurrence = _lock(occurrence)
    _check_changeable(occurrence)
    if starts_at <= timezone.now():
        raise errors.change_to_past_meeting()
    previous_start = occurrence.starts_at
    occurrence.starts_at = starts_at
    occurrence.ends_at = ends_at
    occurrence.save(update_fields=["starts_at", "ends_at"])
    # A date moving changes its meeting: what shows a meeting's dates from a snapshot (the
    # finder) knows it from the meeting's updated_at.
    Meeting.objects.filter(pk=occurrence.meeting_id).update(updated_at=timezone.now())
    if starts_at != previous_start:
        for rsvp in _people_expecting_it(occurrence):
            email_moved(occurrence=occurrence, user=rsvp.user, previous_start=previous_start)
        schedule_reminders_after_commit([occurrence])
    record_audit(
        actor=actor,
        verb="meeting.date_moved",
        target=occurrence,
        data={"from": previous_start.isoformat(), "to": starts_at.isoformat()},
    )
    return occurrence


# ---- RSVPs ------------------------------------------------------------------------------


def places_at(occurrence: Occurrence) -> int | None:
    """How many can go: the meeting's own capacity, else its group's; None for no limit."""
    meeting = occurrence.meeting
    return meeting.capacity or meeting.group.capacity


@transaction.atomic
def rsvp(
    *,
    occurrence: Occurrence,
    user: User,
    status: str,
    access_needs: Iterable[str] = (),
    access_note: str = "",
    share_access_needs: bool | None = None,
) -> Rsvp:
    """Say "going" or "can't go" to one date.

    Going to a full meeting puts you on its waiting list. Saying you can't go frees your
    place for the first person waiting, who is told by email. `share_access_needs` is their
    first answer to whether facilitators may see their profile's access needs (None: not
    asked now). Needs a venue can't meet, or that always need arranging, go to coordinators
    as an access task while they are going.
    """
    if status not in (RsvpStatus.GOING, RsvpStatus.NOT_GOING):
        raise ValueError(f"An RSVP is going or not going, not {status!r}.")
    occurrence = _lock(occurrence)
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise errors.rsvp_to_cancelled_meeting()
    if occurrence.starts_at <= timezone.now():
        raise errors.rsvp_to_past_meeting()
    answer = Rsvp.objects.filter(occurrence=occurrence, user=user).first()
    if status == RsvpStatus.GOING:
        needs, note = list(access_needs), access_note
        if share_access_needs and user.profile.access_needs_shared is None:
            # Saying yes shares their needs for this date too, with what they ticked.
            needs, note = _with_profile_needs(user, occurrence.meeting.mode, needs, note)
        answer_access_needs_question(user=user, share=share_access_needs)
        answer = _say_going(occurrence, user, answer, needs, note)
        _sync_access_task(occurrence, answer)
    else:
        answer = _say_not_going(occurrence, user, answer)
    record_audit(actor=user, verb="meeting.rsvp", target=occurrence, data={"status": answer.status})
    return answer


def _with_profile_needs(user: User, mode: str, needs: list[str], note: str):
    from_profile, profile_note = profile_needs(user.profile, mode)
    merged = [need for need in AccessNeed.values if need in needs or need in from_profile]
    return merged, note or profile_note


def _say_going(
    occurrence: Occurrence, user: User, answer: Rsvp | None, needs: list[str], note: str
) -> Rsvp:
    membership = active_membership(group=occurrence.meeting.group, user=user)
    if membership is None:
        raise errors.rsvp_by_non_member()
    if not has_accepted_current_agreement(membership=membership):
        raise errors.agreement_not_accepted()
    answer = answer or Rsvp(occurrence=occurrence, user=user)
    answer.access_needs = needs
    answer.access_note = note
    if answer.status not in (RsvpStatus.GOING, RsvpStatus.WAITLISTED):
        if _has_free_place(occurrence):
            answer.status, answer.waitlisted_at = RsvpStatus.GOING, None
        else:
            answer.status, answer.waitlisted_at = RsvpStatus.WAITLISTED, timezone.now()
    answer.save()
    return answer


def _say_not_going(occurrence: Occurrence, user: User, answer: Rsvp | None) -> Rsvp:
    if answer is None:
        # Only members answer; someone with an RSVP may always withdraw it.
        if active_membership(group=occurrence.meeting.group, user=user) is None:
            raise errors.rsvp_by_non_member()
        answer = Rsvp(occurrence=occurrence, user=user)
    was_going = answer.status == RsvpStatus.GOING
    answer.status, answer.waitlisted_at = RsvpStatus.NOT_GOING, None
    # Their access needs were for coming; not coming, nobody needs to know them.
    answer.access_needs, answer.access_note = [], ""
    answer.save()
    close_access_tasks(member=user, group=occurrence.meeting.group, occurrence=occurrence)
    if was_going:
        _promote_from_waiting_list(occurrence)
    return answer


def _sync_access_task(occurrence: Occurrence, answer: Rsvp) -> None:
    """Only someone with a place needs anything arranged; on the waiting list, not yet."""
    meeting = occurrence.meeting
    needs = answer.access_needs if answer.status == RsvpStatus.GOING else []
    sync_access_task(
        member=answer.user,
        group=meeting.group,
        occurrence=occurrence,
        needs=needs,
        mode=meeting.mode,
        venue=meeting.venue,
    )


@transaction.atomic
def withdraw_rsvps(*, group: Group, user: User, actor: User | None) -> int:
    """Someone left or was removed from `group`: they are no longer going to its dates to
    come, and each place they held goes to the next person waiting. Returns how many."""
    dates = Occurrence.objects.filter(
        meeting__group=group,
        status=OccurrenceStatus.SCHEDULED,
        starts_at__gt=timezone.now(),
        rsvps__user=user,
        rsvps__status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED],
    ).order_by("starts_at", "pk")
    withdrawn = 0
    for occurrence in dates:
        occurrence = _lock(occurrence)
        answer = Rsvp.objects.get(occurrence=occurrence, user=user)
        _say_not_going(occurrence, user, answer)
        withdrawn += 1
    if withdrawn:
        record_audit(
            actor=actor, verb="meeting.rsvps_withdrawn", target=group, data={"dates": withdrawn}
        )
    return withdrawn


def _has_free_place(occurrence: Occurrence) -> bool:
    places = places_at(occurrence)
    if places is None:
        return True
    going = Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.GOING).count()
    return going < places


def _promote_from_waiting_list(occurrence: Occurrence) -> list[Rsvp]:
    """Fill free places from the waiting list, first come first served. The caller holds
    the occurrence lock."""
    places = places_at(occurrence)
    waiting = Rsvp.objects.filter(
        occurrence=occurrence, status=RsvpStatus.WAITLISTED
    ).select_related("user__profile")
    if places is not None:
        going = Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.GOING).count()
        waiting = waiting.order_by("waitlisted_at", "pk")[: max(places - going, 0)]
    promoted = list(waiting)
    for answer in promoted:
        answer.status, answer.waitlisted_at = RsvpStatus.GOING, None
        answer.save(update_fields=["status", "waitlisted_at", "updated_at"])
        email_promoted(occurrence=occurrence, user=answer.user)
        record_audit(actor=None, verb="meeting.rsvp_promoted", target=answer)
        _sync_access_task(occurrence, answer)
    return promoted


# ---- After the meeting ------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *, occurrence: Occurrence, actor: User, attended_user_ids: Iterable[int]
) -> int:
    """Mark who came among those going; everyone else going is marked as not coming.
    Returns how many came."""
    occurrence = _lock(occurrence)
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise errors.change_to_cancelled_meeting()
    if occurrence.starts_at > timezone.now():
        raise errors.attendance_too_early()
    came = set(attended_user_ids)
    going = Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.GOING)
    going.filter(user_id__in=came).update(attended=True)
    going.exclude(user_id__in=came).update(attended=False)
    occurrence.attendance_recorded_at = timezone.now()
    occurrence.save(update_fields=["attendance_recorded_at"])
    count = going.filter(attended=True).count()
    record_audit(
        actor=actor, verb="meeting.attendance_recorded", target=occurrence, data={"came": count}
    )
    return count
