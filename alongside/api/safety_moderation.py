"""/safety for moderators: safety alerts, reports, held content and duty. The same
selectors, forms and actions as the moderation pages; to anyone who isn't a moderator
with two-factor authentication every endpoint here is a 404 (see safety_staff).

Lists never carry member-written text: that is only in an alert's or a report's own
endpoint, which records in the audit log when it shows a direct message, as the page does.
A refused action (someone else has claimed the item, it is already resolved, the content
is still held) is a 409 whose `detail` says why, and changes nothing."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from ninja import Router
from ninja.errors import HttpError

from alongside.accounts.models import Profile
from alongside.api.errors import FormErrors
from alongside.api.paging import check_page_bounds
from alongside.api.safety_schemas import (
    AlertDetailOut,
    AlertOut,
    AlertPageOut,
    DutyIn,
    DutyOut,
    EditIn,
    HeldPageOut,
    HideIn,
    QueueStatus,
    ReportDetailOut,
    ReportOut,
    ReportPageOut,
    ResolveIn,
)
from alongside.api.safety_staff import check_id, person, staff_auth
from alongside.api.schemas import ERRORS, REFUSED
from alongside.community.models import CopingComment, CopingStrategy, Message, Post
from alongside.matching.models import (
    CheckIn,
    MatchFeedback,
    MatchReflection,
    SupporterProfile,
    SupportRequest,
)
from alongside.safety.forms_moderation import EditContentForm, HideForm, ResolveForm
from alongside.safety.models import ALERT_TARGET_FIELDS, TARGET_FIELDS, ModeratorDuty
from alongside.safety.moderation import actions, queue
from alongside.safety.moderation.members import set_moderator_duty
from alongside.safety.moderation.signals import describe_signals
from alongside.safety.permissions import check_moderate_permission

router = Router(tags=["safety: moderation"], auth=staff_auth(check_moderate_permission))

LIST_ERRORS = {**ERRORS}
ACTION_ERRORS = {**ERRORS, **REFUSED}
QUEUE_STATUS_HELP = (
    "`active` (the default: open and claimed), `open` (nobody has claimed them), `claimed` "
    "or `resolved` (most recently resolved first)."
)


@contextmanager
def _refusals(renamed: dict | None = None):
    """A moderation refusal is a 409; an action's field messages are 422s beside the
    field (`renamed` maps the content's field names to the API's)."""
    try:
        yield
    except actions.ModerationError as error:
        raise HttpError(409, error.message) from error
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            errors = {(renamed or {}).get(k, k): v for k, v in error.message_dict.items()}
            raise FormErrors.from_messages(errors) from error
        raise HttpError(409, " ".join(error.messages)) from error


def _valid(form) -> dict:
    if not form.is_valid():
        raise FormErrors(form)
    return form.cleaned_data


# ---- Serialising -------------------------------------------------------------------------


def _signal_words(signal: str) -> str:
    """One signal in plain words, as the queue page words it (idioms folded together)."""
    return describe_signals([signal])[0]


def _alert_out(alert) -> dict:
    signals = [str(signal) for signal in alert.signals or ()]
    return {
        "id": alert.pk,
        "level": alert.level,
        "score": alert.score,
        "signals": [{"id": s, "description": _signal_words(s)} for s in signals],
        "signal_descriptions": describe_signals(signals),
        "detector_version": alert.detector_version,
        "status": alert.status,
        "target": alert.target,
        "target_id": getattr(alert, f"{ALERT_TARGET_FIELDS[alert.target]}_id"),
        "writer": person(alert.member),
        "created_at": alert.created_at,
        "claimed_by": person(alert.claimed_by),
        "claimed_at": alert.claimed_at,
        "escalated_at": alert.escalated_at,
        "resolved_by": person(alert.resolved_by) if alert.resolved_by_id else None,
        "resolved_at": alert.resolved_at,
    }


def _report_out(report) -> dict:
    return {
        "id": report.pk,
        "target": report.target,
        "target_id": getattr(report, f"{TARGET_FIELDS[report.target]}_id"),
        "reason": report.reason,
        "reason_label": report.get_reason_display(),
        "status": report.status,
        "reporter": person(report.reporter),
        "reported_member": person(report.reported_member),
        "created_at": report.created_at,
        "claimed_by": person(report.claimed_by),
        "claimed_at": report.claimed_at,
        "resolved_by": person(report.resolved_by) if report.resolved_by_id else None,
        "resolved_at": report.resolved_at,
    }


CONTENT_KINDS = {
    Post: "post",
    Message: "message",
    CopingStrategy: "coping_strategy",
    CopingComment: "coping_comment",
    Profile: "profile",
    SupportRequest: "support_request",
    SupporterProfile: "supporter_profile",
    CheckIn: "check_in",
    MatchFeedback: "match_feedback",
    MatchReflection: "match_reflection",
}
# The free text of each kind of content without editable fields, as (field, label).
NAMED_FIELDS = {
    SupportRequest: [
        ("about", "What they'd like support with"),
        ("access_needs_other", "What would help them take part"),
    ],
    SupporterProfile: [
        ("motivation", "Why they'd like to be a peer supporter"),
        ("experience", "Their experience"),
    ],
    CheckIn: [("notes", "Check-in notes")],
    MatchFeedback: [("comment", "Comment")],
    MatchReflection: [("text", "Reflection")],
}
PROFILE_FIELDS = [
    ("display_name", "Display name"),
    ("pronouns", "Pronouns"),
    ("would_like_to_receive", "What they would like to receive"),
    ("could_offer", "What they could offer"),
    ("access_needs_other", "Other access needs"),
]


def _content_fields(content) -> list[dict]:
    if isinstance(content, Profile):
        named = PROFILE_FIELDS
    elif type(content) in NAMED_FIELDS:
        named = NAMED_FIELDS[type(content)]
    else:
        named = [(field.name, field.label) for field in actions.editable_fields(content)]
        if isinstance(content, Post) and content.content_warning:
            named = [("content_warning", "Content warning"), *named]
    return [{"name": n, "label": label, "text": getattr(content, n, "")} for n, label in named]


def _content_out(content, *, status: str) -> dict:
    place = queue.place_of(content)
    return {
        "kind": CONTENT_KINDS.get(type(content), "content"),
        "id": content.pk,
        "name": actions.content_name(content),
        "status": status,
        "held": actions.is_held(content),
        "place": place.label,
        "url": place.url,
        "fields": _content_fields(content),
    }


def _history(**item) -> list[dict]:
    return [
        {
            "kind": action.kind,
            "label": action.get_kind_display(),
            "moderator": person(action.moderator),
            "reason": action.reason,
            "created_at": action.created_at,
        }
        for action in queue.history_of(**item)
    ]


def _brief_alerts(alerts) -> list[dict]:
    return [
        {"id": a.pk, "level": a.level, "status": a.status, "created_at": a.created_at}
        for a in alerts
    ]


def _alert_detail(alert) -> dict:
    content = alert.content
    status = actions.content_state(alert, content)
    return {
        **_alert_out(alert),
        "content": _content_out(content, status=status),
        "awaits_decision": actions.awaits_decision(alert, content),
        "can_edit": bool(actions.editable_fields(content)),
        "resolution_note": alert.resolution_note,
        "history": _history(alert=alert),
        "other_alerts": _brief_alerts(queue.other_alerts_for(alert)),
    }


def _report_detail(report) -> dict:
    content = None if report.member_id else report.reported_object
    return {
        **_report_out(report),
        "details": report.details,
        "content": _content_out(content, status=content.status) if content else None,
        "resolution_note": report.resolution_note,
        "history": _history(report=report),
        "content_alerts": _brief_alerts(queue.alerts_for_content(content)),
    }


def _page(rows, limit: int, offset: int, out) -> dict:
    check_page_bounds(limit, offset)
    count = len(rows) if isinstance(rows, list) else rows.count()
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [out(row) for row in rows[offset : offset + limit]],
    }


def _alert(request, alert_id: int):
    return queue.access_alert_by_id(user=request.auth, alert_id=check_id(alert_id))


def _report(request, report_id: int):
    return queue.access_report_by_id(user=request.auth, report_id=check_id(report_id))


# ---- Alerts ------------------------------------------------------------------------------


@router.get(
    "/alerts",
    response={200: AlertPageOut, **LIST_ERRORS},
    summary="Safety alerts, in queue order",
    description="Urgent first, then highest score, then oldest. `status`: "
    + QUEUE_STATUS_HELP
    + " No member-written text: read it from the alert's own endpoint.",
)
def list_alerts(request, status: QueueStatus = "active", limit: int = 25, offset: int = 0):
    return _page(queue.alerts_for_queue(status=status), limit, offset, _alert_out)


@router.get(
    "/alerts/{alert_id}",
    response={200: AlertDetailOut, **ERRORS},
    summary="One alert, with the content and its history",
    description="Reading an alert about a direct message is written to the audit log.",
)
def read_alert(request, alert_id: int):
    alert = _alert(request, alert_id)
    if actions.is_private_message(alert.content):
        actions.note_private_message_read(moderator=request.auth, alert=alert)
    return _alert_detail(alert)


def _alert_action(request, alert_id: int, act) -> dict:
    alert = _alert(request, alert_id)
    with _refusals():
        act(alert)
    return _alert_out(_alert(request, alert_id))


@router.post(
    "/alerts/{alert_id}/claim",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Claim an alert",
    description="409 if someone else has claimed it or it is resolved. Claiming your own "
    "again changes nothing.",
)
def claim_alert(request, alert_id: int):
    return _alert_action(
        request, alert_id, lambda alert: actions.claim_item(moderator=request.auth, item=alert)
    )


@router.post(
    "/alerts/{alert_id}/release",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Put an alert back in the queue",
    description="Its claimer may, and so may a coordinator. 409 otherwise.",
)
def release_alert(request, alert_id: int):
    return _alert_action(
        request, alert_id, lambda alert: actions.release_item(moderator=request.auth, item=alert)
    )


@router.post(
    "/alerts/{alert_id}/approve",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Show held content",
    description="Claim the alert first. The writer is told, without quoting. 409 if it isn't held.",
)
def approve_alert(request, alert_id: int):
    return _alert_action(
        request,
        alert_id,
        lambda alert: actions.approve_alert_content(moderator=request.auth, alert=alert),
    )


@router.post(
    "/alerts/{alert_id}/hide",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Hide the content from other members",
    description="Claim the alert first. `reason` is required, for the moderators' record; "
    "the writer is told it was hidden, not why.",
)
def hide_alert(request, alert_id: int, payload: HideIn):
    alert = _alert(request, alert_id)
    reason = _valid(HideForm(payload.model_dump()))["reason"]
    with _refusals():
        actions.hide_alert_content(moderator=request.auth, alert=alert, reason=reason)
    return _alert_out(_alert(request, alert_id))


def _edit_names(content) -> dict[str, str]:
    """The content's editable fields, by the API's name for each."""
    names = {field.name: field.name for field in actions.editable_fields(content)}
    main = "what_it_is" if isinstance(content, CopingStrategy) else "body"
    if main in names:
        names["text"] = names.pop(main)
    return names


@router.post(
    "/alerts/{alert_id}/edit",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Rewrite the content",
    description="Claim the alert first. The new text goes through the same checks and "
    "limits as a member's; the writer is told it was edited. `title` and `when_it_helps` "
    "are for coping strategies only. A profile can't be edited (409): approve or hide it.",
)
def edit_alert(request, alert_id: int, payload: EditIn):
    alert = _alert(request, alert_id)
    content = alert.content
    names = _edit_names(content)
    sent = payload.model_dump(exclude={"reason"}, exclude_none=True)
    unused = {
        api_name: [f"A {actions.content_name(content)} has no {api_name.replace('_', ' ')}."]
        for api_name in sent
        if names and api_name not in names
    }
    if unused:
        raise FormErrors.from_messages(unused)
    fields = actions.editable_fields(content)
    data = {"reason": payload.reason}
    for api_name, field_name in names.items():
        data[field_name] = sent.get(api_name, getattr(content, field_name))
    form = EditContentForm(data, fields=fields, content=content)
    renamed = {field_name: api_name for api_name, field_name in names.items()}
    if not form.is_valid():
        raise FormErrors.from_messages(
            {renamed.get(k, k): [str(m) for m in v] for k, v in form.errors.items()}
        )
    with _refusals(renamed):
        actions.edit_alert_content(
            moderator=request.auth,
            alert=alert,
            changes=form.changes(),
            reason=form.cleaned_data["reason"],
        )
    return _alert_out(_alert(request, alert_id))


@router.post(
    "/alerts/{alert_id}/resolve",
    response={200: AlertOut, **ACTION_ERRORS},
    summary="Resolve an alert with a note",
    description="Claim it first. Held content must be approved or hidden first (409).",
)
def resolve_alert(request, alert_id: int, payload: ResolveIn):
    alert = _alert(request, alert_id)
    note = _valid(ResolveForm(payload.model_dump()))["note"]
    with _refusals():
        actions.resolve_alert(moderator=request.auth, alert=alert, note=note)
    return _alert_out(_alert(request, alert_id))


# ---- Reports -----------------------------------------------------------------------------


@router.get(
    "/reports",
    response={200: ReportPageOut, **LIST_ERRORS},
    summary="Members' reports, oldest first",
    description="`status`: "
    + QUEUE_STATUS_HELP
    + " No member-written text: read it from the report's own endpoint.",
)
def list_reports(request, status: QueueStatus = "active", limit: int = 25, offset: int = 0):
    return _page(queue.reports_for_queue(status=status), limit, offset, _report_out)


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, **ERRORS},
    summary="One report, with what was reported and its history",
    description="Reading a report about a direct message is written to the audit log.",
)
def read_report(request, report_id: int):
    report = _report(request, report_id)
    if report.message_id and actions.is_private_message(report.message):
        actions.note_private_message_read(moderator=request.auth, report=report)
    return _report_detail(report)


def _report_action(request, report_id: int, act) -> dict:
    report = _report(request, report_id)
    with _refusals():
        act(report)
    return _report_out(_report(request, report_id))


@router.post(
    "/reports/{report_id}/claim",
    response={200: ReportOut, **ACTION_ERRORS},
    summary="Claim a report",
    description="409 if someone else has claimed it or it is resolved.",
)
def claim_report(request, report_id: int):
    return _report_action(
        request, report_id, lambda report: actions.claim_item(moderator=request.auth, item=report)
    )


@router.post(
    "/reports/{report_id}/release",
    response={200: ReportOut, **ACTION_ERRORS},
    summary="Put a report back in the queue",
    description="Its claimer may, and so may a coordinator. 409 otherwise.",
)
def release_report(request, report_id: int):
    return _report_action(
        request,
        report_id,
        lambda report: actions.release_item(moderator=request.auth, item=report),
    )


@router.post(
    "/reports/{report_id}/hide",
    response={200: ReportOut, **ACTION_ERRORS},
    summary="Hide the reported content",
    description="Claim the report first. `reason` is required. 409 for a report about a "
    "member (there is nothing to hide) or content already hidden.",
)
def hide_report(request, report_id: int, payload: HideIn):
    report = _report(request, report_id)
    reason = _valid(HideForm(payload.model_dump()))["reason"]
    with _refusals():
        actions.hide_reported_content(moderator=request.auth, report=report, reason=reason)
    return _report_out(_report(request, report_id))


@router.post(
    "/reports/{report_id}/resolve",
    response={200: ReportOut, **ACTION_ERRORS},
    summary="Resolve a report with a note",
    description="Claim it first. The member who reported it is thanked, without details.",
)
def resolve_report(request, report_id: int, payload: ResolveIn):
    report = _report(request, report_id)
    note = _valid(ResolveForm(payload.model_dump()))["note"]
    with _refusals():
        actions.resolve_report(moderator=request.auth, report=report, note=note)
    return _report_out(_report(request, report_id))


# ---- Held content and duty ---------------------------------------------------------------


def _held_out(item) -> dict:
    return {
        "kind": CONTENT_KINDS.get(type(item.content), "content"),
        "id": item.content.pk,
        "writer": person(item.writer),
        "held_since": item.held_since,
        "alert_id": item.alert.pk if item.alert else None,
        "alert_level": item.alert.level if item.alert else None,
    }


@router.get(
    "/held",
    response={200: HeldPageOut, **LIST_ERRORS},
    summary="Content held for a moderator",
    description="Oldest first, with the alert each belongs to. No member-written text: "
    "read it from the alert's endpoint.",
)
def list_held(request, limit: int = 25, offset: int = 0):
    return _page(queue.held_content(), limit, offset, _held_out)


@router.get("/duty", response={200: DutyOut, **ERRORS}, summary="Whether you are on duty")
def read_duty(request):
    duty = ModeratorDuty.objects.filter(moderator=request.auth).first()
    return {"on_duty": bool(duty and duty.on_duty)}


@router.post(
    "/duty",
    response={200: DutyOut, **ERRORS},
    summary="Go on or off duty",
    description="On-duty moderators are told (by email and in the app) about an urgent "
    "alert nobody has claimed for five minutes.",
)
def change_duty(request, payload: DutyIn):
    duty = set_moderator_duty(moderator=request.auth, on_duty=payload.on_duty)
    return {"on_duty": duty.on_duty}
