"""Activity figures beside outcomes, for coordinators: how many people each form of support
reached, meetings and attendance, matches, waiting times and the online community.
Counts of people are withheld (None) by the rules in disclosure.py: 1 to 4 people, or a
count that could be worked out from the total and the others."""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from alongside.outcomes.choices import SupportForm
from alongside.outcomes.disclosure import SUPPRESS_BELOW, cells_to_show, is_small
from alongside.outcomes.report_period import period_bounds


@dataclass(frozen=True)
class ActivityFigures:
    start: date
    end: date
    # SupportForm value -> distinct people supported in the period; None when suppressed.
    people_by_form: dict[str, int | None]
    meetings_held: int
    attendances: int | None  # people marked as attended, summed over meetings
    mean_attendance: float | None  # per meeting with attendance recorded
    matches_started: int
    matches_ended: int
    median_wait_days: float | None  # request to match, for matches started in the period
    people_waiting: int | None  # requests still waiting at the end of the period
    posts: int
    threads_started: int
    threads_replied_within_24h: float | None  # share of threads started, 0..1
    # Distinct people supported in any form (suppressed like the others).
    people_in_total: int | None = None


def _suppressed(count: int) -> int | None:
    """A count of people: shown when none, or at least SUPPRESS_BELOW."""
    return None if is_small(count) else count


def _group_people(since, until) -> dict[str, set]:
    from alongside.groups.choices import MembershipStatus
    from alongside.groups.models import Membership
    from alongside.meetings.models import Rsvp

    people = {kind: set() for kind in ("community", "support", "self_help")}
    active = Membership.objects.filter(joined_at__isnull=False, joined_at__lt=until).filter(
        Q(status=MembershipStatus.ACTIVE)
        | Q(
            status__in=[MembershipStatus.LEFT, MembershipStatus.REMOVED],
            updated_at__gte=since,
        )
    )
    for user_id, kind in active.values_list("user_id", "group__kind").distinct():
        people.setdefault(kind, set()).add(user_id)
    attended = Rsvp.objects.filter(
        attended=True,
        occurrence__starts_at__gte=since,
        occurrence__starts_at__lt=until,
    ).values_list("user_id", "occurrence__meeting__group__kind")
    for user_id, kind in attended.distinct():
        people.setdefault(kind, set()).add(user_id)
    return people


def _match_people(since, until) -> dict[str, set]:
    from alongside.matching.models import Match

    people = {"mentoring": set(), "befriending": set()}
    active = Match.objects.filter(activated_at__isnull=False, activated_at__lt=until).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=since)
    )
    for member_id, kind in active.values_list("member_id", "kind").distinct():
        people.setdefault(kind, set()).add(member_id)
    return people


def _meetings(since, until, now) -> tuple[int, int | None, float | None]:
    from alongside.meetings.models import Occurrence, OccurrenceStatus

    held = Occurrence.objects.filter(starts_at__gte=since, starts_at__lt=min(until, now)).exclude(
        status=OccurrenceStatus.CANCELLED
    )
    figures = held.aggregate(
        meetings=Count("id", distinct=True),
        attendances=Count("rsvps", filter=Q(rsvps__attended=True)),
    )
    recorded = held.filter(attendance_recorded_at__isnull=False).aggregate(
        meetings=Count("id", distinct=True),
        attendances=Count("rsvps", filter=Q(rsvps__attended=True)),
    )
    attendances = _suppressed(figures["attendances"])
    mean = None
    if attendances is not None and recorded["meetings"]:
        mean = recorded["attendances"] / recorded["meetings"]
    return figures["meetings"], attendances, mean


def _waiting(since, until) -> tuple[float | None, int | None]:
    from alongside.matching.models import Match, SupportRequest

    waits = [
        (activated_at - waiting_since).total_seconds() / 86400
        for activated_at, waiting_since in Match.objects.filter(
            activated_at__gte=since, activated_at__lt=until
        ).values_list("activated_at", "request__waiting_since")
    ]
    # A median of a handful of waits describes a handful of people.
    median = statistics.median(waits) if len(waits) >= SUPPRESS_BELOW else None
    matched_before_end = Match.objects.filter(
        request=OuterRef("pk"), activated_at__isnull=False, activated_at__lt=until
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=until))
    waiting = (
        SupportRequest.objects.filter(waiting_since__lt=until)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=until))
        .exclude(Exists(matched_before_end))
        .values("member_id")
        .distinct()
        .count()
    )
    return (round(median, 1) if median is not None else None), _suppressed(waiting)


def _community(since, until) -> tuple[set, int, int, float | None]:
    from alongside.community.choices import ContentStatus
    from alongside.community.models import Post, Thread

    posts = Post.objects.filter(
        status=ContentStatus.VISIBLE, created_at__gte=since, created_at__lt=until
    )
    authors = set(posts.exclude(author=None).values_list("author_id", flat=True).distinct())
    quick_reply = Post.objects.filter(
        thread=OuterRef("pk"),
        status=ContentStatus.VISIBLE,
        created_at__gt=OuterRef("created_at"),
        created_at__lte=OuterRef("created_at") + timedelta(hours=24),
    ).exclude(author_id=OuterRef("author_id"))
    threads = Thread.objects.filter(
        status=ContentStatus.VISIBLE, created_at__gte=since, created_at__lt=until
    ).aggregate(
        started=Count("id"),
        replied=Count("id", filter=Exists(quick_reply)),
    )
    share = threads["replied"] / threads["started"] if threads["started"] else None
    return authors, posts.count(), threads["started"], share


def _matches(since, until) -> dict[str, int]:
    """Matches that began in the period, and matches that ended in it (a proposal that
    was never activated didn't end: it was cancelled)."""
    from alongside.matching.models import Match

    return Match.objects.aggregate(
        started=Count("id", filter=Q(activated_at__gte=since, activated_at__lt=until)),
        ended=Count(
            "id",
            filter=Q(activated_at__isnull=False, ended_at__gte=since, ended_at__lt=until),
        ),
    )


def activity_figures(*, start: date, end: date) -> ActivityFigures:
    since, until = period_bounds(start, end)
    now = timezone.now()
    by_form = {**_group_people(since, until), **_match_people(since, until)}
    authors, posts, threads_started, replied_share = _community(since, until)
    by_form[SupportForm.ONLINE_COMMUNITY.value] = authors
    everyone = set().union(*by_form.values())
    shown = cells_to_show(everyone, {form: by_form.get(form, set()) for form in SupportForm.values})
    meetings_held, attendances, mean_attendance = _meetings(since, until, now)
    median_wait, waiting = _waiting(since, until)
    matches = _matches(since, until)
    return ActivityFigures(
        start=start,
        end=end,
        people_by_form={
            form: len(by_form.get(form, ())) if form in shown else None
            for form in SupportForm.values
        },
        meetings_held=meetings_held,
        attendances=attendances,
        mean_attendance=round(mean_attendance, 1) if mean_attendance is not None else None,
        matches_started=matches["started"],
        matches_ended=matches["ended"],
        median_wait_days=median_wait,
        people_waiting=waiting,
        posts=posts,
        threads_started=threads_started,
        threads_replied_within_24h=replied_share,
        people_in_total=_suppressed(len(everyone)),
    )
