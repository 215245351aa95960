"""/safety/cases: safeguarding cases, for moderators and coordinators with two-factor
authentication. To everyone else, and to the member a case is about, every endpoint here
is a 404 whether or not the case exists (see safety_staff).

The same selectors, forms and actions as the case pages, and the same audit of reading:
every list is written to the audit log with the ids it showed, and every response that
shows a case (reading it, or the case as it stands after an action, as the page shows it
after one) is written as a view. A refusal that depends on the case (it is closed, the
member already has an open case) is a 409 that says why, and changes nothing."""

from contextlib import contextmanager
from typing import Literal

from ninja import Router, Status
from ninja.errors import HttpError

from alongside.api.errors import FormErrors
from alongside.api.paging import check_page_bounds
from alongside.api.safety_schemas import (
    CaseDetailOut,
    CaseEntryIn,
    CaseIn,
    CasePageOut,
    CloseCaseIn,
    LinkAlertIn,
)
from alongside.api.safety_staff import check_id, person, staff_auth
from alongside.api.schemas import ERRORS, REFUSED
from alongside.safety import cases
from alongside.safety.cases import LARGEST_ID, CaseError
from alongside.safety.choices import CaseEntryKind
from alongside.safety.forms_cases import (
    CaseEntryForm,
    CaseOpenForm,
    CloseCaseForm,
    LinkAlertForm,
)
from alongside.safety.permissions import check_safeguarding_permission

router = Router(tags=["safety: cases"], auth=staff_auth(check_safeguarding_permission))

ACTION_ERRORS = {**ERRORS, **REFUSED}
CASE_SHOWN = " The case is returned as it now stands, and that is written to the audit log."


@contextmanager
def _refusals():
    try:
        yield
    except CaseError as error:
        raise HttpError(409, " ".join(error.messages)) from error


def _valid(form, renamed: dict | None = None) -> dict:
    if not form.is_valid():
        raise FormErrors.from_messages(
            {(renamed or {}).get(k, k): [str(m) for m in v] for k, v in form.errors.items()}
        )
    return form.cleaned_data


def _in_range(value: int | None) -> bool:
    return value is None or 0 < value <= LARGEST_ID


def _brief_alert(alert) -> dict:
    return {
        "id": alert.pk,
        "level": alert.level,
        "status": alert.status,
        "created_at": alert.created_at,
    }


def _case_summary(case) -> dict:
    return {
        "id": case.pk,
        "member": person(case.member),
        "opened_by": person(case.opened_by),
        "status": case.status,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
        "alert_count": case.alert_count,
        "entry_count": case.entry_count,
    }


def _shown(request, case) -> dict:
    """The case in full, for the caller; written to the audit log as a view."""
    data = {
        "id": case.pk,
        "member": person(case.member),
        "opened_by": person(case.opened_by),
        "status": case.status,
        "summary": case.summary,
        "outcome": case.outcome,
        "closed_by": person(case.closed_by),
        "closed_at": case.closed_at,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "alerts": [_brief_alert(alert) for alert in cases.case_alerts(case)],
        "entries": [
            {
                "id": entry.pk,
                "kind": entry.kind,
                "text": entry.text,
                "author": person(entry.author),
                "happened_at": entry.happened_at,
                "created_at": entry.created_at,
            }
            for entry in cases.case_entries(case)
        ],
        "linkable_alerts": [_brief_alert(alert) for alert in cases.linkable_alerts(case)],
    }
    cases.note_case_viewed(viewer=request.auth, case=case)
    return data


def _case(request, case_id: int):
    return cases.access_case_by_id(viewer=request.auth, case_id=check_id(case_id))


@router.get(
    "/cases",
    response={200: CasePageOut, **ERRORS},
    summary="Safeguarding cases",
    description="Open cases first, then by latest activity. Filter by `status` (open or "
    "closed; empty or left out for both) and `member_id`. Every list is written to the "
    "audit log with the cases it showed.",
)
def list_cases(
    request,
    status: Literal["", "open", "closed"] = "",
    member_id: int | None = None,
    limit: int = 25,
    offset: int = 0,
):
    check_page_bounds(limit, offset)
    if not _in_range(member_id):
        raise FormErrors.from_messages({"member_id": ["No member has that id."]})
    filters = {"status": status, "member_id": member_id}
    rows = cases.cases_for_list(viewer=request.auth, **filters)
    count = rows.count()
    shown = list(rows[offset : offset + limit])
    cases.note_cases_listed(
        viewer=request.auth, cases=shown, filters={**filters, "limit": limit, "offset": offset}
    )
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [_case_summary(case) for case in shown],
    }


def _member_and_alert(request, payload: CaseIn):
    """Who the case is about, and the alert it starts from, as the page works them out;
    each problem is a message beside the field it is about."""
    errors = {}
    if not _in_range(payload.member_id):
        errors["member_id"] = ["No member has that id."]
    if not _in_range(payload.alert_id):
        errors["alert_id"] = ["No alert has that id."]
    if errors:
        raise FormErrors.from_messages(errors)
    member_id, alert = payload.member_id, None
    if payload.alert_id is not None:
        alert = cases.alert_by_id(alert_id=payload.alert_id)
        if alert is None:
            raise FormErrors.from_messages({"alert_id": ["No alert has that id."]})
        if member_id is None:
            member_id = alert.member_id
        elif alert.member_id != member_id:
            raise FormErrors.from_messages(
                {"alert_id": ["That alert is about a different member."]}
            )
    if member_id is None:
        raise FormErrors.from_messages(
            {"member_id": ["Say who the case is about: give member_id, or an alert_id."]}
        )
    member = cases.member_for_case(member_id=member_id)
    if member is None:
        raise FormErrors.from_messages({"member_id": ["No member has that id."]})
    if member.pk == request.auth.pk:
        raise FormErrors.from_messages(
            {"member_id": ["You can't open a case about yourself. Ask another moderator."]}
        )
    return member, alert


@router.post(
    "/cases",
    response={201: CaseDetailOut, **ACTION_ERRORS},
    summary="Open a case about a member",
    description="Give `member_id`, or `alert_id` (the alert's member), or both. 409 if the "
    "member already has an open case (the message names it)." + CASE_SHOWN,
)
def open_case(request, payload: CaseIn):
    summary = _valid(CaseOpenForm({"summary": payload.summary}))["summary"]
    member, alert = _member_and_alert(request, payload)
    with _refusals():
        case = cases.open_case(actor=request.auth, member=member, summary=summary, alert=alert)
    return Status(201, _shown(request, _case(request, case.pk)))


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **ERRORS},
    summary="One case, with its alerts and entries",
    description="Every read is written to the audit log.",
)
def read_case(request, case_id: int):
    return _shown(request, _case(request, case_id))


@router.post(
    "/cases/{case_id}/entries",
    response={201: CaseDetailOut, **ACTION_ERRORS},
    summary="Add a note, an action taken or a contact made",
    description="`happened_at` is for a contact only, and required for one; it can't be "
    "in the future. 409 if the case is closed." + CASE_SHOWN,
)
def add_entry(request, case_id: int, payload: CaseEntryIn):
    case = _case(request, case_id)
    kind = CaseEntryKind(payload.kind)
    if kind != CaseEntryKind.CONTACT and payload.happened_at is not None:
        raise FormErrors.from_messages(
            {"happened_at": ["Only a contact has a time it happened. Leave this out."]}
        )
    data = {f"{kind.value}-text": payload.text, f"{kind.value}-happened_at": payload.happened_at}
    cleaned = _valid(CaseEntryForm(data, kind=kind))
    with _refusals():
        cases.add_entry(
            actor=request.auth,
            case=case,
            kind=kind,
            text=cleaned["text"],
            happened_at=cleaned.get("happened_at"),
        )
    return Status(201, _shown(request, _case(request, case_id)))


@router.post(
    "/cases/{case_id}/alerts",
    response={200: CaseDetailOut, **ACTION_ERRORS},
    summary="Link an alert to a case",
    description="One of the member's unresolved alerts that isn't linked yet (see "
    "`linkable_alerts`). 409 if the case is closed." + CASE_SHOWN,
)
def link_alert(request, case_id: int, payload: LinkAlertIn):
    case = _case(request, case_id)
    linkable = cases.linkable_alerts(case)
    form = LinkAlertForm({"alert": payload.alert_id}, alerts=linkable)
    if not _in_range(payload.alert_id) or not form.is_valid():
        raise FormErrors.from_messages(
            {
                "alert_id": [
                    "That alert can't be linked to this case: choose one of the member's "
                    "unresolved alerts that isn't linked yet."
                ]
            }
        )
    with _refusals():
        cases.link_alert(actor=request.auth, case=case, alert=form.cleaned_data["alert"])
    return _shown(request, _case(request, case_id))


@router.post(
    "/cases/{case_id}/close",
    response={200: CaseDetailOut, **ACTION_ERRORS},
    summary="Close a case with its outcome",
    description="409 if it is already closed." + CASE_SHOWN,
)
def close_case(request, case_id: int, payload: CloseCaseIn):
    case = _case(request, case_id)
    outcome = _valid(CloseCaseForm({"outcome": payload.outcome}))["outcome"]
    with _refusals():
        cases.close_case(actor=request.auth, case=case, outcome=outcome)
    return _shown(request, _case(request, case_id))


@router.post(
    "/cases/{case_id}/reopen",
    response={200: CaseDetailOut, **ACTION_ERRORS},
    summary="Reopen a closed case",
    description="The outcome it was closed with is kept as a note. 409 if it is open, or "
    "the member has another open case." + CASE_SHOWN,
)
def reopen_case(request, case_id: int):
    case = _case(request, case_id)
    with _refusals():
        cases.reopen_case(actor=request.auth, case=case)
    return _shown(request, _case(request, case_id))
