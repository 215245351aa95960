"""Reading matches, shaped for pages: each list is a fixed number of queries."""

from datetime import timedelta

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from alongside.matching.choices import LIVE_MATCH_STATUSES, MatchStatus, SupporterStatus
from alongside.matching.models import CheckIn, Match, SupporterProfile
from alongside.matching.tasks import quiet_matches, unanswered_proposals

WORRIED_SHOWN_FOR = timedelta(weeks=4)


def _matches() -> QuerySet:
    return Match.objects.select_related(
        "request", "member__profile", "supporter__profile", "agreement", "conversation"
    )


def matches_for_member(user) -> QuerySet:
    """Matches where `user` is the person supported: live ones first, newest first."""
    return _live_first(_matches().filter(member=user))


def matches_for_supporter(user) -> QuerySet:
    """`user`'s caseload as a supporter: live ones first, newest first."""
    return _live_first(_matches().filter(supporter=user))


def _live_first(queryset: QuerySet) -> QuerySet:
    is_live = Case(When(status__in=LIVE_MATCH_STATUSES, then=Value(1)), default=Value(0))
    return queryset.annotate(is_live=is_live).order_by("-is_live", "-created_at", "-pk")


def match_for_page(match: Match) -> Match:
    """One match with everything its page shows."""
    return (
        _matches()
        .select_related("request", "run", "ended_by__profile")
        .prefetch_related(
            "request__topics",
            Prefetch("check_ins", queryset=CheckIn.objects.select_related("logged_by__profile")),
            Prefetch("feedback"),
            Prefetch("reviews", queryset=_reviews()),
            Prefetch("reflections", queryset=_reflections()),
        )
        .get(pk=match.pk)
    )


def _reviews():
    from alongside.matching.models import MatchReview

    return MatchReview.objects.select_related("reviewed_by__profile")


def _reflections():
    from alongside.matching.models import MatchReflection

    return MatchReflection.objects.select_related("author__profile")


def coordinator_alerts(*, now=None) -> dict[str, list]:
    """What needs a coordinator: proposals a supporter hasn't answered in 3 days, active
    matches with no check-in for 3 weeks, and recent check-ins where a supporter said they
    were worried (on matches still going)."""
    now = now or timezone.now()
    no_response = unanswered_proposals(_matches(), now)
    no_contact = quiet_matches(_matches(), now)
    worried = CheckIn.objects.filter(
        worried=True,
        match__status=MatchStatus.ACTIVE,
        created_at__gte=now - WORRIED_SHOWN_FOR,
    ).select_related("match__member__profile", "match__supporter__profile", "logged_by__profile")
    return {
        "no_response": list(no_response.order_by("created_at", "pk")),
        "no_contact": list(no_contact.order_by("quiet_since", "pk")),
        "worried": list(worried.order_by("-created_at", "-pk")),
    }


def match_history(status=None) -> QuerySet:
    """Every match, newest first, optionally of one status."""
    queryset = _matches().order_by("-created_at", "-pk")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def supporter_caseloads() -> list[SupporterProfile]:
    """Approved supporters, each with `live_count`, `free_places` and `live_matches`
    (their proposed and active matches, with the people in them)."""
    live = Match.objects.filter(status__in=LIVE_MATCH_STATUSES).select_related("member__profile")
    profiles = list(
        SupporterProfile.objects.filter(status=SupporterStatus.APPROVED)
        .select_related("user__profile")
        .annotate(
            live_count=Count(
                "user__matches_as_supporter",
                filter=Q(user__matches_as_supporter__status__in=LIVE_MATCH_STATUSES),
            )
        )
        .prefetch_related(
            Prefetch("user__matches_as_supporter", queryset=live, to_attr="live_matches")
        )
        .order_by("user__profile__display_name", "pk")
    )
    for profile in profiles:
        profile.live_matches = profile.user.live_matches
        profile.free_places = max(0, profile.capacity - profile.live_count)
    return profiles
