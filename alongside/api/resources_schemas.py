"""Shapes for /resources: the "more information" library."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class ResourceOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    url: str = Field(description='A link to another site ("" for a page of our own).')
    page_url: str = Field(description='Our own page\'s address ("" for a link).')
    body_html: str = Field(description="The page text, rendered and sanitised.")
    topics: list[str] = Field(description="Topic slugs; empty for general information.")
    show_on_home: bool
    is_published: bool
    position: int
    updated_at: datetime


class ResourcePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResourceOut]


class ResourceIn(Schema):
    """A new entry: exactly one of `url` and `body`."""

    model_config = ConfigDict(extra="forbid")

    title: str
    summary: str
    url: str = Field("", description="http or https only")
    body: str = Field("", description="Page text (markdown)")
    topics: list[str] = Field(default_factory=list, max_length=100, description="Topic slugs")
    show_on_home: bool = False
    is_published: bool = True
    position: int = Field(0, description="0 to 1000; lower first")


class ResourcePatch(Schema):
    """Only the fields you send are changed. `topics` replaces the whole list."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    summary: str | None = None
    url: str | None = None
    body: str | None = None
    topics: list[str] | None = Field(None, max_length=100, description="Topic slugs")
    show_on_home: bool | None = None
    is_published: bool | None = None
    position: int | None = None
