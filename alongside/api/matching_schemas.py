"""Schemas for /matching: support requests, supporter profiles and matches. (The
coordinators' waiting list, runs, onboarding and settings are in matching_staff_schemas.)

Field types here are deliberately loose (strings and lists of strings, generous lengths):
alongside.api.matching_input checks each field with the same rules as the pages and
answers with a plain message beside the field it is about."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.api.safety_schemas import PersonOut
from alongside.api.schemas import SAFETY_FIELD_DESCRIPTION, SafetyOut

LONG_TEXT = 100_000
LIST = 200

KIND_HELP = "mentoring or befriending"
AVAILABILITY_HELP = (
    "Weekly times, each {day, start, end}: day mon..sun, times on the hour or half hour "
    '("18:00", "24:00" for midnight), start before end, no two overlapping on one day.'
)
PLACE_HELP = (
    'A town or city as typed, e.g. "Newport, Wales" (or give `place_id`, its GeoNames id). '
    "Needed to meet in person."
)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class WeeklyTime(Schema):
    day: str = Field(max_length=20, description="mon, tue, wed, thu, fri, sat or sun")
    start: str = Field(max_length=20, description='e.g. "18:00"')
    end: str = Field(max_length=20, description='e.g. "20:00"')


class PlaceOut(Schema):
    id: int | None = Field(description="GeoNames id")
    name: str
    latitude: float | None
    longitude: float | None


# ---- Requests ----------------------------------------------------------------------------


class RequestFields(Strict):
    topics: list[str] | None = Field(None, max_length=LIST, description="Topic slugs")
    about: str | None = Field(None, max_length=LONG_TEXT)
    modes: list[str] | None = Field(
        None, max_length=LIST, description="in_person, video, phone, text_chat (at least one)"
    )
    availability: list[WeeklyTime] | None = Field(
        None, max_length=LIST, description=AVAILABILITY_HELP
    )
    languages: list[str] | None = Field(
        None, max_length=LIST, description="Language codes, e.g. en, cy, bfi (at least one)"
    )
    place: str | None = Field(None, max_length=1000, description=PLACE_HELP)
    place_id: int | None = Field(None, description="A GeoNames id instead of `place`")
    age_group: str | None = Field(None, max_length=100, description="Your age group, optional")
    supporter_genders: list[str] | None = Field(
        None, max_length=LIST, description="Empty: no preference"
    )
    supporter_age_groups: list[str] | None = Field(
        None, max_length=LIST, description="Empty: no preference"
    )
    shared_experience_important: bool | None = None
    access_needs: list[str] | None = Field(None, max_length=LIST)
    access_needs_other: str | None = Field(None, max_length=LONG_TEXT)


class RequestIn(RequestFields):
    """A new request. `kind`, `modes`, `availability` and `languages` are needed; the
    rest are optional."""

    kind: str = Field(max_length=100, description=KIND_HELP)


class RequestForMemberIn(RequestIn):
    """A request a coordinator enters for a member (from an enquiry or a referral)."""

    member_id: int = Field(description="The member's user id")
    source: str = Field("enquiry", max_length=100, description="enquiry or referral")


class RequestPatch(RequestFields):
    """Only the fields you send are changed. Lists replace the whole list."""


class RequestOut(Schema):
    id: int
    kind: str
    status: str
    status_label: str
    source: str
    topics: list[str]
    about: str
    text_held: bool = Field(
        description="What you wrote waits for a moderator: only you and staff can see it."
    )
    modes: list[str]
    availability: list[WeeklyTime]
    languages: list[str]
    place: PlaceOut | None
    age_group: str
    supporter_genders: list[str]
    supporter_age_groups: list[str]
    shared_experience_important: bool
    access_needs: list[str]
    access_needs_other: str
    waiting_since: datetime
    created_at: datetime
    closed_at: datetime | None


class RequestSavedOut(RequestOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class RequestListOut(Schema):
    items: list[RequestOut]


# ---- Supporter profile -------------------------------------------------------------------


class SupporterIn(Strict):
    """Apply to be a peer supporter, or update your supporter profile: the whole profile."""

    kinds: list[str] = Field(max_length=LIST, description="mentoring and/or befriending")
    motivation: str = Field(max_length=LONG_TEXT)
    experience: str = Field(max_length=LONG_TEXT)
    topics: list[str] = Field(default_factory=list, max_length=LIST, description="Topic slugs")
    languages: list[str] = Field(max_length=LIST)
    modes: list[str] = Field(max_length=LIST)
    availability: list[WeeklyTime] = Field(max_length=LIST, description=AVAILABILITY_HELP)
    place: str = Field("", max_length=1000, description=PLACE_HELP)
    place_id: int | None = None
    max_distance_km: int | None = Field(
        None, description="How far you'll travel to meet in person (1 to 500 km)"
    )
    capacity: int = Field(1, description="How many people at once, 1 to 10")
    age_group: str = Field("", max_length=100)
    gender: str = Field("", max_length=100, description="Optional: woman, man, non_binary")
    comfortable_age_groups: list[str] = Field(
        default_factory=list, max_length=LIST, description="Empty: any age"
    )


class SupporterOut(Schema):
    id: int
    status: str
    status_label: str
    kinds: list[str]
    motivation: str
    experience: str
    text_held: bool
    topics: list[str]
    languages: list[str]
    modes: list[str]
    availability: list[WeeklyTime]
    place: PlaceOut | None
    max_distance_km: int | None
    capacity: int
    free_capacity: int
    age_group: str
    gender: str
    comfortable_age_groups: list[str]
    is_paused: bool
    safeguarding_hold: bool
    created_at: datetime


class SupporterSavedOut(SupporterOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


# ---- Matches -----------------------------------------------------------------------------


class AgreementOut(Schema):
    version: int
    focus: str
    frequency: str
    modes: list[str]
    boundaries: str
    review_on: date
    planned_end_on: date
    supporter_confirmed_version: int | None
    member_confirmed_version: int | None
    is_confirmed: bool
    updated_at: datetime


class CheckInOut(Schema):
    id: int
    contact_on: date
    mode: str
    minutes: int | None
    notes: str | None = Field(description="Only for the supporter and coordinators")
    worried: bool | None = Field(description="Only for the supporter and coordinators")
    created_at: datetime


class CheckInSavedOut(CheckInOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class FeedbackOut(Schema):
    id: int
    how_its_going: int
    comment: str
    created_at: datetime


class FeedbackSavedOut(FeedbackOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class ReviewOut(Schema):
    id: int
    outcome: str
    note: str
    new_end_on: date | None
    reviewed_by: PersonOut | None
    created_at: datetime


class ReflectionOut(Schema):
    id: int
    author: PersonOut | None
    text: str
    created_at: datetime


class ReflectionSavedOut(ReflectionOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class MatchOut(Schema):
    id: int
    kind: str
    status: str
    status_label: str
    my_side: Literal["member", "supporter", "coordinator"]
    member: PersonOut
    supporter: PersonOut
    explanation: str
    supporter_response: str
    member_response: str
    created_at: datetime
    activated_at: datetime | None
    ended_at: datetime | None
    end_reason: str


class MatchDetailOut(MatchOut):
    request_id: int
    request_topics: list[str]
    request_about: str | None = Field(
        description="What the person asked for support with: for the supporter and "
        "coordinators, and not while it waits for a moderator"
    )
    conversation_id: int | None
    agreement: AgreementOut | None
    check_ins: list[CheckInOut]
    feedback: list[FeedbackOut] = Field(description="For the person supported and coordinators")
    reviews: list[ReviewOut]
    reflections: list[ReflectionOut] = Field(description="Your own (coordinators see both)")


class MatchListOut(Schema):
    items: list[MatchOut]


class RespondIn(Strict):
    accept: bool
    reason: str = Field("", max_length=LONG_TEXT, description="Optional; only coordinators see it")


class AgreementIn(Strict):
    focus: str = Field(max_length=LONG_TEXT)
    frequency: str = Field(max_length=LONG_TEXT)
    modes: list[str] = Field(max_length=LIST)
    boundaries: str = Field(max_length=LONG_TEXT)
    review_on: date
    planned_end_on: date


class ConfirmIn(Strict):
    version: int = Field(description="The version you read")


class CheckInIn(Strict):
    contact_on: date
    mode: str = Field(max_length=100)
    minutes: int | None = Field(None, description="1 to 600")
    notes: str = Field("", max_length=LONG_TEXT)
    worried: bool = False


class FeedbackIn(Strict):
    how_its_going: int = Field(description="1 not well, 2 okay, 3 well, 4 very well")
    comment: str = Field("", max_length=LONG_TEXT)


class ReviewIn(Strict):
    outcome: str = Field(max_length=100, description="continue, extend or end_soon")
    note: str = Field("", max_length=LONG_TEXT)
    new_end_on: date | None = Field(None, description="Needed for extend")


class EndIn(Strict):
    reason: str = Field(
        "",
        max_length=100,
        description="planned, or left out: an early ending by you (by a coordinator, if "
        "you are one and not in the match)",
    )
    note: str = Field("", max_length=LONG_TEXT)
    ended_badly: bool = Field(False, description="Coordinators only: never match this pair again")


class ReflectionIn(Strict):
    text: str = Field(max_length=LONG_TEXT)
