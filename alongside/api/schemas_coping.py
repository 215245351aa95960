"""Schemas for /community/coping and /community/search."""

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.api.schemas import SAFETY_FIELD_DESCRIPTION, SafetyOut

STATUS_DESCRIPTION = (
    'visible, held ("waiting for a moderator": only its writer and moderators see it), '
    "hidden or deleted."
)


class CopingStrategyOut(Schema):
    id: int
    title: str
    what_it_is: str = Field(description="As the member wrote it (markdown).")
    what_it_is_html: str = Field(description="Rendered and sanitised.")
    when_it_helps: str
    when_it_helps_html: str
    topics: list[str] = Field(description="Topic slugs.")
    author: str | None = Field(description="Display name; null if the account was erased.")
    helped_count: int
    found_helpful: bool = Field(description="Whether it helped you.")
    is_own: bool
    status: str = Field(description=STATUS_DESCRIPTION)
    collapse_reason: str = Field(
        description="Why it is shown collapsed to you (you blocked its writer, or it contains "
        "a word you muted); empty if it isn't."
    )
    created_at: datetime
    edited_at: datetime | None


class CopingStrategyWrittenOut(CopingStrategyOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class CopingStrategyPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CopingStrategyOut]


class CopingStrategyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str
    what_it_is: str
    when_it_helps: str
    topics: list[str] = Field(default_factory=list, max_length=50, description="Topic slugs.")


class CopingStrategyPatch(Schema):
    """Only the fields you send are changed. `topics` replaces the whole list."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    what_it_is: str | None = None
    when_it_helps: str | None = None
    topics: list[str] | None = Field(None, max_length=50)


class HelpedOut(Schema):
    helped_count: int
    found_helpful: bool


class CopingCommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str


class CopingCommentOut(Schema):
    id: int
    strategy_id: int
    author: str | None
    body: str
    body_html: str
    status: str = Field(description=STATUS_DESCRIPTION)
    is_own: bool
    collapse_reason: str
    created_at: datetime


class CopingCommentWrittenOut(CopingCommentOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class SearchHitOut(Schema):
    kind: str = Field(description='"thread" or "coping_strategy".')
    id: int
    title: str
    place: str = Field(description='The space\'s name, or "Coping strategies".')
    excerpt: str = Field(description="Plain text.")
    date: datetime
    url: str = Field(description="The page, where there is one.")


class SearchPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[SearchHitOut]
