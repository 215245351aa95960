"""The coordinator's list of access needs to arrange: one query, however many tasks."""

from dataclasses import dataclass

from django.db.models import F, Q

from alongside.accounts.choices import AccessNeed
from alongside.finder.presenters import when_words
from alongside.groups.access import why_to_arrange
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.models import AccessTask


@dataclass(frozen=True)
class NeedToArrange:
    label: str
    why: str


@dataclass(frozen=True)
class AccessTaskRow:
    task_id: int
    member_name: str
    group_name: str
    group_slug: str
    occurrence_id: int | None
    date_text: str  # "Tuesday 1 December, 7pm"; "From joining the group" without a date
    venue_name: str
    needs: list[NeedToArrange]


def open_access_tasks(*, limit: int = 50) -> list[AccessTaskRow]:
    """Open tasks, soonest date first, then those from joining a group (oldest first).
    A task from joining shows only while the member still shares their needs: read now, so
    withdrawing consent takes it off the list at once."""
    tasks = (
        AccessTask.objects.filter(status=AccessTaskStatus.OPEN)
        .filter(Q(occurrence__isnull=False) | Q(member__profile__access_needs_shared=True))
        .select_related("member__profile", "group__venue", "occurrence__meeting__venue")
        .order_by(F("occurrence__starts_at").asc(nulls_last=True), "created_at", "pk")
    )
    return [task_row(task) for task in tasks[:limit]]


def task_row(task: AccessTask) -> AccessTaskRow:
    """What a coordinator reads about one task (its member, group, date and venue loaded)."""
    occurrence = task.occurrence
    venue = occurrence.meeting.venue if occurrence else task.group.venue
    features = venue.features if venue else []
    return AccessTaskRow(
        task_id=task.pk,
        member_name=task.member.profile.display_name,
        group_name=task.group.name,
        group_slug=task.group.slug,
        occurrence_id=occurrence.pk if occurrence else None,
        date_text=(
            when_words(occurrence.starts_at, occurrence.meeting.timezone)
            if occurrence
            else "From joining the group"
        ),
        venue_name=venue.name if venue else "Meets online or by phone",
        needs=[
            NeedToArrange(label=_label(need), why=why_to_arrange(need, features))
            for need in task.needs
        ],
    )


def _label(need: str) -> str:
    try:
        return AccessNeed(need).label
    except ValueError:
        return need
