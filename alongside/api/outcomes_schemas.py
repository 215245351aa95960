"""Shapes of /api/v1/outcomes: a member's own wellbeing check-ins and answers, and the
coordinators' aggregate reports. Scores are numbers (a measure's `decimals` places)."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool, WithJsonSchema

from alongside.outcomes.choices import CheckInStatus, Occasion, ResponseStatus
from alongside.outcomes.reports import Breakdown


def _values(choices) -> str:
    return ", ".join(f"`{value}`" for value in choices.values)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# ---- Measures ------------------------------------------------------------------------------


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    key: str
    number: int = Field(description="1, 2, 3... in the order the questions are asked.")
    wording: str


class MeasureOut(Schema):
    key: str
    name: str
    short_name: str
    score_name: str = Field(description='e.g. "wellbeing score".')
    about: str = Field(description="What it asks about, in plain words for members.")
    instructions: str = Field(description="Show above the questions.")
    citation: str
    licence: str
    higher_is_better: bool
    options: list[OptionOut] = Field(description="The answers to every question, in order.")
    items: list[ItemOut]
    score_range: list[float] = Field(description="[lowest, highest] score.")
    version: int = Field(description="Goes up when the scoring changes.")


class MeasureListOut(Schema):
    items: list[MeasureOut]


# ---- Consent -------------------------------------------------------------------------------


class PreferenceOut(Schema):
    consented: bool | None = Field(
        description="true: yes to check-ins; false: no; null: not decided yet."
    )
    by_email: bool = Field(description="Invitations are emailed as well as shown here.")
    decided_at: datetime | None
    next_check_in_after: datetime | None = Field(
        description="When the next regular check-in may be offered (null without consent)."
    )


class PreferenceIn(Strict):
    consented: StrictBool = Field(
        description="Yes or no to wellbeing check-ins. Saying yes for the first time opens "
        "the first check-in; saying no closes any waiting one (answers already given stay "
        "until you delete them)."
    )
    by_email: StrictBool | None = Field(
        None,
        description="Also invite me by email. Left out: your earlier choice stays (yes, the "
        "first time).",
    )


# ---- Check-ins and answers -----------------------------------------------------------------


class MeasureProgressOut(Schema):
    key: str
    name: str
    status: str = Field(description="`not_started`, `draft` (saved, not scored) or `complete`.")
    answers: dict[str, int] = Field(description="What has been answered so far.")
    unanswered: list[str] = Field(description="Keys of the questions not answered yet.")


class CheckInOut(Schema):
    id: int
    occasion: str = Field(description=f"Why they were asked: one of {_values(Occasion)}.")
    occasion_label: str
    status: str = Field(description=f"One of {_values(CheckInStatus)}.")
    offered_at: datetime | None
    finished_at: datetime | None
    measures: list[MeasureProgressOut] = Field(
        description="Each measure being asked, in order, with any answers saved so far."
    )


ANSWERS_SCHEMA = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    "description": "{question key: answer value}. null clears an answer. Answers saved "
    "before are kept unless sent again.",
}


class AnswersIn(Strict):
    answers: Annotated[Any, WithJsonSchema(ANSWERS_SCHEMA)]
    finish: StrictBool = Field(
        False,
        description="true: score it if every question is answered (otherwise it is kept as "
        "a draft, not scored); false: just save for later.",
    )


class CheckInRefOut(Schema):
    id: int
    occasion: str
    occasion_label: str


class ResponseOut(Schema):
    id: int
    measure: str = Field(description="The measure's key.")
    measure_name: str
    measure_version: int
    score_name: str
    status: str = Field(description=f"One of {_values(ResponseStatus)}.")
    answers: dict[str, int]
    raw_score: int | None = Field(description="null for a draft.")
    score: float | None = Field(description="null for a draft.")
    check_in: CheckInRefOut
    created_at: datetime
    completed_at: datetime | None


class ResponseSavedOut(ResponseOut):
    unanswered: list[str] = Field(description="Keys of the questions not answered yet.")
    check_in_status: str = Field(description="`completed` once every measure is complete.")
    detail: str = Field(description="What happened, in plain words, to show the member.")


class ResponsePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResponseOut]


class DeletedOut(Schema):
    deleted: int = Field(description="How many answered questionnaires were deleted.")
    detail: str


# ---- Progress ------------------------------------------------------------------------------


class PointOut(Schema):
    date: date
    score: float


class ProgressOut(Schema):
    measure: str
    measure_name: str
    score_name: str
    higher_is_better: bool
    score_range: list[float]
    points: list[PointOut] = Field(description="Each completed one, oldest first.")
    first: PointOut
    latest: PointOut
    change: float = Field(description="latest minus first (0 with only one).")
    summary: str = Field(description='In plain words ("" when there is none).')


class ProgressListOut(Schema):
    items: list[ProgressOut]


# ---- Reports for coordinators --------------------------------------------------------------


SUPPRESSED = "null when `suppressed`."


class ReportRowOut(Schema):
    key: str = Field(description='Stable: "all", "support", "group-12", "2026-Q1"...')
    label: str
    suppressed: bool = Field(
        description="Fewer than 5 people: every figure in the row is null, so no one can "
        "be identified."
    )
    people: int | None = Field(description="With a baseline and a later answer. " + SUPPRESSED)
    invited: int | None = Field(description="Offered a check-in in the period. " + SUPPRESSED)
    responded: int | None = Field(description="Of those, completed one. " + SUPPRESSED)
    response_rate: float | None = Field(description="responded / invited, 0 to 1. " + SUPPRESSED)
    baseline_mean: float | None
    latest_mean: float | None
    mean_change: float | None
    ci_low: float | None = Field(description="95% confidence interval of the mean change.")
    ci_high: float | None


class ReportOut(Schema):
    measure: str
    measure_name: str
    score_name: str
    higher_is_better: bool
    start: date
    end: date
    breakdown: str = Field(description=f"One of {_values(Breakdown)}.")
    total: ReportRowOut
    rows: list[ReportRowOut]
    empty_message: str = Field(description='Plain words when there is nothing to show, else "".')


class ActivityOut(Schema):
    start: date
    end: date
    people_by_form: dict[str, int | None] = Field(
        description="Form of support -> people supported in the period (null: fewer than 5)."
    )
    people_in_total: int | None = Field(
        None, description="People supported in any form (null: fewer than 5)."
    )
    meetings_held: int
    attendances: int | None
    mean_attendance: float | None
    matches_started: int
    matches_ended: int
    median_wait_days: float | None
    people_waiting: int | None
    posts: int
    threads_started: int
    threads_replied_within_24h: float | None = Field(description="Share, 0 to 1.")
