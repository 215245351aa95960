"""Schemas for the forum endpoints under /community. Text fields carry generous limits
here; the forms and actions give the real, plain-words limits."""

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.api.schemas import SAFETY_FIELD_DESCRIPTION, SafetyOut


class SpaceOut(Schema):
    slug: str
    name: str
    description: str
    topics: list[str] = Field(description="Topic slugs")
    is_archived: bool
    guidelines_version: int
    thread_count: int = Field(description="Threads you can read")
    last_activity: datetime | None


class SpaceDetailOut(SpaceOut):
    guidelines: str
    guidelines_accepted: bool = Field(description="Whether you accepted the current version")


class SpaceIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=200)
    description: str = Field(max_length=10_000)
    guidelines: str = Field(max_length=20_000)
    topics: list[str] = Field(default_factory=list, max_length=100)


class SpacePatch(Schema):
    """Send only what changes. Changing `guidelines` raises the guidelines version."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10_000)
    guidelines: str | None = Field(None, max_length=20_000)
    topics: list[str] | None = Field(None, max_length=100)
    is_archived: bool | None = None


class AcceptGuidelinesIn(Schema):
    version: int = Field(description="The guidelines version you read")


class ThreadOut(Schema):
    id: int
    space: str = Field(description="The space's slug")
    title: str
    author: str | None = Field(description="Display name; null if the account is gone")
    status: str
    is_locked: bool
    reply_count: int
    last_posted_at: datetime
    is_new: bool = Field(False, description="Posts since your last visit")


class ThreadPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ThreadOut]


class ReactionOut(Schema):
    kind: str
    label: str
    count: int
    names: list[str] = Field(description="Who reacted, by display name")
    mine: bool


class PostOut(Schema):
    id: int
    thread_id: int
    author: str | None
    status: str = Field(
        description='visible, held ("waiting for a moderator": only its writer and '
        "moderators see it), hidden or deleted"
    )
    created_at: datetime
    edited_at: datetime | None
    body: str = Field(description="Markdown source; empty for a deleted post")
    body_html: str = Field(description="Sanitised HTML; empty for a deleted post")
    content_warning: str
    quoted_post_id: int | None
    is_new: bool
    collapse_reason: str = Field(description="Why this is collapsed for you, or empty")
    can_edit: bool
    can_react: bool
    reactions: list[ReactionOut]


class ThreadDetailOut(ThreadOut):
    is_muted: bool
    can_post: bool
    guidelines_accepted: bool
    page: int
    num_pages: int
    posts: list[PostOut]


class ThreadStartedOut(ThreadDetailOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class PostWrittenOut(PostOut):
    safety: SafetyOut | None = Field(None, description=SAFETY_FIELD_DESCRIPTION)


class ThreadIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(max_length=10_000)
    body: str = Field(max_length=100_000)
    content_warning: str = Field("", max_length=10_000)
    accept_guidelines_version: int | None = Field(
        None, description="Send the guidelines version you read to accept it with this post"
    )


class PostIn(Schema):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(max_length=100_000)
    content_warning: str = Field("", max_length=10_000)
    quoted_post_id: int | None = None
    accept_guidelines_version: int | None = None


class PostPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    body: str | None = Field(None, max_length=100_000)
    content_warning: str | None = Field(None, max_length=10_000)


class RevisionOut(Schema):
    body: str
    content_warning: str
    edited_by: str | None
    created_at: datetime


class MuteOut(Schema):
    muted: bool
