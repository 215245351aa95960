"""/outcomes/report and /outcomes/activity: the organisation's figures, for coordinators with
two-factor set up. Aggregates only: any figure describing fewer than 5 people is withheld,
and nothing names anyone. To anyone else they are a 403 (their existence isn't private)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router

from alongside.accounts.roles import Role, has_role
from alongside.api.errors import FormErrors, choice_or_422
from alongside.api.outcomes_schemas import ActivityOut, ReportOut
from alongside.api.safety_staff import staff_auth
from alongside.api.schemas import ERRORS
from alongside.community.permissions.roles import is_coordinator
from alongside.outcomes.activity import activity_figures
from alongside.outcomes.models import Measure
from alongside.outcomes.reports import Breakdown, clean_period, default_period, outcome_report

router = Router(tags=["outcomes"])


def _coordinators_only(user) -> None:
    if is_coordinator(user):
        return
    if has_role(user, Role.COORDINATOR):
        raise PermissionDenied("Set up two-factor authentication before reading reports.")
    raise PermissionDenied("Wellbeing reports are for coordinators.")


# The token and session checks of the staff endpoints, but refusing with a 403; without
# credentials, the usual 401.
coordinator_auth = staff_auth(_coordinators_only)[:2]


def _period(start: str, end: str) -> tuple[date, date]:
    """The report period from the query, the last 12 months where a date is left out,
    checked with the report pages' own messages."""
    default_start, default_end = default_period()
    try:
        return clean_period(start[:40].strip() or default_start, end[:40].strip() or default_end)
    except ValidationError as error:
        raise FormErrors.from_messages(error.message_dict) from error


def _row_out(row) -> dict:
    return {
        "key": row.key,
        "label": row.label,
        "suppressed": row.suppressed,
        "people": row.people,
        "invited": row.invited,
        "responded": row.responded,
        "response_rate": row.response_rate,
        "baseline_mean": row.baseline_mean,
        "latest_mean": row.latest_mean,
        "mean_change": row.mean_change,
        "ci_low": row.ci_low,
        "ci_high": row.ci_high,
    }


@router.get(
    "/report",
    auth=coordinator_auth,
    response={200: ReportOut, **ERRORS},
    summary="Change from baseline to latest (coordinators)",
    description="For one measure over a period: people, response rate, mean change with a "
    "95% confidence interval, in total and broken down by `breakdown` (`all`, `form`, "
    "`group`, `topic` or `period`). Dates as YYYY-MM-DD (the last 12 months by default). "
    "Any row describing fewer than 5 people is `suppressed`, with every figure null. 403 "
    "for anyone but a coordinator with two-factor set up.",
)
def report(request, measure: str = "", breakdown: str = "all", start: str = "", end: str = ""):
    measures = {found.key: found for found in Measure.objects.all()}
    key = choice_or_422(measure[:60], measures, "measure", f"Choose one of: {', '.join(measures)}.")
    choice_or_422(
        breakdown[:40],
        Breakdown.values,
        "breakdown",
        f"Choose one of: {', '.join(Breakdown.values)}.",
    )
    first, last = _period(start, end)
    found = measures[key]
    result = outcome_report(measure=found, start=first, end=last, breakdown=breakdown)
    definition = found.parsed
    return {
        "measure": found.key,
        "measure_name": found.name,
        "score_name": definition.score_name,
        "higher_is_better": definition.higher_is_better,
        "start": result.start,
        "end": result.end,
        "breakdown": result.breakdown,
        "total": _row_out(result.total),
        "rows": [_row_out(row) for row in result.rows],
        "empty_message": result.empty_message,
    }


@router.get(
    "/activity",
    auth=coordinator_auth,
    response={200: ActivityOut, **ERRORS},
    summary="Activity figures (coordinators)",
    description="People supported per form of support and in total, meetings and "
    "attendance, matches, waiting times, and community posts, for a period (dates as "
    "YYYY-MM-DD; the last 12 months by default). Figures about fewer than 5 people are null.",
)
def activity(request, start: str = "", end: str = ""):
    first, last = _period(start, end)
    figures = activity_figures(start=first, end=last)
    return {
        "start": figures.start,
        "end": figures.end,
        "people_by_form": figures.people_by_form,
        "people_in_total": figures.people_in_total,
        "meetings_held": figures.meetings_held,
        "attendances": figures.attendances,
        "mean_attendance": figures.mean_attendance,
        "matches_started": figures.matches_started,
        "matches_ended": figures.matches_ended,
        "median_wait_days": figures.median_wait_days,
        "people_waiting": figures.people_waiting,
        "posts": figures.posts,
        "threads_started": figures.threads_started,
        "threads_replied_within_24h": figures.threads_replied_within_24h,
    }
