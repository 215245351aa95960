"""Reads about the people in matching: supporters, requests, the waiting list, settings.
(Reads about matches live in matching.selectors.)"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from alongside.matching.choices import LIVE_MATCH_STATUSES, RequestStatus
from alongside.matching.models import (
    OPEN_REQUEST_STATUSES,
    Match,
    MatchingSettings,
    SupporterProfile,
    SupportRequest,
    TrainingRecord,
)


def matching_settings() -> MatchingSettings:
    """The one settings row, made with the default weights the first time it is asked for."""
    row, _ = MatchingSettings.objects.get_or_create(pk=1)
    return row


def supporter_profile_of(user) -> SupporterProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        SupporterProfile.objects.filter(user=user).prefetch_related("topics", _training()).first()
    )


def open_request_of(user, kind: str) -> SupportRequest | None:
    """The member's waiting, proposed or matched request of this kind (at most one)."""
    return (
        SupportRequest.objects.filter(member=user, kind=kind, status__in=OPEN_REQUEST_STATUSES)
        .prefetch_related("topics")
        .first()
    )


def requests_of(user) -> QuerySet[SupportRequest]:
    """All of a member's requests, open ones first, then newest first."""
    is_open = Case(
        When(status__in=OPEN_REQUEST_STATUSES, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        SupportRequest.objects.filter(member=user)
        .annotate(is_open=is_open)
        .prefetch_related("topics")
        .order_by("-is_open", "-created_at", "-id")
    )


def live_match_count(user_field: str = "user_id"):
    """How many live (proposed or active) matches the supporter in `user_field` has."""
    counted = (
        Match.objects.filter(supporter=OuterRef(user_field), status__in=LIVE_MATCH_STATUSES)
        .order_by()
        .values("supporter")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_free_capacity(queryset: QuerySet[SupporterProfile]) -> QuerySet[SupporterProfile]:
    """Annotates `live_count` and `free_places` (capacity minus live matches, never below 0)."""
    return queryset.annotate(live_count=live_match_count()).annotate(
        free_places=Greatest(F("capacity") - F("live_count"), 0)
    )


def supporters_for_coordinator(status: str | None = None) -> QuerySet[SupporterProfile]:
    """Supporters (all, or those with `status`), applications oldest first, with
    `live_count` and `free_places` annotated and topics and training prefetched."""
    profiles = SupporterProfile.objects.all()
    if status is not None:
        profiles = profiles.filter(status=status)
    return (
        with_free_capacity(profiles)
        .select_related("user__profile", "decided_by__profile")
        .prefetch_related("topics", _training())
        .order_by("created_at", "id")
    )


def waiting_list() -> QuerySet[SupportRequest]:
    """Requests waiting for a match, longest waiting first, with the member's profile."""
    return (
        SupportRequest.objects.filter(status=RequestStatus.WAITING)
        .select_related("member__profile", "entered_by__profile")
        .order_by("waiting_since", "id")
    )


def live_matches_of(profile: SupporterProfile) -> int:
    """How many live (proposed or active) matches the supporter has: the `live_count`
    annotation when it is there, one count query otherwise."""
    annotated = getattr(profile, "live_count", None)
    if annotated is not None:
        return annotated
    return Match.objects.filter(supporter=profile.user_id, status__in=LIVE_MATCH_STATUSES).count()


def free_capacity(profile: SupporterProfile) -> int:
    """How many more people the supporter could be matched with now (0 when full)."""
    return max(profile.capacity - live_matches_of(profile), 0)


def _training() -> Prefetch:
    return Prefetch("training", queryset=TrainingRecord.objects.order_by("-completed_on", "-id"))
