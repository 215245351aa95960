"""Access needs a coordinator arranges: opened (or brought up to date) when a member going to
a date, or joining a group, has needs the venue can't meet or that always need arranging;
closed as no longer needed when they stop going or leave; resolved by a coordinator.

The audit log records that a task changed, never which needs it holds (health information).
"""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actions import update_profile
from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.groups.access import needs_to_arrange, shared_needs
from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Group, Membership
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.models import AccessTask

RESOLVED_STATUSES = (AccessTaskStatus.DONE, AccessTaskStatus.NOT_NEEDED)
CLOSED_BY_ITSELF = "Closed by itself: they no longer need it."


class AccessTaskAlreadyResolved(Exception):
    message = "Someone has already dealt with this. Nothing was changed."


def _open_task(*, member: User, group: Group, occurrence=None) -> AccessTask | None:
    return (
        AccessTask.objects.select_for_update()
        .filter(member=member, group=group, occurrence=occurrence, status=AccessTaskStatus.OPEN)
        .first()
    )


def _already_arranged(*, member: User, group: Group, occurrence=None) -> set[str]:
    """The needs a coordinator has dealt with here (arranged, or found no longer needed)
    since the member last needed nothing here: saving the same RSVP or profile again
    doesn't bring them back to the dashboard."""
    resolved = (
        AccessTask.objects.filter(member=member, group=group, occurrence=occurrence)
        .exclude(status=AccessTaskStatus.OPEN)
        .order_by("-resolved_at", "-pk")
        .values_list("resolved_by", "needs")
    )
    arranged: set[str] = set()
    for resolved_by, needs in resolved:
        if not needs:  # the mark left by _stopped_needing
            break
        if resolved_by is not None:
            arranged.update(needs)
    return arranged


def _stopped_needing(*, member: User, group: Group, occurrence=None) -> None:
    """They need nothing here any more (they stopped going, left, or took the needs off).
    After a coordinator dealt with something here, leave a closed mark with no needs, so
    that needing it again later opens a new task."""
    if _already_arranged(member=member, group=group, occurrence=occurrence):
        AccessTask.objects.create(
            member=member,
            group=group,
            occurrence=occurrence,
            needs=[],
            status=AccessTaskStatus.NOT_NEEDED,
            resolved_at=timezone.now(),
            note=CLOSED_BY_ITSELF,
        )


@transaction.atomic
def open_access_task(
    *, member: User, group: Group, needs: list[str], occurrence=None
) -> AccessTask | None:
    """Open a task for these needs (already narrowed to what needs arranging), or update the
    open one for the same date (or, with no date, the same group), leaving out what a
    coordinator has already dealt with. No needs: close it."""
    task = _open_task(member=member, group=group, occurrence=occurrence)
    if not needs:
        if task is not None:
            _close(task)
        _stopped_needing(member=member, group=group, occurrence=occurrence)
        return None
    arranged = _already_arranged(member=member, group=group, occurrence=occurrence)
    needs = [need for need in needs if need not in arranged]
    if not needs:
        if task is not None:
            _close(task)
        return None
    if task is None:
        task = AccessTask.objects.create(
            member=member, group=group, occurrence=occurrence, needs=list(needs)
        )
        record_audit(actor=member, verb="access_task.opened", target=task)
    elif task.needs != list(needs):
        task.needs = list(needs)
        task.save(update_fields=["needs", "updated_at"])
        record_audit(actor=member, verb="access_task.updated", target=task)
    return task


def sync_access_task(
    *, member: User, group: Group, needs, mode: str, venue, occurrence=None
) -> AccessTask | None:
    """Open, update or close the task for `needs` at a meeting in `mode` at `venue`."""
    features = venue.features if venue is not None else None
    to_arrange = needs_to_arrange(needs, mode=mode, venue_features=features)
    return open_access_task(member=member, group=group, needs=to_arrange, occurrence=occurrence)


@transaction.atomic
def close_access_tasks(*, member: User, group: Group, occurrence=None) -> int:
    """They no longer need these: the open task for one date, or with no date every open
    task of theirs for the group (its dates included). Returns how many closed."""
    tasks = AccessTask.objects.select_for_update().filter(
        member=member, group=group, status=AccessTaskStatus.OPEN
    )
    if occurrence is not None:
        tasks = tasks.filter(occurrence=occurrence)
    closed = 0
    for task in tasks:
        _close(task)
        closed += 1
    _stopped_needing(member=member, group=group, occurrence=occurrence)
    return closed


@transaction.atomic
def close_access_tasks_for_date(*, occurrence) -> int:
    """The date is cancelled: nothing to arrange for anyone."""
    closed = 0
    for task in AccessTask.objects.select_for_update().filter(
        occurrence=occurrence, status=AccessTaskStatus.OPEN
    ):
        _close(task)
        closed += 1
    return closed


def _close(task: AccessTask) -> None:
    task.status = AccessTaskStatus.NOT_NEEDED
    task.resolved_at = timezone.now()
    task.resolved_by = None
    task.note = CLOSED_BY_ITSELF
    task.save(update_fields=["status", "resolved_at", "resolved_by", "note", "updated_at"])
    record_audit(actor=None, verb="access_task.closed", target=task)


@transaction.atomic
def resolve_access_task(
    *, task: AccessTask, actor: User, status: str, note: str = ""
) -> AccessTask:
    """A coordinator has arranged it, or found it's no longer needed. Raises
    AccessTaskAlreadyResolved if it was resolved meanwhile (by them or by itself)."""
    if status not in RESOLVED_STATUSES:
        raise ValueError(f"A task is resolved as done or not needed, not {status!r}.")
    task = AccessTask.objects.select_for_update().get(pk=task.pk)
    if task.status != AccessTaskStatus.OPEN:
        raise AccessTaskAlreadyResolved()
    task.status = status
    task.note = note
    task.resolved_by = actor
    task.resolved_at = timezone.now()
    task.save(update_fields=["status", "note", "resolved_by", "resolved_at", "updated_at"])
    record_audit(actor=actor, verb="access_task.resolved", target=task, data={"status": status})
    return task


@transaction.atomic
def answer_access_needs_question(*, user: User, share: bool | None) -> bool:
    """Save their answer to "share your access needs?" the first time they give one (later
    changes are made on the profile page). Returns whether their needs are shared now."""
    profile = user.profile
    if share is not None and profile.access_needs_shared is None:
        profile = update_profile(
            profile=profile, actor=user, changes={"access_needs_shared": share}
        )
        user.profile = profile
    return bool(profile.access_needs_shared)


@transaction.atomic
def sync_member_access_tasks(*, user: User) -> None:
    """Their profile's needs or their consent changed: bring the tasks from joining their
    groups up to date (opened with consent and needs to arrange, closed otherwise). Tasks
    for dates follow what they said for each date, so stay as they are."""
    memberships = Membership.objects.filter(
        user=user, status=MembershipStatus.ACTIVE
    ).select_related("group__venue")
    for membership in memberships:
        group = membership.group
        needs, _note = shared_needs(user.profile, group.mode)
        sync_access_task(member=user, group=group, needs=needs, mode=group.mode, venue=group.venue)
