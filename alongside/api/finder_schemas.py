from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from alongside.finder.validation import ABOUT_MAX_LENGTH, ACCESS_OTHER_MAX_LENGTH


class FinderIn(Schema):
    """The questionnaire's answers. Every field is optional: left out means "any"."""

    model_config = ConfigDict(extra="forbid")

    topics: list[str] = Field(default_factory=list, description="Topic slugs (GET /topics).")
    about: str = Field("", description=f"What's on their mind, in their words (at most "
                       f"{ABOUT_MAX_LENGTH:,} characters). Used only for this search.")  # fmt: skip
    formats: list[str] = Field(default_factory=list, description="`group`, `one_to_one`, `online`.")
    modes: list[str] = Field(
        default_factory=list,
        description="Ways to connect: `in_person`, `video`, `phone`, `text_chat`, `forum`.",
    )
    availability: list[str] = Field(
        default_factory=list, description='When they are free: day parts like "tue_evening".'
    )
    place: str = Field("", description='Their town, as typed ("Cardiff", "Newport, Wales").')
    # int first: a huge whole number gets the finder's own words, not a float overflow.
    travel_distance: int | float | str | None = Field(
        None, description="How far they can travel: 1 to 200 miles, or 1 to 320 km."
    )
    distance_unit: str | None = Field(
        None, description="`mi` or `km`; left out: the locale's (miles in English)."
    )
    languages: list[str] = Field(default_factory=list, description="Language codes (`en`, `cy`).")
    access_needs: list[str] = Field(
        default_factory=list, description="Access needs (`step_free`, `hearing_loop`, ...)."
    )
    access_needs_other: str = Field(
        "", description=f"At most {ACCESS_OTHER_MAX_LENGTH} characters."
    )
    access_flexible: bool = Field(
        False,
        description="Show in-person places without what they need too (as a misfit); "
        "otherwise access needs rule them out.",
    )
    limit: int = Field(20, ge=1, le=50, description="How many options at most.")


class NextMeetingOut(Schema):
    occurrence_id: int
    starts_at: datetime
    timezone: str
    url: str


class OptionOut(Schema):
    kind: str = Field(description="`group`, `mentoring`, `befriending` or `space`.")
    object_id: int | None = Field(description="The group or space; null for 1:1 support.")
    title: str
    url: str
    summary: str
    fits: bool = Field(description="False for near misses: see `misfits`.")
    reasons: list[str] = Field(description='Why it fits: "meets on Tuesday evenings".')
    reason_sentence: str
    misfits: list[str] = Field(description='What would not fit: "meets in the daytime".')
    distance_km: float | None
    distance_text: str
    next_meetings: list[NextMeetingOut]
    waiting_text: str


class FinderOut(Schema):
    options: list[OptionOut] = Field(description="Options that fit, best first.")
    nearest: list[OptionOut] = Field(
        description="When fewer than three fit: the closest near misses."
    )
    nothing_found_reason: str = Field(description="When nothing fits: why, in plain words.")
    considered: int
    place_name: str = Field(description="The town their `place` was taken to mean.")
    distance_unit: str
