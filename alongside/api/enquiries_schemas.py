"""Shapes of /api/v1/enquiries."""

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.api.schemas import SAFETY_FIELD_DESCRIPTION, SafetyOut
from alongside.staff.choices import ContactMethod, EnquiryStatus, EnquiryTopic, EntryKind


def _values(choices) -> str:
    return ", ".join(f"`{value}`" for value in choices.values)


class EnquiryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(description=f"What it is about: one of {_values(EnquiryTopic)}.")
    message: str = Field(description="Their message, plain text, up to 5,000 characters.")
    name: str = Field("", description="What to call them (optional, up to 80 characters).")
    contact_methods: list[str] = Field(description=f"At least one of {_values(ContactMethod)}.")
    email: str = Field(
        "",
        description="Needed when `email` is a contact method, or when the caller isn't "
        "signed in (the acknowledgement with the reference goes there).",
    )
    phone: str = Field(
        "",
        description="Needed for `phone` or `text`: digits, spaces, + and brackets, 7 to 15 digits.",
    )
    ok_to_leave_message: bool | None = Field(
        None,
        description="Is it safe to leave a message or voicemail? Needed for `phone` or `text`.",
    )
    best_times: str = Field("", description="When is best to contact them (up to 200).")
    finder_answers: dict | None = Field(
        None,
        description="Optional: their answers to the finder, in the same shape as "
        "POST /finder takes them (topics as slugs, place as text).",
    )


class EnquiryCreatedOut(Schema):
    reference: str = Field(description='Quote it back to them, e.g. "ALG-7K3P9Q".')
    acknowledgement_sent: bool = Field(
        description="An email with the reference is on its way to them."
    )
    safety: SafetyOut | None = Field(description=SAFETY_FIELD_DESCRIPTION)


class PersonOut(Schema):
    id: int
    display_name: str


class EnquirySummaryOut(Schema):
    id: int
    reference: str
    topic: str
    topic_label: str
    status: str = Field(description=f"One of {_values(EnquiryStatus)}.")
    risk_level: str = Field(description="`none`, `concern` or `urgent` (the risk check).")
    assigned_to: PersonOut | None
    created_at: datetime
    closed_at: datetime | None


class EnquiryPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[EnquirySummaryOut]


class EntryOut(Schema):
    id: int
    kind: str = Field(description=f"One of {_values(EntryKind)}.")
    body: str
    author: PersonOut | None
    created_at: datetime


class EnquiryOut(EnquirySummaryOut):
    message: str
    name: str
    email: str
    phone: str
    contact_methods: list[str]
    ok_to_leave_message: bool | None = Field(
        description="false: never leave a voicemail or a message with anyone else."
    )
    best_times: str
    finder_answers: dict
    member: PersonOut | None = Field(description="The member who wrote it, if signed in.")
    entries: list[EntryOut] = Field(description="Notes and replies, oldest first.")


class EnquiryUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str | None = Field(None, description=f"One of {_values(EnquiryStatus)}.")
    assigned_to: int | None = Field(
        None, description="A coordinator's user id, or null for nobody. Leave out to keep."
    )


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(
        description="`note` (internal), `email_reply` (also emailed to them), "
        "`phone_call`, `text_message` or `their_reply` (logged only)."
    )
    body: str = Field(description="Up to 5,000 characters.")
