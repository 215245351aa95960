"""Facts for the engine from the database, in a fixed number of queries.

The only engine module that touches Django's ORM.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from alongside.accounts.models import Topic
from alongside.matching.availability import half_hours
from alongside.matching.choices import LIVE_MATCH_STATUSES, RequestStatus, SupporterStatus
from alongside.matching.engine.facts import RequestFacts, SupporterFacts
from alongside.matching.models import Match, PairBlock, SupporterProfile, SupportRequest
from alongside.matching.selectors_people import free_capacity, live_match_count
from alongside.safety.models import Suspension

SECONDS_PER_DAY = 86400.0


def _strings(values) -> frozenset[str]:
    return frozenset(str(v) for v in (values or []) if v)


def _place(obj):
    if obj.place_latitude is None or obj.place_longitude is None:
        return None, None
    return float(obj.place_latitude), float(obj.place_longitude)


def request_facts(support_request: SupportRequest, *, now=None) -> RequestFacts:
    """One request's facts. Uses prefetched topics when they are there."""
    now = now or timezone.now()
    latitude, longitude = _place(support_request)
    waited = (now - support_request.waiting_since).total_seconds() / SECONDS_PER_DAY
    return RequestFacts(
        id=support_request.pk,
        member_id=support_request.member_id,
        kind=support_request.kind,
        topic_ids=frozenset(t.pk for t in support_request.topics.all()),
        text=support_request.about or "",
        modes=_strings(support_request.modes),
        half_hours=frozenset(half_hours(support_request.availability or [])),
        languages=_strings(support_request.languages),
        latitude=latitude,
        longitude=longitude,
        age_group=support_request.age_group or "",
        supporter_genders=_strings(support_request.supporter_genders),
        supporter_age_groups=_strings(support_request.supporter_age_groups),
        shared_experience_important=bool(support_request.shared_experience_important),
        waiting_days=max(0.0, waited),
        place_name=support_request.place_name or "",
    )


def supporter_facts(profile: SupporterProfile) -> SupporterFacts:
    """One supporter's facts. Free capacity comes from the `live_matches` annotation
    (added by load_supporters) or, without it, one count query."""
    live = getattr(profile, "live_matches", None)
    latitude, longitude = _place(profile)
    return SupporterFacts(
        user_id=profile.user_id,
        kinds=_strings(profile.kinds),
        topic_ids=frozenset(t.pk for t in profile.topics.all()),
        text=profile.experience or "",
        modes=_strings(profile.modes),
        half_hours=frozenset(half_hours(profile.availability or [])),
        languages=_strings(profile.languages),
        latitude=latitude,
        longitude=longitude,
        max_distance_km=(
            None if profile.max_distance_km is None else float(profile.max_distance_km)
        ),
        free_capacity=free_capacity(profile) if live is None else max(0, profile.capacity - live),
        age_group=profile.age_group or "",
        gender=profile.gender or "",
        comfortable_age_groups=_strings(profile.comfortable_age_groups),
        place_name=profile.place_name or "",
    )


def load_requests(queryset=None) -> list[RequestFacts]:
    """Requests waiting for a match whose text isn't held, oldest first (2 queries)."""
    queryset = SupportRequest.objects.all() if queryset is None else queryset
    waiting = (
        queryset.filter(status=RequestStatus.WAITING, text_held=False)
        .prefetch_related("topics")
        .order_by("waiting_since", "id")
    )
    now = timezone.now()
    return [request_facts(r, now=now) for r in waiting]


def suspended_now():
    return Suspension.objects.filter(member=OuterRef("user_id"), lifted_at__isnull=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
    )


def eligible_supporters():
    """Approved supporters who may be proposed now, whatever their free places: not on a
    break, no safeguarding hold, text not held for risk, account active, not suspended."""
    return (
        SupporterProfile.objects.filter(
            status=SupporterStatus.APPROVED,
            is_paused=False,
            safeguarding_hold=False,
            text_held=False,
            user__is_active=True,
        )
        .exclude(Exists(suspended_now()))
        .annotate(live_matches=live_match_count())
    )


def load_supporters(kind=None) -> list[SupporterFacts]:
    """Eligible supporters with at least one free place, offering `kind` if given
    (2 queries)."""
    profiles = eligible_supporters().prefetch_related("topics").order_by("id")
    facts = []
    for profile in profiles:
        if profile.capacity - profile.live_matches <= 0:
            continue
        if kind is not None and kind not in (profile.kinds or []):
            continue
        facts.append(supporter_facts(profile))
    return facts


def load_blocks() -> set[tuple[int, int]]:
    """(member id, supporter user id) pairs never to be proposed: pair blocks, and pairs
    who already have a live match (2 queries)."""
    blocked = set(PairBlock.objects.values_list("member_id", "supporter_id"))
    blocked.update(
        Match.objects.filter(status__in=LIVE_MATCH_STATUSES).values_list(
            "member_id", "supporter_id"
        )
    )
    return blocked


def load_topic_names() -> dict[int, str]:
    return dict(Topic.objects.values_list("id", "name"))
