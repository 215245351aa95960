"""/groups: the directory, starting and changing groups, joining and leaving, agreements,
a group's meetings and its requests to join. Input is checked by the same forms as the
pages; the groups and meetings actions make every change."""

from ninja import Router, Status
from ninja.errors import HttpError

from alongside.api.errors import FormErrors, form_as_input
from alongside.api.paging import check_page_bounds, page_of
from alongside.api.refusals import refusals_as_conflicts
from alongside.api.schemas import ERRORS, REFUSED
from alongside.api.schemas_groups import (
    AcceptAgreementIn,
    AgreementOut,
    GroupDetailOut,
    GroupIn,
    GroupPageOut,
    GroupPatch,
    JoinIn,
    JoinRequestOut,
    MeetingCreatedOut,
    MeetingIn,
    MembershipOut,
    OccurrencePageOut,
)
from alongside.api.serialise import group_summary, membership_out, occurrence_out
from alongside.groups import actions, permissions, selectors
from alongside.groups.choices import MembershipStatus
from alongside.groups.directory import directory_groups, with_page_details
from alongside.groups.filters import DirectoryFilterForm
from alongside.groups.forms import AgreementForm, GroupForm
from alongside.groups.models import Group
from alongside.meetings import selectors as meeting_selectors
from alongside.meetings.actions import schedule_meeting
from alongside.meetings.forms import MeetingForm
from alongside.meetings.permissions import check_schedule_meeting_permission

router = Router(tags=["groups"])
# ---- The directory and one group --------------------------------------------------------


@router.get(
    "/groups",
    response={200: GroupPageOut, **ERRORS},
    summary="The group directory",
    description="Active and paused groups, in name order, filtered as on the directory page. "
    "`day` is the ISO weekday (1 = Monday) of an upcoming meeting.",
)
def list_groups(
    request,
    q: str = "",
    kind: str = "",
    topic: str = "",
    mode: str = "",
    language: str = "",
    feature: str = "",
    day: str = "",
    limit: int = 20,
    offset: int = 0,
):
    check_page_bounds(limit, offset)
    form = DirectoryFilterForm(
        {
            "q": q,
            "kind": kind,
            "topic": topic,
            "mode": mode,
            "language": language,
            "feature": feature,
            "day": day,
        }
    )
    if not form.is_valid():
        raise FormErrors(form)
    groups = directory_groups(form.filters())
    page = with_page_details(list(groups.only("pk")[offset : offset + limit]))
    return {
        "count": groups.count(),
        "limit": limit,
        "offset": offset,
        "items": [group_summary(group) for group in page],
    }


def _group_detail(group: Group, user) -> dict:
    (group,) = with_page_details([group])
    membership = selectors.membership_of(group=group, user=user)
    is_member = membership is not None and membership.status == MembershipStatus.ACTIVE
    can_edit = permissions.can_edit_group(user, group)
    insider = is_member or can_edit
    agreement = selectors.current_agreement(group=group)
    return {
        **group_summary(group),
        "who_for": group.who_for,
        "agreement_version": agreement.version if agreement else None,
        "is_facilitator": selectors.is_facilitator(group=group, user=user),
        "can_edit": can_edit,
        "my_membership": membership_out(membership) if membership else None,
        "online_details": group.online_details if insider else None,
        "members": selectors.member_list(group=group) if insider else None,
    }


@router.get(
    "/groups/{slug}",
    response={200: GroupDetailOut, **ERRORS},
    summary="One group",
    description="A proposed or declined group is 404 to everyone but its proposer and "
    "coordinators.",
)
def read_group(request, slug: str):
    group = permissions.access_group_by_slug(user=request.auth, slug=slug)
    return _group_detail(group, request.auth)


# ---- Starting and changing a group ------------------------------------------------------


def _form_input(values: dict) -> dict:
    return {key: ("" if value is None else value) for key, value in values.items()}


@router.post(
    "/groups",
    response={201: GroupDetailOut, **ERRORS, **REFUSED},
    summary="Start a group",
    description="For coordinators and peer supporters. A peer supporter who starts a group "
    "facilitates it. Validation is the same as the page's.",
)
def create_group(request, payload: GroupIn):
    user = request.auth
    permissions.check_create_group_permission(user)
    data = payload.model_dump(exclude={"agreement"})
    if data["status"] is None:
        del data["status"]
    form = GroupForm(_form_input(data), can_set_status=permissions.is_coordinator(user))
    agreement_form = AgreementForm(payload.agreement.model_dump())
    valid = form.is_valid() & agreement_form.is_valid()
    if "status" in data and "status" not in form.fields:
        raise FormErrors.from_messages({"status": ["Only coordinators can set the status."]})
    if not valid:
        errors = FormErrors(form).errors
        errors.update(
            {
                f"agreement.{name}": messages
                for name, messages in FormErrors(agreement_form).errors.items()
            }
        )
        raise FormErrors.from_messages(errors)
    with refusals_as_conflicts():
        group = actions.create_group(
            actor=user, details=form.details(), agreement=agreement_form.terms()
        )
    return Status(201, _group_detail(group, user))


def _group_form_data(group: Group, *, can_set_status: bool) -> dict:
    """The group as GroupForm input, so a partial update validates exactly like the page."""
    return form_as_input(GroupForm(instance=group, can_set_status=can_set_status))


@router.patch(
    "/groups/{slug}",
    response={200: GroupDetailOut, **ERRORS, **REFUSED},
    summary="Change a group",
    description="For the group's facilitators and coordinators. Send only the fields to "
    "change; `status` is for coordinators.",
)
def update_group(request, slug: str, payload: GroupPatch):
    user = request.auth
    group = permissions.access_group_by_slug(user=user, slug=slug)
    permissions.check_edit_group_permission(user, group)
    can_set_status = permissions.is_coordinator(user)
    changes = payload.model_dump(exclude_unset=True)
    data = _group_form_data(group, can_set_status=can_set_status)
    if "status" in changes and "status" not in data:
        raise FormErrors.from_messages(
            {
                "status": [
                    "Only coordinators can change a running group's status. A proposed group "
                    "is approved or declined instead."
                ]
            }
        )
    data.update(_form_input(changes))
    form = GroupForm(_form_input(data), instance=group, can_set_status=can_set_status)
    if not form.is_valid():
        raise FormErrors(form)
    with refusals_as_conflicts():
        group = actions.update_group(group=group, actor=user, details=form.details())
    return _group_detail(group, user)


# ---- Joining, leaving and the agreement -------------------------------------------------


@router.get(
    "/groups/{slug}/agreement",
    response={200: AgreementOut, **ERRORS},
    summary="The group's current agreement",
    description="Read it before joining: joining sends back its version. 404 if the group "
    "hasn't written one yet.",
)
def read_agreement(request, slug: str):
    group = permissions.access_group_by_slug(user=request.auth, slug=slug)
    agreement = selectors.current_agreement(group=group)
    if agreement is None:
        raise HttpError(404, "This group hasn't written its agreement yet.")
    return agreement


@router.post(
    "/groups/{slug}/join",
    response={200: MembershipOut, **ERRORS, **REFUSED},
    summary="Join a group, or ask to join",
    description="`agreement_version` must be the current version of the group's agreement; "
    "if it changed since you read it, the answer is 409. A group joined by request answers "
    "with status `requested`.",
)
def join_group(request, slug: str, payload: JoinIn):
    user = request.auth
    group = permissions.access_group_by_slug(user=user, slug=slug)
    permissions.check_join_group_permission(user)
    with refusals_as_conflicts():
        membership = actions.join_group(
            group=group,
            user=user,
            accepted_version=payload.agreement_version,
            share_access_needs=payload.share_access_needs,
        )
    return membership_out(membership)


@router.post(
    "/groups/{slug}/leave",
    response={200: MembershipOut, **ERRORS, **REFUSED},
    summary="Leave a group, or withdraw a request to join",
    description="Your places at its meetings go to the people waiting.",
)
def leave_group(request, slug: str):
    user = request.auth
    group = permissions.access_group_by_slug(user=user, slug=slug)
    membership = selectors.membership_of(group=group, user=user)
    with refusals_as_conflicts():
        if membership is None:
            raise actions.GroupActionError("You aren't a member of this group.")
        membership = actions.leave_group(membership=membership)
    return membership_out(membership)


@router.post(
    "/groups/{slug}/agreement/accept",
    response={200: MembershipOut, **ERRORS, **REFUSED},
    summary="Accept the group's changed agreement",
    description="Members accept a changed agreement before their next meeting. `version` "
    "must be the current one.",
)
def accept_agreement(request, slug: str, payload: AcceptAgreementIn):
    user = request.auth
    group = permissions.access_group_by_slug(user=user, slug=slug)
    membership = selectors.membership_of(group=group, user=user)
    with refusals_as_conflicts():
        if membership is None:
            raise actions.GroupActionError("Only members of this group can accept its agreement.")
        membership = actions.accept_agreement(
            membership=membership, accepted_version=payload.version
        )
    return membership_out(membership)


# ---- A group's meetings -----------------------------------------------------------------


@router.get(
    "/groups/{slug}/meetings",
    response={200: OccurrencePageOut, **ERRORS},
    summary="The group's meetings to come",
    description="Soonest first, cancelled dates included. Join details are on "
    "GET /meetings/{occurrence_id}, for those who may see them.",
)
def list_group_meetings(request, slug: str, limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    group = permissions.access_group_by_slug(user=request.auth, slug=slug)
    occurrences = meeting_selectors.upcoming_for_group(group)
    return page_of(occurrences, limit=limit, offset=offset, item=occurrence_out)


def _meeting_form_input(payload: MeetingIn) -> dict:
    return _form_input(payload.model_dump())


@router.post(
    "/groups/{slug}/meetings",
    response={201: MeetingCreatedOut, **ERRORS, **REFUSED},
    summary="Arrange a meeting",
    description="For the group's facilitators and coordinators. A repeating meeting needs "
    "an end: `repeat_count` or `repeat_until`. Validation is the same as the page's.",
)
def schedule_group_meeting(request, slug: str, payload: MeetingIn):
    user = request.auth
    group = permissions.access_group_by_slug(user=user, slug=slug)
    check_schedule_meeting_permission(user, group)
    form = MeetingForm(_meeting_form_input(payload))
    if not form.is_valid():
        raise FormErrors(form)
    with refusals_as_conflicts():
        meeting = schedule_meeting(group=group, actor=user, **form.meeting_fields())
    occurrences = meeting_selectors.upcoming_for_group(group).filter(meeting=meeting)
    return Status(
        201,
        {
            "id": meeting.pk,
            "title": meeting.title,
            "rrule": meeting.rrule,
            "timezone": meeting.timezone,
            "occurrences": [occurrence_out(occurrence) for occurrence in occurrences],
        },
    )


# ---- Requests to join -------------------------------------------------------------------


@router.get(
    "/groups/{slug}/requests",
    response={200: list[JoinRequestOut], **ERRORS},
    summary="Requests to join, oldest first",
    description="For the group's facilitators and coordinators.",
)
def list_join_requests(request, slug: str):
    group = permissions.access_group_by_slug(user=request.auth, slug=slug)
    permissions.check_manage_membership_permission(request.auth, group)
    return [
        {
            "membership_id": membership.pk,
            "user_id": membership.user_id,
            "display_name": str(membership.user),
            "requested_at": membership.updated_at,
            "agreement_version": membership.agreement_version,
        }
        for membership in selectors.pending_join_requests(group=group)
    ]


def _answer_request(request, slug: str, membership_id: int, answer) -> dict:
    group = permissions.access_group_by_slug(user=request.auth, slug=slug)
    membership = permissions.access_membership_by_id(
        user=request.auth, group=group, membership_id=membership_id
    )
    with refusals_as_conflicts():
        membership = answer(membership=membership, actor=request.auth)
    return membership_out(membership)


@router.post(
    "/groups/{slug}/requests/{membership_id}/approve",
    response={200: MembershipOut, **ERRORS, **REFUSED},
    summary="Approve a request to join",
    description="For the group's facilitators and coordinators. 409 if the group is full "
    "or the request was already answered.",
)
def approve_join_request(request, slug: str, membership_id: int):
    return _answer_request(request, slug, membership_id, actions.approve_join_request)


@router.post(
    "/groups/{slug}/requests/{membership_id}/decline",
    response={200: MembershipOut, **ERRORS, **REFUSED},
    summary="Decline a request to join",
    description="For the group's facilitators and coordinators.",
)
def decline_join_request(request, slug: str, membership_id: int):
    return _answer_request(request, slug, membership_id, actions.decline_join_request)
