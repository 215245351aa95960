"""Demo mentoring and befriending for `manage.py seed_demo`. Safe to run again.

Alex (mentor and befriender) and Priya (befriender) are approved supporters. Robin has an
active mentoring match with Alex and an agreement both have confirmed; Nadia, Magda and
Dylan are waiting, so a coordinator can preview a matching run and read why nobody fits
Magda and Dylan yet.
"""

from datetime import timedelta

from django.utils import timezone

from alongside.accounts import places
from alongside.accounts.models import Topic, User
from alongside.matching.actions.agreements import confirm_agreement, save_agreement
from alongside.matching.actions.onboarding import (
    add_training,
    approve_supporter,
    record_onboarding,
)
from alongside.matching.actions.proposals import propose_match, respond_to_match
from alongside.matching.actions.requests import create_support_request
from alongside.matching.actions.supporters import apply_to_support
from alongside.matching.choices import BackgroundCheck, SupportKind
from alongside.matching.models import SupporterProfile


def _times(*spans: tuple[str, str, str]) -> list[dict]:
    return [{"day": day, "start": start, "end": end} for day, start, end in spans]


SUPPORTERS = {
    "mentor": {
        "kinds": [SupportKind.MENTORING, SupportKind.BEFRIENDING],
        "motivation": "Someone walked alongside me when I needed it; I'd like to do the same.",
        "experience": "I lost my dad suddenly a few years ago and felt very alone with grief. "
        "Talking to people who had been there helped me find my feet again.",
        "topics": ["bereavement", "loneliness"],
        "languages": ["en", "cy"],
        "modes": ["in_person", "phone", "video"],
        "availability": _times(("tue", "17:00", "21:00"), ("thu", "17:00", "21:00")),
        "place": "Swansea",
        "max_distance_km": 30,
        "capacity": 2,
    },
    "befriender": {
        "kinds": [SupportKind.BEFRIENDING],
        "motivation": "I know how isolating caring can be, and a weekly chat makes a difference.",
        "experience": "I care for my mum, who has dementia, and I have lived with anxiety "
        "since my twenties.",
        "topics": ["caring-for-someone", "anxiety"],
        "languages": ["en", "gu", "hi"],
        "modes": ["phone", "video"],
        "availability": _times(("mon", "12:00", "17:00"), ("wed", "12:00", "17:00")),
        "place": "Leicester",
        "max_distance_km": None,
        "capacity": 3,
    },
}

REQUESTS = {
    "robin": (SupportKind.MENTORING, {
        "topics": ["anxiety", "loneliness"],
        "about": "I'd like help building up to going back to groups after a hard year.",
        "modes": ["phone", "video"], "languages": ["en"],
        "availability": _times(("tue", "18:00", "20:00")), "place": "Newport, Wales",
    }),
    "nadia": (SupportKind.BEFRIENDING, {
        "topics": ["bereavement"],
        "about": "Someone to talk to on the phone now and then since my husband died.",
        "modes": ["phone"], "languages": ["en", "ar"],
        "availability": _times(("mon", "13:00", "16:00")), "place": "Bradford",
    }),
    "magda": (SupportKind.BEFRIENDING, {
        "topics": ["parenthood", "anxiety"],
        "about": "A friendly voice at the weekend while the baby naps.",
        "modes": ["phone", "text_chat"], "languages": ["pl"],
        "availability": _times(("sat", "13:00", "16:00"), ("sun", "13:00", "16:00")),
        "place": "Birmingham",
    }),
    "dylan": (SupportKind.MENTORING, {
        "topics": ["psychosis"],
        "about": "Meeting someone in person who has been through psychosis too.",
        "modes": ["in_person"], "languages": ["cy", "en"],
        "availability": _times(("fri", "09:00", "12:00")), "place": "Aberystwyth",
    }),
}  # fmt: skip


def _details(raw: dict) -> dict:
    details = dict(raw)
    details["topics"] = list(Topic.objects.filter(slug__in=details["topics"]))
    details["place"] = places.resolve_place(details["place"]) if details["place"] else None
    return details


def _approved_supporter(user: User, raw: dict, *, coordinator: User) -> SupporterProfile:
    profile = apply_to_support(user=user, data=_details(raw))
    today = timezone.localdate()
    record_onboarding(
        profile=profile,
        actor=coordinator,
        interviewed_on=today - timedelta(days=40),
        interview_notes="",
        background_check=BackgroundCheck.CLEAR,
        background_checked_on=today - timedelta(days=30),
    )
    add_training(
        profile=profile,
        actor=coordinator,
        course_name="Peer support essentials",
        completed_on=today - timedelta(days=20),
    )
    return approve_supporter(profile=profile, actor=coordinator)


def ensure_demo_matching(*, people: dict[str, User]) -> int:
    """Supporters, requests and one active match; returns how many requests were added."""
    if SupporterProfile.objects.filter(user=people["mentor"]).exists():
        return 0
    coordinator = people["coordinator"]
    for local, raw in SUPPORTERS.items():
        _approved_supporter(people[local], raw, coordinator=coordinator)
    requests = {}
    for local, (kind, raw) in REQUESTS.items():
        data = {"kind": kind, **_details(raw)}
        member = people[local]
        requests[local] = create_support_request(member=member, actor=member, data=data)
    mentor, robin = people["mentor"], people["robin"]
    match = propose_match(support_request=requests["robin"], supporter=mentor, actor=coordinator)
    respond_to_match(match=match, user=mentor, accept=True)
    match = respond_to_match(match=match, user=robin, accept=True)
    today = timezone.localdate()
    agreement = save_agreement(
        match=match,
        actor=mentor,
        data={
            "focus": "Building confidence to go back to a support group.",
            "frequency": "Every other week, for about an hour",
            "modes": ["phone", "video"],
            "boundaries": "We talk on Tuesday evenings only. Either of us can pause if "
            "we need to. I'm not a counsellor, and I'll help find one if that's needed.",
            "review_on": today + timedelta(days=60),
            "planned_end_on": today + timedelta(days=180),
        },
    )
    confirm_agreement(match=match, user=robin, version=agreement.version)
    return len(requests)
