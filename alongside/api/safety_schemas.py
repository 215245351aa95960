"""Schemas for /safety: a member's own safety plan, and the moderators' queue (alerts,
reports, held content, duty) and safeguarding cases. Text fields carry generous limits
here; the forms and actions give the real, plain-words limits beside the field."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.safety.choices import CaseEntryKind, CaseStatus
from alongside.safety.forms_plan import STEP_HELP

LONG_TEXT = 100_000


# ---- Safety plan ---------------------------------------------------------------------------


def _step(name: str):
    return Field("", max_length=LONG_TEXT, description=STEP_HELP[name])


class SafetyPlanIn(Schema):
    """The whole plan. Every step is optional (up to 2,000 characters each); a step left
    out is saved empty."""

    model_config = ConfigDict(extra="forbid")
    warning_signs: str = _step("warning_signs")
    coping_on_my_own: str = _step("coping_on_my_own")
    distractions: str = _step("distractions")
    people_to_ask: str = _step("people_to_ask")
    professionals: str = _step("professionals")
    safer_surroundings: str = _step("safer_surroundings")
    reasons_to_live: str = _step("reasons_to_live")


class SafetyPlanStepOut(Schema):
    name: str = Field(description="The step's field name, e.g. warning_signs")
    heading: str = Field(description="The step's heading, as the page shows it")
    text: str


class SafetyPlanOut(Schema):
    warning_signs: str
    coping_on_my_own: str
    distractions: str
    people_to_ask: str
    professionals: str
    safer_surroundings: str
    reasons_to_live: str
    steps: list[SafetyPlanStepOut] = Field(description="Every step in order, with headings")
    created_at: datetime
    updated_at: datetime


# ---- People --------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    display_name: str


# ---- Alerts --------------------------------------------------------------------------------

QueueStatus = Literal["active", "open", "claimed", "resolved"]


class SignalOut(Schema):
    id: str = Field(description='The risk check\'s signal id, e.g. "method.overdose"')
    description: str = Field(description="The signal in plain words for moderators")


class AlertOut(Schema):
    """An alert as the queue lists it: never any member-written text."""

    id: int
    level: Literal["concern", "urgent"]
    score: float
    signals: list[SignalOut]
    signal_descriptions: list[str] = Field(
        description="Plain words for the signals, once each, as the queue page shows them"
    )
    detector_version: str
    status: Literal["open", "claimed", "resolved"]
    target: str = Field(
        description="post, message, coping_strategy, coping_comment, profile, support_request, "
        "supporter_profile, check_in, match_feedback or match_reflection"
    )
    target_id: int
    writer: PersonOut | None
    created_at: datetime = Field(description="When it was raised")
    claimed_by: PersonOut | None
    claimed_at: datetime | None
    escalated_at: datetime | None = Field(
        description="When on-duty moderators were told nobody had claimed it"
    )
    resolved_by: PersonOut | None
    resolved_at: datetime | None


class AlertPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AlertOut]


class ContentFieldOut(Schema):
    name: str
    label: str
    text: str


class ContentOut(Schema):
    """The flagged or reported content, in full, for moderators only."""

    kind: str
    id: int
    name: str = Field(description='What it is called, e.g. "post", "coping strategy"')
    status: str = Field(
        description="visible, held, hidden or deleted (profiles, requests for support and "
        "supporter applications: visible, held or hidden; writing inside a match: visible)"
    )
    held: bool
    place: str = Field(description="Where it was written, in words")
    url: str = Field(description='A page where a moderator may open it ("" if none)')
    fields: list[ContentFieldOut] = Field(description="Its text, field by field")


class HistoryOut(Schema):
    kind: str
    label: str
    moderator: PersonOut | None
    reason: str
    created_at: datetime


class EarlierAlertOut(Schema):
    id: int
    level: str
    status: str
    created_at: datetime


class AlertDetailOut(AlertOut):
    content: ContentOut
    awaits_decision: bool = Field(
        description="Held and nobody has approved or hidden it yet: decide before resolving"
    )
    can_edit: bool
    resolution_note: str
    history: list[HistoryOut]
    other_alerts: list[EarlierAlertOut] = Field(
        description="The writer's other alerts, newest first (up to 20)"
    )


class HideIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(
        "",
        max_length=LONG_TEXT,
        description="Why, for the moderators' record (up to 2,000 characters). The writer is "
        "told it was hidden, not this reason.",
    )


class ResolveIn(Schema):
    model_config = ConfigDict(extra="forbid")
    note: str = Field(
        "",
        max_length=LONG_TEXT,
        description="What you did and why, for the next moderator (up to 2,000 characters).",
    )


class EditIn(Schema):
    """The new text. `text` is the main text (a post's, message's or comment's body, a
    coping strategy's "what it is"); `title` and `when_it_helps` are for coping strategies
    only. A field left out keeps its current text."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=LONG_TEXT)
    title: str | None = Field(None, max_length=LONG_TEXT)
    when_it_helps: str | None = Field(None, max_length=LONG_TEXT)
    reason: str = Field(
        "", max_length=LONG_TEXT, description="Why, for the moderators' record (required)"
    )


# ---- Reports -------------------------------------------------------------------------------


class ReportOut(Schema):
    """A report as the queue lists it: never the reporter's details or the content."""

    id: int
    target: str = Field(description="post, message, member, coping_strategy or coping_comment")
    target_id: int | None
    reason: str
    reason_label: str
    status: Literal["open", "claimed", "resolved"]
    reporter: PersonOut | None
    reported_member: PersonOut | None
    created_at: datetime
    claimed_by: PersonOut | None
    claimed_at: datetime | None
    resolved_by: PersonOut | None
    resolved_at: datetime | None


class ReportPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReportOut]


class ReportDetailOut(ReportOut):
    details: str = Field(description="What the reporter wrote")
    content: ContentOut | None = Field(description="null for a report about a member")
    resolution_note: str
    history: list[HistoryOut]
    content_alerts: list[EarlierAlertOut] = Field(
        description="Alerts raised about the same content, newest first"
    )


# ---- Held content and duty -----------------------------------------------------------------


class HeldOut(Schema):
    kind: str = Field(description="post, message, coping_strategy, coping_comment or profile")
    id: int
    writer: PersonOut | None
    held_since: datetime
    alert_id: int | None
    alert_level: str | None


class HeldPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[HeldOut]


class DutyIn(Schema):
    model_config = ConfigDict(extra="forbid")
    on_duty: bool


class DutyOut(Schema):
    on_duty: bool


# ---- Safeguarding cases --------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    member: PersonOut
    opened_by: PersonOut | None
    status: CaseStatus
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    alert_count: int
    entry_count: int


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseOut]


class CaseEntryOut(Schema):
    id: int
    kind: CaseEntryKind
    text: str
    author: PersonOut | None
    happened_at: datetime | None = Field(description="For a contact: when it happened")
    created_at: datetime


class CaseAlertOut(Schema):
    id: int
    level: str
    status: str
    created_at: datetime


class CaseDetailOut(Schema):
    id: int
    member: PersonOut
    opened_by: PersonOut | None
    status: CaseStatus
    summary: str
    outcome: str
    closed_by: PersonOut | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    alerts: list[CaseAlertOut]
    entries: list[CaseEntryOut] = Field(description="In the order things happened")
    linkable_alerts: list[CaseAlertOut] = Field(
        description="The member's unresolved alerts not linked yet"
    )


class CaseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    member_id: int | None = Field(None, description="Who the case is about")
    alert_id: int | None = Field(
        None, description="An alert to link; gives the member if member_id is left out"
    )
    summary: str = Field("", max_length=LONG_TEXT, description="Up to 5,000 characters")


class CaseEntryIn(Schema):
    model_config = ConfigDict(extra="forbid")
    kind: CaseEntryKind
    text: str = Field("", max_length=LONG_TEXT, description="Up to 5,000 characters")
    happened_at: datetime | None = Field(
        None, description="For a contact only, and required for one: ISO 8601, not in the future"
    )


class LinkAlertIn(Schema):
    model_config = ConfigDict(extra="forbid")
    alert_id: int


class CloseCaseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    outcome: str = Field("", max_length=LONG_TEXT, description="Up to 5,000 characters")
