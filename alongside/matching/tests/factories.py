"""Factories for matching tests.

Defaults are chosen so that a default supporter and a default request make a feasible
pair: both English, both video and phone, overlapping on Tuesday and Thursday evenings,
both kinds offered, and the supporter has free places.
"""

import datetime

import factory
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import (
    BackgroundCheck,
    BlockReason,
    MatchMode,
    MatchStatus,
    RequestSource,
    RequestStatus,
    Response,
    SupporterStatus,
    SupportKind,
)
from alongside.matching.models import (
    Match,
    MatchingSettings,
    PairBlock,
    SupporterProfile,
    SupportRequest,
    TrainingRecord,
)

# Cardiff, as accounts.places.resolve_place("Cardiff") gives it.
CARDIFF = {
    "place_geonameid": 2653822,
    "place_name": "Cardiff, Wales, United Kingdom",
    "place_latitude": 51.48,
    "place_longitude": -3.18,
}

SUPPORTER_AVAILABILITY = [
    {"day": "tue", "start": "18:00", "end": "21:00"},
    {"day": "thu", "start": "18:00", "end": "21:00"},
]
REQUEST_AVAILABILITY = [
    {"day": "tue", "start": "18:00", "end": "20:00"},
    {"day": "thu", "start": "19:00", "end": "21:00"},
]

# The request's status that goes with each match status.
REQUEST_STATUS_FOR_MATCH = {
    MatchStatus.PROPOSED: RequestStatus.PROPOSED,
    MatchStatus.ACTIVE: RequestStatus.MATCHED,
    MatchStatus.DECLINED: RequestStatus.WAITING,
    MatchStatus.CANCELLED: RequestStatus.WAITING,
    MatchStatus.ENDED: RequestStatus.CLOSED,
}


class SupporterProfileFactory(factory.django.DjangoModelFactory):
    """An approved supporter (with the peer supporter role and one training course)
    offering both kinds, by video and phone, in English, on Tuesday and Thursday evenings,
    for up to two people, living in Cardiff.

    `status=SupporterStatus.APPLIED` gives a fresh application: no role, no training,
    no interview. `training=False` leaves out the training record; `topics=[...]` sets
    topics."""

    class Meta:
        model = SupporterProfile
        skip_postgeneration_save = True

    class Params:
        approved = factory.LazyAttribute(lambda o: o.status == SupporterStatus.APPROVED)

    user = factory.SubFactory(UserFactory)
    status = SupporterStatus.APPROVED
    kinds = factory.LazyFunction(lambda: [SupportKind.MENTORING, SupportKind.BEFRIENDING])
    motivation = "I had a befriender when I needed one and I'd like to give that back."
    experience = "I've lived with anxiety for years and found walking and talking helps."
    languages = factory.LazyFunction(lambda: ["en"])
    modes = factory.LazyFunction(lambda: [MatchMode.VIDEO, MatchMode.PHONE])
    availability = factory.LazyFunction(lambda: [dict(t) for t in SUPPORTER_AVAILABILITY])
    max_distance_km = 25
    capacity = 2
    place_geonameid = CARDIFF["place_geonameid"]
    place_name = CARDIFF["place_name"]
    place_latitude = CARDIFF["place_latitude"]
    place_longitude = CARDIFF["place_longitude"]
    interviewed_on = factory.LazyAttribute(
        lambda o: timezone.localdate() - datetime.timedelta(days=30) if o.approved else None
    )
    background_check = BackgroundCheck.NOT_REQUIRED
    decided_at = factory.LazyAttribute(lambda o: timezone.now() if o.approved else None)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and self.status == SupporterStatus.APPROVED and extracted is not False:
            from django.contrib.auth.models import Group

            self.user.groups.add(Group.objects.get(name=Role.PEER_SUPPORTER.value))

    @factory.post_generation
    def training(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if extracted is True or self.status == SupporterStatus.APPROVED:
            TrainingRecordFactory(supporter=self, **kwargs)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    supporter = factory.SubFactory(SupporterProfileFactory, training=False)
    course_name = "Befriending essentials"
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A member waiting for a befriender, in English, by video or phone, free on Tuesday
    and Thursday evenings, living in Cardiff, waiting for ten days. `topics=[...]` sets
    topics."""

    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    member = factory.SubFactory(UserFactory)
    kind = SupportKind.BEFRIENDING
    about = "I've moved to a new town and would like someone to talk to each week."
    modes = factory.LazyFunction(lambda: [MatchMode.VIDEO, MatchMode.PHONE])
    availability = factory.LazyFunction(lambda: [dict(t) for t in REQUEST_AVAILABILITY])
    languages = factory.LazyFunction(lambda: ["en"])
    place_geonameid = CARDIFF["place_geonameid"]
    place_name = CARDIFF["place_name"]
    place_latitude = CARDIFF["place_latitude"]
    place_longitude = CARDIFF["place_longitude"]
    status = RequestStatus.WAITING
    waiting_since = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    source = RequestSource.SELF

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


def _supporter_user(match_stub):
    return SupporterProfileFactory().user


class MatchFactory(factory.django.DjangoModelFactory):
    """A proposed match between a new request and a new approved supporter.

    `status=MatchStatus.ACTIVE` makes an active one (both accepted, activated a week ago,
    request MATCHED); the request's status always follows the match's. Pass
    `supporter=<user>` for a user who already has a supporter profile."""

    class Meta:
        model = Match

    status = MatchStatus.PROPOSED
    request = factory.SubFactory(
        SupportRequestFactory,
        status=factory.LazyAttribute(
            lambda o: REQUEST_STATUS_FOR_MATCH[MatchStatus(o.factory_parent.status)]
        ),
    )
    member = factory.LazyAttribute(lambda o: o.request.member)
    supporter = factory.LazyAttribute(_supporter_user)
    kind = factory.LazyAttribute(lambda o: o.request.kind)
    score = 61.0
    explanation = (
        "Both speak English, both prefer video calls, and are both free on Tuesday "
        "evenings (18:00 to 20:00)."
    )
    supporter_response = factory.LazyAttribute(
        lambda o: Response.PENDING if o.status == MatchStatus.PROPOSED else Response.ACCEPTED
    )
    member_response = factory.LazyAttribute(
        lambda o: Response.PENDING if o.status == MatchStatus.PROPOSED else Response.ACCEPTED
    )
    activated_at = factory.LazyAttribute(
        lambda o: (
            None
            if o.status in (MatchStatus.PROPOSED, MatchStatus.DECLINED, MatchStatus.CANCELLED)
            else timezone.now() - datetime.timedelta(days=7)
        )
    )
    ended_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == MatchStatus.ENDED else None
    )


class PairBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PairBlock

    member = factory.SubFactory(UserFactory)
    supporter = factory.LazyAttribute(_supporter_user)
    reason = BlockReason.SAFEGUARDING


def matching_settings(**weights) -> MatchingSettings:
    """The single settings row, with any weights given changed."""
    row, _ = MatchingSettings.objects.get_or_create(pk=1)
    for name, value in weights.items():
        setattr(row, name, value)
    if weights:
        row.save()
    return row


def place(name: str = "Cardiff"):
    """A gazetteer place, as a form's place field gives it to an action."""
    from alongside.accounts.places import resolve_place

    return resolve_place(name)


def supporter_data(**changes) -> dict:
    """A cleaned application (the `data` of apply_to_support), like the factory's defaults."""
    data = {
        "kinds": [SupportKind.MENTORING.value, SupportKind.BEFRIENDING.value],
        "motivation": "I had a befriender when I needed one and I'd like to give that back.",
        "experience": "I've lived with anxiety for years and found walking and talking helps.",
        "topics": [],
        "languages": ["en"],
        "modes": [MatchMode.VIDEO.value, MatchMode.PHONE.value],
        "availability": [dict(t) for t in SUPPORTER_AVAILABILITY],
        "place": None,
        "max_distance_km": None,
        "capacity": 2,
        "age_group": "",
        "gender": "",
        "comfortable_age_groups": [],
    }
    return {**data, **changes}


def request_data(**changes) -> dict:
    """A cleaned request (the `data` of create_support_request), like the factory's."""
    data = {
        "kind": SupportKind.BEFRIENDING.value,
        "topics": [],
        "about": "I've moved to a new town and would like someone to talk to each week.",
        "modes": [MatchMode.VIDEO.value, MatchMode.PHONE.value],
        "availability": [dict(t) for t in REQUEST_AVAILABILITY],
        "languages": ["en"],
        "place": None,
        "age_group": "",
        "supporter_genders": [],
        "supporter_age_groups": [],
        "shared_experience_important": False,
        "access_needs": [],
        "access_needs_other": "",
    }
    return {**data, **changes}
