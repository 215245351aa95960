"""Schemas for /groups and /meetings. Input fields are the fields of the groups and meetings
forms, which do the validating, so their messages match the pages word for word."""

from datetime import date, datetime, time

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

# ---- Groups -----------------------------------------------------------------------------


class VenueOut(Schema):
    id: int
    name: str
    address: str
    latitude: float
    longitude: float
    features: list[str] = Field(description="Accessibility features, e.g. step_free")
    accessibility_notes: str


class GroupSummaryOut(Schema):
    slug: str
    name: str
    kind: str
    purpose: str
    mode: str
    status: str
    join_policy: str
    capacity: int | None
    languages: list[str]
    topics: list[str] = Field(description="Topic slugs")
    venue: VenueOut | None
    next_meeting_at: datetime | None


class GroupPageOut(Schema):
    count: int = Field(description="How many groups match, on every page")
    limit: int
    offset: int
    items: list[GroupSummaryOut]


class MembershipOut(Schema):
    id: int
    status: str = Field(description="requested, active, left, removed or declined")
    agreement_version: int | None
    agreement_accepted_at: datetime | None
    joined_at: datetime | None


class GroupDetailOut(GroupSummaryOut):
    who_for: str
    agreement_version: int | None = Field(description="The current agreement's version")
    is_facilitator: bool
    can_edit: bool
    my_membership: MembershipOut | None
    online_details: str | None = Field(
        description="Join link or dial-in details: null unless you are a member, a "
        "facilitator or a coordinator"
    )
    members: list[str] | None = Field(
        description="Members' display names: null unless you are a member, a facilitator "
        "or a coordinator"
    )


class AgreementTermsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ground_rules: str
    confidentiality: str
    how_we_treat_each_other: str


class GroupIn(Schema):
    """A new group: the fields of the "start a group" page, and its first agreement."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="community, support or self_help")
    name: str
    purpose: str
    who_for: str = ""
    topics: list[str] = Field(default_factory=list, description="Topic slugs")
    languages: list[str] = Field(default_factory=list, description="Language codes")
    mode: str = Field(description="in_person, video, phone or hybrid")
    venue: int | None = Field(None, description="A venue id; needed to meet in person")
    online_details: str = ""
    join_policy: str = Field("open", description="open or by_request")
    capacity: int | None = Field(None, description="null for no limit")
    status: str | None = Field(
        None, description="Coordinators only: active, paused or closed (default active)"
    )
    agreement: AgreementTermsIn


class GroupPatch(Schema):
    """Only the fields you send are changed. Lists replace the whole list."""

    model_config = ConfigDict(extra="forbid")

    kind: str | None = None
    name: str | None = None
    purpose: str | None = None
    who_for: str | None = None
    topics: list[str] | None = None
    languages: list[str] | None = None
    mode: str | None = None
    venue: int | None = None
    online_details: str | None = None
    join_policy: str | None = None
    capacity: int | None = None
    status: str | None = Field(None, description="Coordinators only")


class JoinIn(Schema):
    model_config = ConfigDict(extra="forbid")

    agreement_version: int = Field(
        description="The version of the agreement you read (GET /groups/{slug}/agreement)"
    )
    share_access_needs: bool | None = Field(
        None,
        description="Your first answer to whether the facilitators of groups you join and "
        "meetings you go to may see your profile's access needs. Recorded only if you haven't "
        "answered yet; change it later on your profile (`access_needs_shared`).",
    )


class AcceptAgreementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int


class AgreementOut(Schema):
    version: int
    ground_rules: str
    confidentiality: str
    how_we_treat_each_other: str
    created_at: datetime


class JoinRequestOut(Schema):
    membership_id: int
    user_id: int
    display_name: str
    requested_at: datetime
    agreement_version: int | None


# ---- Meetings ---------------------------------------------------------------------------


class GroupRefOut(Schema):
    slug: str
    name: str


class OccurrenceOut(Schema):
    id: int
    meeting_id: int
    group: GroupRefOut
    title: str
    description: str
    mode: str
    venue: VenueOut | None
    timezone: str
    starts_at: datetime
    ends_at: datetime
    status: str = Field(description="scheduled or cancelled")
    places: int | None = Field(description="How many can go; null for no limit")
    going_count: int
    waiting_count: int


class OccurrencePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[OccurrenceOut]


class MyOccurrenceOut(Schema):
    id: int
    group: GroupRefOut
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    my_status: str = Field(description="going or waitlisted")


class RsvpOut(Schema):
    status: str = Field(description="going, waitlisted or not_going")
    access_needs: list[str]
    access_note: str


class OccurrenceDetailOut(OccurrenceOut):
    join_url: str | None = Field(
        description="null unless you are going, or facilitate or coordinate the group"
    )
    dial_in: str | None = Field(description="As join_url")
    my_rsvp: RsvpOut | None


class MeetingIn(Schema):
    """A meeting: the fields of the "arrange a meeting" page."""

    model_config = ConfigDict(extra="forbid")

    title: str
    description: str = ""
    mode: str = Field(description="in_person, video, phone or hybrid")
    venue: int | None = Field(None, description="A venue id; needed to meet in person")
    join_url: str = ""
    dial_in: str = ""
    timezone: str = Field("Europe/London", description="IANA name of where the times are set")
    start_date: date
    start_time: time = Field(description="Local time in `timezone`")
    end_time: time | None = Field(None, description="Or give duration_minutes")
    duration_minutes: int | None = None
    repeat: str = Field("none", description="none, weekly, fortnightly or monthly")
    repeat_count: int | None = None
    repeat_until: date | None = None
    capacity: int | None = Field(None, description="null to use the group's limit")


class MeetingCreatedOut(Schema):
    id: int
    title: str
    rrule: str
    timezone: str
    occurrences: list[OccurrenceOut]


class RsvpIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="going or not_going")
    access_needs: list[str] = Field(default_factory=list)
    access_note: str = ""
    share_access_needs: bool | None = Field(
        None,
        description="Your first answer to whether the facilitators of groups you join and "
        "meetings you go to may see your profile's access needs. Recorded only if you haven't "
        "answered yet; change it later on your profile (`access_needs_shared`).",
    )


class MoveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    starts_at: AwareDatetime
    ends_at: AwareDatetime


class AttendeeOut(Schema):
    user_id: int
    display_name: str
    status: str
    access_needs: list[str] = Field(description="Labels, for reading")
    access_note: str
    attended: bool | None


class AttendanceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    attended: list[int] = Field(description="User ids of those who came")


class AttendanceOut(Schema):
    came: int
