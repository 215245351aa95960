"""/enquiries: "contact us" for anyone (signed in or not), and the coordinators' inbox.
Sending validates with the page's own form, so the messages are the same words. To
anyone who isn't a coordinator with two-factor set up, reading and updating are a 404."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from alongside.api.auth import ApiTokenAuth
from alongside.api.enquiries_schemas import (
    EnquiryCreatedOut,
    EnquiryIn,
    EnquiryOut,
    EnquiryPageOut,
    EnquiryUpdateIn,
    EntryIn,
    EntryOut,
)
from alongside.api.errors import FormErrors, choice_or_422
from alongside.api.paging import check_page_bounds, page_of
from alongside.api.safety_staff import check_id, person, staff_auth
from alongside.api.schemas import ERRORS, ErrorOut
from alongside.common.request_context import ip_from_meta
from alongside.community.permissions.roles import is_coordinator
from alongside.finder.validation import FinderInputError, answers_from_input
from alongside.safety.cases import LARGEST_ID
from alongside.safety.support import writer_support
from alongside.staff.actions import enquiries as actions
from alongside.staff.choices import EnquiryStatus, EnquiryTopic, EntryKind
from alongside.staff.forms_enquiries import (
    AssignForm,
    ContactForm,
    NoteForm,
    ReplyForm,
    StatusForm,
)
from alongside.staff.permissions import access_enquiry_by_id
from alongside.staff.selectors.enquiries import assignable_coordinators, enquiry_log, inbox

router = Router(tags=["enquiries"])


def _coordinators_only(user) -> None:
    if not is_coordinator(user):
        raise Http404("Not found.")


coordinator_auth = staff_auth(_coordinators_only)


class _SignedInSessionAuth(SessionAuth):
    """The browser session, when there is one; without one there's nothing for a CSRF
    check to protect, and the caller is simply anonymous."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


_SignedInSessionAuth.__name__ = SessionAuth.__name__


def _anyone(request):
    return AnonymousUser()


anyone_auth = [ApiTokenAuth(), _SignedInSessionAuth(), _anyone]


def _signed_in(request):
    user = request.auth
    return user if getattr(user, "is_authenticated", False) else None


# ---- Sending -------------------------------------------------------------------------------


def _form_data(payload: EnquiryIn) -> dict:
    data = payload.model_dump(exclude={"finder_answers", "ok_to_leave_message"})
    leave = payload.ok_to_leave_message
    data["ok_to_leave_message"] = "" if leave is None else ("yes" if leave else "no")
    return data


def _finder_answers(payload: EnquiryIn) -> dict | None:
    if payload.finder_answers is None:
        return None
    try:
        return answers_from_input(payload.finder_answers).to_dict()
    except FinderInputError as error:
        raise FormErrors.from_messages(
            {f"finder_answers.{field}": messages for field, messages in error.errors.items()}
        ) from error


def _check_rate(request, email: str) -> None:
    wait = actions.enquiry_rate_wait(
        client_ip=ip_from_meta(request.META), email=email, user=_signed_in(request)
    )
    if wait:
        raise HttpError(429, actions.too_many_message(wait))


@router.post(
    "",
    auth=anyone_auth,
    response={201: EnquiryCreatedOut, **ERRORS, 429: ErrorOut},
    summary="Contact the organisation",
    description="Anyone may send one, signed in or not (no CSRF token is needed without a "
    "session). The message is risk-checked: `safety` says what to show the sender at once. "
    "They are emailed an acknowledgement with the reference (never their message). "
    "422: fields to correct, in the contact form's words; 429: too many messages lately "
    "from this address or email (the message says how long to wait).",
)
def create_enquiry(request, payload: EnquiryIn):
    user = _signed_in(request)
    form = ContactForm(_form_data(payload), signed_in=user is not None)
    if not form.is_valid():
        raise FormErrors(form)
    finder_answers = _finder_answers(payload)
    _check_rate(request, form.cleaned_data["email"])
    try:
        enquiry = actions.submit_enquiry(
            **form.enquiry_fields(), finder_answers=finder_answers, user=user
        )
    except ValidationError as error:
        raise FormErrors.from_messages(error.message_dict) from error
    support = writer_support(user=request.user, risk=enquiry.risk, held=False)
    return Status(
        201,
        {
            "reference": enquiry.reference,
            "acknowledgement_sent": bool(actions.acknowledgement_address(enquiry)),
            "safety": support.as_dict() if support else None,
        },
    )


# ---- The coordinators' inbox ------------------------------------------------------------


def _summary(enquiry) -> dict:
    return {
        "id": enquiry.pk,
        "reference": enquiry.reference,
        "topic": enquiry.topic,
        "topic_label": enquiry.get_topic_display(),
        "status": enquiry.status,
        "risk_level": enquiry.risk_level,
        "assigned_to": person(enquiry.assigned_to),
        "created_at": enquiry.created_at,
        "closed_at": enquiry.closed_at,
    }


def _entry(entry) -> dict:
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "body": entry.body,
        "author": person(entry.author),
        "created_at": entry.created_at,
    }


def _detail(enquiry) -> dict:
    return {
        **_summary(enquiry),
        "message": enquiry.message,
        "name": enquiry.name,
        "email": enquiry.email,
        "phone": enquiry.phone,
        "contact_methods": list(enquiry.contact_methods or []),
        "ok_to_leave_message": enquiry.ok_to_leave_message,
        "best_times": enquiry.best_times,
        "finder_answers": enquiry.finder_answers or {},
        "member": person(enquiry.user),
        "entries": [_entry(entry) for entry in enquiry_log(enquiry)],
    }


def _choice(value: str, choices, field: str) -> str:
    """A filter's value: blank (no filter) or one of `choices`."""
    if value:
        choice_or_422(value, choices.values, field, f"Choose one of: {', '.join(choices.values)}.")
    return value


@router.get(
    "",
    auth=coordinator_auth,
    response={200: EnquiryPageOut, **ERRORS},
    summary="The enquiry inbox (coordinators)",
    description="Urgent open enquiries first, then concerns, then by status (new, in "
    "progress, waiting for their reply), oldest first. Closed ones only with "
    "`status=closed`. `assigned_to` filters by a coordinator's user id.",
)
def list_enquiries(
    request,
    status: str = "",
    topic: str = "",
    assigned_to: int | None = None,
    limit: int = 20,
    offset: int = 0,
):
    check_page_bounds(limit, offset)
    status = _choice(status[:40], EnquiryStatus, "status")
    topic = _choice(topic[:40], EnquiryTopic, "topic")
    queryset = inbox(status=status, topic=topic)
    if assigned_to is not None:
        if not 0 < assigned_to <= LARGEST_ID:
            raise FormErrors.from_messages({"assigned_to": ["Give a coordinator's user id."]})
        queryset = queryset.filter(assigned_to_id=assigned_to)
    return page_of(queryset, limit=limit, offset=offset, item=_summary)


@router.get(
    "/{enquiry_id}",
    auth=coordinator_auth,
    response={200: EnquiryOut, **ERRORS},
    summary="One enquiry, with its notes and replies (coordinators)",
    description="Reading it is recorded in the audit log.",
)
def get_enquiry(request, enquiry_id: int):
    enquiry = access_enquiry_by_id(user=request.auth, enquiry_id=check_id(enquiry_id))
    actions.record_enquiry_viewed(enquiry=enquiry, actor=request.auth)
    return _detail(enquiry)


@router.patch(
    "/{enquiry_id}",
    auth=coordinator_auth,
    response={200: EnquiryOut, **ERRORS},
    summary="Change an enquiry's status or who it is assigned to (coordinators)",
    description="Send `status`, `assigned_to` (a coordinator's id, or null for nobody), or "
    "both. Closing records when; any other status reopens it. The answer shows the whole "
    "enquiry, so it is recorded in the audit log as a read.",
)
def update_enquiry(request, enquiry_id: int, payload: EnquiryUpdateIn):
    enquiry = access_enquiry_by_id(user=request.auth, enquiry_id=check_id(enquiry_id))
    sent = payload.model_fields_set
    assign_form = status_form = None
    if "assigned_to" in sent:
        assign_form = AssignForm(
            {"assignee": payload.assigned_to or ""}, coordinators=assignable_coordinators()
        )
        if not assign_form.is_valid():
            raise FormErrors.from_messages({"assigned_to": assign_form.errors["assignee"]})
    if "status" in sent:
        status_form = StatusForm({"status": payload.status or ""})
        if not status_form.is_valid():
            raise FormErrors(status_form)
    with transaction.atomic():  # both changes, or neither
        if assign_form is not None:
            actions.assign_enquiry(
                enquiry=enquiry, assignee=assign_form.chosen_coordinator, actor=request.auth
            )
        if status_form is not None:
            actions.change_enquiry_status(
                enquiry=enquiry, status=status_form.cleaned_data["status"], actor=request.auth
            )
        actions.record_enquiry_viewed(enquiry=enquiry, actor=request.auth)
    return _detail(enquiry)


@router.post(
    "/{enquiry_id}/entries",
    auth=coordinator_auth,
    response={201: EntryOut, **ERRORS},
    summary="Add a note or log a reply (coordinators)",
    description="`note` is internal. `email_reply` is also emailed to them with the "
    "reference in the subject, and the enquiry then waits for their reply; `phone_call`, "
    "`text_message` and `their_reply` are logged only.",
)
def add_entry(request, enquiry_id: int, payload: EntryIn):
    enquiry = access_enquiry_by_id(user=request.auth, enquiry_id=check_id(enquiry_id))
    if payload.kind == EntryKind.NOTE:
        form = NoteForm({"body": payload.body})
    else:
        form = ReplyForm({"kind": payload.kind, "body": payload.body})
    if not form.is_valid():
        raise FormErrors(form)
    try:
        entry = actions.log_enquiry_reply(
            enquiry=enquiry,
            kind=payload.kind,
            body=form.cleaned_data["body"],
            actor=request.auth,
        )
    except ValidationError as error:
        raise FormErrors.from_messages(error.message_dict) from error
    entry.author = request.auth
    return Status(201, _entry(entry))
