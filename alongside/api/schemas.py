from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.accounts.choices import Visibility


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages for each field that needs correcting."
    )


# The error responses most endpoints can give, for their OpenAPI `response=` maps.
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# A domain refusal: the request was well formed but the state doesn't allow it.
REFUSED = {409: ErrorOut}


class SupportResourceOut(Schema):
    name: str
    description: str
    phone: str = Field(description='To call ("" if none).')
    text_number: str = Field(description='To text ("" if none).')
    text_keyword: str = Field(description='The word to text, e.g. "SHOUT" ("" if none).')
    web_url: str
    opening_hours: str
    audience: str = Field(description='Who it is for, e.g. "under 19s" ("" for anyone).')
    is_emergency: bool


class SafetyOut(Schema):
    """What to show a member straight after they wrote something the risk check flagged
    (safety.support.writer_support): the same on every page and endpoint that stores
    member text."""

    level: Literal["concern", "urgent"]
    held: bool = Field(description="What they wrote waits for a moderator; tell them kindly.")
    message: str = Field(description="A calm message to show first.")
    held_message: str = Field(description='Says it is kept safe for a moderator ("" if not).')
    resources: list[SupportResourceOut] = Field(
        description="Two or three options to show first, not a wall of numbers."
    )
    has_safety_plan: bool
    safety_plan_url: str = Field(description='Their own safety plan ("" if they have none).')
    help_url: str = Field(description='The "I need help now" page.')


SAFETY_FIELD_DESCRIPTION = (
    "null, or support to show the writer at once because the risk check found something in "
    "what they wrote. urgent: it is held for a moderator (only its writer sees it), and a "
    "moderator will check in; concern: it is posted as normal, with gentle resources."
)


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    roles: list[str]
    two_factor_enabled: bool


class AccessNeedsOut(Schema):
    needs: list[str]
    other: str


class ProfileOut(Schema):
    """A profile as the caller may see it: private fields they can't see are left out."""

    id: int
    display_name: str
    pronouns: str | None = None
    languages: list[str] | None = None
    place: str | None = None
    contact_modes: list[str] | None = None
    availability: list[str] | None = None
    access_needs: AccessNeedsOut | None = None
    topics: list[str] | None = None
    would_like_to_receive: str | None = None
    could_offer: str | None = None


class OwnProfileOut(ProfileOut):
    visibility: dict[str, Visibility]
    text_held: bool = Field(
        False,
        description="What you'd like, what you could offer and your access-needs note are "
        "waiting for a moderator: only you (and moderators) can see them meanwhile.",
    )
    access_needs_shared: bool | None = Field(
        None,
        description="Whether the facilitators of groups you join and meetings you go to may "
        "see your access needs (only they and coordinators do). null: you haven't said yet.",
    )


class OwnProfileSavedOut(OwnProfileOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class ProfilePatch(Schema):
    """Only the fields you send are changed. Lists replace the whole list."""

    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(None, max_length=200)
    pronouns: str | None = Field(None, max_length=200)
    languages: list[str] | None = Field(
        None, max_length=100, description="Language codes, e.g. en, cy, bfi"
    )
    place: str | None = Field(
        None, max_length=200, description='A town or city, e.g. "Newport, Wales"'
    )
    contact_modes: list[str] | None = Field(None, max_length=20)
    availability: list[str] | None = Field(None, max_length=30, description="e.g. mon_evening")
    access_needs: list[str] | None = Field(None, max_length=20)
    access_needs_other: str | None = Field(None, max_length=1000)
    access_needs_shared: bool | None = Field(
        None,
        description="Share your access needs with facilitators: true, false, or null for "
        '"not decided" (you\'ll be asked when you next join a group or go to a meeting).',
    )
    topics: list[str] | None = Field(None, max_length=100, description="Topic slugs")
    would_like_to_receive: str | None = Field(None, max_length=4000)
    could_offer: str | None = Field(None, max_length=4000)
    visibility: dict[str, Visibility] | None = None


class TopicOut(Schema):
    slug: str
    name: str
    description: str
