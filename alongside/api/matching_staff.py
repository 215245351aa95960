"""/matching for coordinators: the waiting list, suggestions and proposals, matching runs,
supporters' onboarding, every match, and the matching weights. To anyone who isn't a
coordinator with two-factor authentication every endpoint here is a 404, as the staff
pages are (see safety_staff.staff_auth)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from ninja import Router, Status

from alongside.api.errors import FormErrors, choice_or_422
from alongside.api.matching_input import (
    Errors,
    clean_kind,
    clean_request_input,
    refusals,
)
from alongside.api.matching_output import (
    match_out,
    request_out,
)
from alongside.api.matching_schemas import MatchOut, RequestForMemberIn, RequestOut
from alongside.api.matching_staff_schemas import (
    ProposeIn,
    RunListOut,
    RunOut,
    SentRunOut,
    SettingsIo,
    SuggestionsOut,
    WaitingPageOut,
)
from alongside.api.paging import check_page_bounds
from alongside.api.safety_staff import check_id, person, staff_auth
from alongside.api.schemas import ERRORS, REFUSED
from alongside.matching import engine, permissions, selectors_people
from alongside.matching.actions import proposals, runs, weights
from alongside.matching.actions import requests as request_actions
from alongside.matching.choices import (
    RequestSource,
)
from alongside.matching.models import MatchingRun
from alongside.matching.waiting import EngineInputs, why_waiting

router = Router(
    tags=["matching: coordinators"],
    auth=staff_auth(permissions.check_coordinate_matching_permission),
)

ACTION_ERRORS = {**ERRORS, **REFUSED}
SUGGESTION_LIMIT = 5


def _people(user_ids) -> dict[int, dict]:
    users = get_user_model().objects.select_related("profile").filter(pk__in=set(user_ids))
    return {user.pk: person(user) for user in users}


def _waiting_days(support_request) -> int:
    return (timezone.now() - support_request.waiting_since).days


# ---- The waiting list and suggestions ----------------------------------------------------


@router.get(
    "/waiting-list",
    response={200: WaitingPageOut, **ERRORS},
    summary="Everyone waiting for a match",
    description="Oldest first. `reason` says in plain words why they are still waiting: "
    "what rules everyone out, or, when someone fits, that a matching run hasn't paired them yet.",
)
def waiting_list(request, limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    waiting = selectors_people.waiting_list()
    page = list(waiting.prefetch_related("topics")[offset : offset + limit])
    inputs = EngineInputs.load()
    items = []
    for support_request in page:
        reason = why_waiting(support_request, inputs)
        items.append(
            {
                "request": request_out(support_request),
                "member": person(support_request.member),
                "waiting_days": _waiting_days(support_request),
                "reason": reason,
            }
        )
    return {"count": waiting.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/requests/for-member",
    response={201: RequestOut, **ACTION_ERRORS},
    summary="Enter a request for a member",
    description="From an enquiry or a referral; checked as the member's own request is. "
    "409 if they already have an open request of that kind.",
)
def create_request_for_member(request, payload: RequestForMemberIn):
    values = payload.model_dump()
    source = choice_or_422(
        values.pop("source"),
        (RequestSource.ENQUIRY, RequestSource.REFERRAL),
        "source",
        "Choose enquiry or referral.",
    )
    member_id = values.pop("member_id")
    member = None
    if 0 < member_id < 2**31:
        member = get_user_model().objects.filter(pk=member_id, is_active=True).first()
    if member is None:
        raise FormErrors.from_messages({"member_id": ["There's no member with that id."]})
    values["kind"] = clean_kind(values["kind"])
    data = clean_request_input(values)
    with refusals():
        created = request_actions.create_support_request(
            member=member, actor=request.auth, data=data, source=source
        )
    return Status(201, request_out(created))


def _request(request, request_id: int):
    return permissions.access_support_request_by_id(
        user=request.auth, request_id=check_id(request_id)
    )


@router.get(
    "/requests/{request_id}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    summary="The best five supporters for a request",
    description="Best first, each with its score and why it fits. None means nobody fits "
    "now: `reason` says why.",
)
def suggestions(request, request_id: int):
    support_request = _request(request, request_id)
    facts = engine.request_facts(support_request)
    inputs = EngineInputs.load(kind=support_request.kind)
    found = inputs.suggest(facts, limit=SUGGESTION_LIMIT)
    people = _people(p.supporter_id for p in found)
    items = [
        {"supporter": people[p.supporter_id], "score": p.score, "explanation": p.explanation}
        for p in found
        if p.supporter_id in people
    ]
    reason = "" if items else inputs.explain(facts)
    return {"items": items, "reason": reason}


@router.post(
    "/requests/{request_id}/propose",
    response={201: MatchOut, **ACTION_ERRORS},
    summary="Propose a supporter for a request",
    description="Both are told. 409, saying why, if the request isn't waiting or the "
    "supporter can't take it (full, taking a break, on hold, blocked for this person).",
)
def propose(request, request_id: int, payload: ProposeIn):
    support_request = _request(request, request_id)
    supporter = None
    if 0 < payload.supporter_id < 2**31:
        supporter = get_user_model().objects.filter(pk=payload.supporter_id, is_active=True).first()
    if supporter is None:
        raise FormErrors.from_messages({"supporter_id": ["There's no supporter with that id."]})
    with refusals():
        match = proposals.propose_match(
            support_request=support_request, supporter=supporter, actor=request.auth
        )
    return Status(201, match_out(match, request.auth))


# ---- Matching runs -----------------------------------------------------------------------


def _run_out(run: MatchingRun, people: dict | None = None) -> dict:
    people = people if people is not None else _people([run.created_by_id])
    return {
        "id": run.pk,
        "status": run.status,
        "created_at": run.created_at,
        "created_by": people.get(run.created_by_id),
        "request_count": run.request_count,
        "supporter_count": run.supporter_count,
        "total_score": run.total_score,
        "seconds": run.seconds,
        "sent_at": run.sent_at,
        "proposals": [
            {
                "request_id": p["request"],
                "supporter_id": p["supporter"],
                "score": p["score"],
                "explanation": p["explanation"],
            }
            for p in run.proposals
        ],
    }


def _run(request, run_id: int) -> MatchingRun:
    return permissions.access_matching_run_by_id(user=request.auth, run_id=check_id(run_id))


@router.post(
    "/runs",
    response={201: RunOut, **ACTION_ERRORS},
    summary="Preview a matching run",
    description="The solver proposes the best pairs for everyone waiting; nothing is sent "
    "until you send the run. 409 if nobody is waiting or no supporter has a free place.",
)
def preview_run(request):
    with refusals():
        run = runs.preview_matching_run(actor=request.auth)
    return Status(201, _run_out(run))


@router.get(
    "/runs",
    response={200: RunListOut, **ERRORS},
    summary="Matching runs",
    description="Newest first.",
)
def list_runs(request, limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    found = MatchingRun.objects.all()
    page = list(found[offset : offset + limit])
    people = _people(run.created_by_id for run in page)
    return {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "items": [_run_out(run, people) for run in page],
    }


@router.get("/runs/{run_id}", response={200: RunOut, **ERRORS}, summary="One matching run")
def read_run(request, run_id: int):
    return _run_out(_run(request, run_id))


@router.post(
    "/runs/{run_id}/send",
    response={200: SentRunOut, **ACTION_ERRORS},
    summary="Send a previewed run",
    description="Makes every proposal at once, or none: if anything changed since the "
    "preview this is a 409 that says what, and you should run matching again.",
)
def send_run(request, run_id: int):
    run = _run(request, run_id)
    with refusals():
        made = runs.send_matching_run(run=run, actor=request.auth)
    run.refresh_from_db()
    return {"run": _run_out(run), "match_ids": [m.pk for m in made]}


@router.post(
    "/runs/{run_id}/discard",
    response={200: RunOut, **ACTION_ERRORS},
    summary="Discard a previewed run",
)
def discard_run(request, run_id: int):
    run = _run(request, run_id)
    with refusals():
        run = runs.discard_matching_run(run=run, actor=request.auth)
    return _run_out(run)


# ---- Settings ----------------------------------------------------------------------------

WEIGHT_NAMES = ("topics", "text", "availability", "distance", "waiting")


def _settings_out(row) -> dict:
    return {
        **{name: getattr(row, f"weight_{name}") for name in WEIGHT_NAMES},
        "min_overlap_minutes": row.min_overlap_minutes,
    }


@router.get("/settings", response={200: SettingsIo, **ERRORS}, summary="The matching weights")
def read_settings(request):
    return _settings_out(selectors_people.matching_settings())


@router.put(
    "/settings",
    response={200: SettingsIo, **ACTION_ERRORS},
    summary="Change the matching weights",
    description="Each weight 0 to 100, not all zero; minimum weekly overlap 30 to 1,440 minutes.",
)
def save_settings(request, payload: SettingsIo):
    errors = Errors()
    values = payload.model_dump()
    for name in WEIGHT_NAMES:
        if not 0 <= values[name] <= 100:
            errors.add(name, "Choose a weight from 0 to 100.")
    if not errors.messages and not any(values[name] for name in WEIGHT_NAMES):
        errors.add("__all__", "Give at least one weight more than 0.")
    if not 30 <= values["min_overlap_minutes"] <= 1440:
        errors.add("min_overlap_minutes", "Choose between 30 and 1,440 minutes.")
    errors.raise_any()
    weights_in = {f"weight_{name}": values[name] for name in WEIGHT_NAMES}
    weights_in["min_overlap_minutes"] = values["min_overlap_minutes"]
    with refusals():
        row = weights.update_matching_settings(actor=request.auth, weights=weights_in)
    return _settings_out(row)
