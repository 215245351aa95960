"""Demo groups, venues and meetings for `manage.py seed_demo`. Safe to run again."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from alongside.accounts.models import Topic, User
from alongside.groups import actions
from alongside.groups.choices import GroupKind, JoinPolicy, MeetingMode, VenueFeature
from alongside.groups.models import Group, Venue
from alongside.meetings.actions import schedule_meeting

AGREEMENT = {
    "ground_rules": "We start and finish on time. One person speaks at a time. You can pass.",
    "confidentiality": "What people share here stays here, unless someone is at risk of harm.",
    "how_we_treat_each_other": "We listen without judging, and every experience counts.",
}


def _next(weekday: int, at: time) -> datetime:
    """The next date on `weekday` (Monday = 0), at `at`, as London wall-clock time."""
    today = timezone.localdate()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return datetime.combine(day, at)


def ensure_demo_groups(*, people: dict[str, User]) -> int:
    """Groups run by the demo peer supporters; returns how many were added."""
    if Group.objects.filter(slug="evening-support-circle").exists():
        return 0
    alex, priya = people["mentor"], people["befriender"]
    library = Venue.objects.filter(name="Canton Community Library").first() or actions.create_venue(
        actor=alex,
        details={
            "name": "Canton Community Library",
            "address": "Library Street, Cardiff",
            "latitude": 51.4816,
            "longitude": -3.2049,
            "features": [
                VenueFeature.STEP_FREE,
                VenueFeature.HEARING_LOOP,
                VenueFeature.ACCESSIBLE_TOILET,
                VenueFeature.PUBLIC_TRANSPORT,
            ],
            "accessibility_notes": "Lift to the first-floor meeting room. Quiet room next door.",
        },
    )
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    circle = actions.create_group(
        actor=alex,
        details={
            "kind": GroupKind.SUPPORT,
            "name": "Evening Support Circle",
            "purpose": "A weekly circle for anyone living with anxiety or low mood.",
            "who_for": "Adults in and around Cardiff. Come along; you don't have to talk.",
            "languages": ["en", "cy"],
            "mode": MeetingMode.IN_PERSON,
            "venue": library,
            "join_policy": JoinPolicy.OPEN,
            "capacity": 12,
            "topics": [topics["anxiety"], topics["depression"]],
        },
        agreement=AGREEMENT,
    )
    carers = actions.create_group(
        actor=priya,
        details={
            "kind": GroupKind.SELF_HELP,
            "name": "Carers' Cuppa by Phone",
            "purpose": "Carers supporting each other over the phone, once a month.",
            "languages": ["en", "gu", "hi"],
            "mode": MeetingMode.PHONE,
            "online_details": "Dial 0300 000 0000 and enter code 4471.",
            "join_policy": JoinPolicy.BY_REQUEST,
            "topics": [topics["caring-for-someone"]],
        },
        agreement=AGREEMENT,
    )
    walk = actions.create_group(
        actor=alex,
        details={
            "kind": GroupKind.COMMUNITY,
            "name": "Riverside Walk and Talk",
            "purpose": "A gentle walk along the Taff, with a cup of tea after.",
            "languages": ["en"],
            "mode": MeetingMode.IN_PERSON,
            "venue": library,
            "join_policy": JoinPolicy.OPEN,
            "topics": [topics["loneliness"]],
        },
        agreement=AGREEMENT,
    )
    plans = [
        (circle, alex, "Tuesday circle", _next(1, time(19)), 90, "FREQ=WEEKLY;COUNT=8", library),
        (carers, priya, "Monthly cuppa", _next(0, time(11)), 60, "FREQ=MONTHLY;COUNT=6", None),
        (walk, alex, "Saturday walk", _next(5, time(10)), 120, "FREQ=WEEKLY;INTERVAL=2;COUNT=6",
         library),
    ]  # fmt: skip
    for group, actor, title, start, minutes, rrule, venue in plans:
        schedule_meeting(
            group=group,
            actor=actor,
            title=title,
            mode=group.mode,
            timezone_name="Europe/London",
            first_start=start,
            duration_minutes=minutes,
            rrule=rrule,
            venue=venue,
            dial_in=group.online_details if group.mode == MeetingMode.PHONE else "",
        )
    for member in (people["robin"], people["sam"]):
        actions.join_group(group=circle, user=member, accepted_version=1)
    return 3
