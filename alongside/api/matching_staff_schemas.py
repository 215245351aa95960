"""Schemas for the coordinators' side of /matching: the waiting list, suggestions, runs,
supporters' onboarding, match history and settings. Loose field types, checked by
alongside.api.matching_input, as in matching_schemas."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from alongside.api.matching_schemas import LONG_TEXT, MatchOut, RequestOut, Strict, SupporterOut
from alongside.api.safety_schemas import PersonOut


class WaitingOut(Schema):
    request: RequestOut
    member: PersonOut
    waiting_days: int
    reason: str = Field(
        description='Why nobody can be proposed now, in plain words ("" if someone can)'
    )


class WaitingPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[WaitingOut]


class SuggestionOut(Schema):
    supporter: PersonOut
    score: float
    explanation: str


class SuggestionsOut(Schema):
    items: list[SuggestionOut]
    reason: str = Field(description='Why there are none ("" if there are)')


class ProposeIn(Strict):
    supporter_id: int = Field(description="The supporter's user id")


class ProposalOut(Schema):
    request_id: int
    supporter_id: int
    score: float
    explanation: str


class RunOut(Schema):
    id: int
    status: str
    created_at: datetime
    created_by: PersonOut | None
    request_count: int
    supporter_count: int
    total_score: float
    seconds: float
    sent_at: datetime | None
    proposals: list[ProposalOut]


class RunListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[RunOut]


class SentRunOut(Schema):
    run: RunOut
    match_ids: list[int]


class TrainingOut(Schema):
    id: int
    course_name: str
    completed_on: date


class StaffSupporterOut(SupporterOut):
    person: PersonOut
    interviewed_on: date | None
    interview_notes: str
    background_check: str
    background_checked_on: date | None
    decided_at: datetime | None
    decision_note: str
    training: list[TrainingOut]
    live_matches: int


class StaffSupporterPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[StaffSupporterOut]


class OnboardingIn(Strict):
    interviewed_on: date | None = None
    interview_notes: str = Field("", max_length=LONG_TEXT)
    background_check: str = Field(
        "not_required", max_length=100, description="not_required, pending, clear, not_clear"
    )
    background_checked_on: date | None = None


class TrainingIn(Strict):
    course_name: str = Field(max_length=LONG_TEXT)
    completed_on: date


class DecisionIn(Strict):
    note: str = Field("", max_length=LONG_TEXT)


class HoldIn(Strict):
    hold: bool
    note: str = Field("", max_length=LONG_TEXT)


class CancelIn(Strict):
    reason: str = Field("", max_length=LONG_TEXT)


class BlockIn(Strict):
    reason: str = Field("ended_badly", max_length=100, description="ended_badly or safeguarding")
    note: str = Field("", max_length=LONG_TEXT)


class StaffMatchOut(MatchOut):
    request_id: int
    score: float
    decline_reason: str


class StaffMatchPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[StaffMatchOut]


class SettingsIo(Strict):
    topics: int = Field(description="0 to 100")
    text: int = Field(description="0 to 100")
    availability: int = Field(description="0 to 100")
    distance: int = Field(description="0 to 100")
    waiting: int = Field(description="0 to 100")
    min_overlap_minutes: int = Field(description="30 to 1,440")
