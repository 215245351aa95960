"""The group directory: filters, search and each group's next meeting, in a fixed number
of queries however many groups match."""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from alongside.groups.choices import GroupStatus
from alongside.groups.models import Group
from alongside.meetings.models import Occurrence, OccurrenceStatus

LISTED_STATUSES = (GroupStatus.ACTIVE, GroupStatus.PAUSED)


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    kind: str = ""
    topic: str = ""  # Topic slug
    mode: str = ""
    language: str = ""  # language code
    feature: str = ""  # VenueFeature value
    weekday: int | None = None  # ISO: 1 = Monday ... 7 = Sunday


def _json_list_has(field: str, value: str) -> Q:
    # JSON list membership that works on SQLite and PostgreSQL alike: match the quoted
    # value in the list's text form. Values are fixed codes, never free text.
    return Q(**{f"{field}_text__contains": f'"{value}"'})


def directory_groups(filters: DirectoryFilters) -> QuerySet[Group]:
    """Listed groups matching `filters`, in name order. Cheap to count and slice: the
    details a page shows are added by `with_page_details` for that page's groups only."""
    groups = Group.objects.filter(status__in=LISTED_STATUSES)
    if filters.query:
        groups = groups.filter(
            Q(name__icontains=filters.query) | Q(purpose__icontains=filters.query)
        )
    if filters.kind:
        groups = groups.filter(kind=filters.kind)
    if filters.mode:
        groups = groups.filter(mode=filters.mode)
    if filters.topic:
        groups = groups.filter(topics__slug=filters.topic)
    if filters.language:
        groups = groups.annotate(languages_text=Cast("languages", TextField())).filter(
            _json_list_has("languages", filters.language)
        )
    if filters.feature:
        groups = groups.annotate(venue_features_text=Cast("venue__features", TextField()))
        groups = groups.filter(_json_list_has("venue_features", filters.feature))
    if filters.weekday:
        # One pass over upcoming occurrences (a semi-join), not a probe per group.
        meets_that_day = Occurrence.objects.filter(
            status=OccurrenceStatus.SCHEDULED,
            starts_at__gte=timezone.now(),
            starts_at__iso_week_day=filters.weekday,
        ).values("meeting__group_id")
        groups = groups.filter(pk__in=meets_that_day)
    return groups.order_by("name", "pk")


def _upcoming_occurrences() -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(
        meeting__group=OuterRef("pk"),
        status=OccurrenceStatus.SCHEDULED,
        starts_at__gte=timezone.now(),
    )


def with_page_details(groups: list[Group]) -> list[Group]:
    """The page's groups with venue, topics and next meeting, in two queries. Working out
    the next meeting only for the groups shown keeps deep pages as fast as the first."""
    ids = [group.pk for group in groups]
    next_meeting = _upcoming_occurrences().order_by("starts_at").values("starts_at")[:1]
    detailed = (
        Group.objects.filter(pk__in=ids)
        .select_related("venue")
        .prefetch_related("topics")
        .annotate(next_meeting_at=Subquery(next_meeting))
        .in_bulk()
    )
    return [detailed[pk] for pk in ids]
