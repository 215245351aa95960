"""/matching for coordinators: supporters' onboarding and every match. Like the rest of
alongside.api.matching_staff, a 404 to anyone who isn't a coordinator with two-factor
authentication."""

from django.utils import timezone
from ninja import Router, Status

from alongside.api.errors import choice_or_422
from alongside.api.matching_input import (
    Errors,
    refusals,
)
from alongside.api.matching_output import (
    match_out,
    request_out,
    staff_match_out,
    staff_supporter_out,
)
from alongside.api.matching_schemas import MatchOut, RequestOut
from alongside.api.matching_staff_schemas import (
    BlockIn,
    CancelIn,
    DecisionIn,
    HoldIn,
    OnboardingIn,
    StaffMatchPageOut,
    StaffSupporterOut,
    StaffSupporterPageOut,
    TrainingIn,
    TrainingOut,
)
from alongside.api.paging import check_page_bounds, page_of
from alongside.api.safety_staff import check_id, staff_auth
from alongside.api.schemas import ERRORS, REFUSED
from alongside.matching import permissions, selectors, selectors_people
from alongside.matching.actions import blocks, endings, proposals
from alongside.matching.actions import supporters as supporter_actions
from alongside.matching.choices import (
    BackgroundCheck,
    BlockReason,
    MatchStatus,
    SupporterStatus,
)

router = Router(
    tags=["matching: coordinators"],
    auth=staff_auth(permissions.check_coordinate_matching_permission),
)

ACTION_ERRORS = {**ERRORS, **REFUSED}


# ---- Supporters --------------------------------------------------------------------------


def _supporter(request, profile_id: int):
    return permissions.access_supporter_profile_by_id(
        user=request.auth, profile_id=check_id(profile_id)
    )


def _supporter_out(profile) -> dict:
    return staff_supporter_out(profile, live_matches=selectors_people.live_matches_of(profile))


@router.get(
    "/supporters",
    response={200: StaffSupporterPageOut, **ERRORS},
    summary="Supporters and applications",
    description="`status` filters: applied, approved, declined or withdrawn.",
)
def list_supporters(request, status: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    if status:
        choice_or_422(
            status,
            SupporterStatus.values,
            "status",
            "Choose applied, approved, declined or withdrawn.",
        )
    found = selectors_people.supporters_for_coordinator(status=status or None)
    return page_of(found, limit=limit, offset=offset, item=_supporter_out)


@router.get(
    "/supporters/{profile_id}",
    response={200: StaffSupporterOut, **ERRORS},
    summary="One supporter's onboarding record",
)
def read_supporter(request, profile_id: int):
    return _supporter_out(_supporter(request, profile_id))


@router.post(
    "/supporters/{profile_id}/onboarding",
    response={200: StaffSupporterOut, **ACTION_ERRORS},
    summary="Record the interview and background check",
    description="The background check is its status and date only: never the certificate.",
)
def record_onboarding(request, profile_id: int, payload: OnboardingIn):
    profile = _supporter(request, profile_id)
    choice_or_422(
        payload.background_check,
        BackgroundCheck.values,
        "background_check",
        "Choose not_required, pending, clear or not_clear.",
    )
    errors = Errors()
    today = timezone.localdate()
    for field in ("interviewed_on", "background_checked_on"):
        value = getattr(payload, field)
        if value is not None and value > today:
            errors.add(field, "Choose today or a day in the past.")
    errors.raise_any()
    with refusals():
        saved = supporter_actions.record_onboarding(
            profile=profile, actor=request.auth, **payload.model_dump()
        )
    return _supporter_out(saved)


@router.post(
    "/supporters/{profile_id}/training",
    response={201: TrainingOut, **ACTION_ERRORS},
    summary="Record a training course",
)
def add_training(request, profile_id: int, payload: TrainingIn):
    profile = _supporter(request, profile_id)
    errors = Errors()
    name = payload.course_name.strip()
    if not name:
        errors.add("course_name", "Give the course's name.")
    elif len(name) > 120:
        errors.add("course_name", "Please shorten the course name to 120 characters or fewer.")
    if payload.completed_on > timezone.localdate():
        errors.add("completed_on", "Choose today or a day in the past.")
    errors.raise_any()
    with refusals():
        record = supporter_actions.add_training(
            profile=profile, actor=request.auth, course_name=name, completed_on=payload.completed_on
        )
    return Status(
        201,
        {"id": record.pk, "course_name": record.course_name, "completed_on": record.completed_on},
    )


@router.post(
    "/supporters/{profile_id}/approve",
    response={200: StaffSupporterOut, **ACTION_ERRORS},
    summary="Approve a supporter",
    description="409, saying what is missing, without an interview date, without training, "
    "or while the background check is pending or not clear.",
)
def approve(request, profile_id: int, payload: DecisionIn):
    profile = _supporter(request, profile_id)
    with refusals():
        saved = supporter_actions.approve_supporter(
            profile=profile, actor=request.auth, note=payload.note
        )
    return _supporter_out(saved)


@router.post(
    "/supporters/{profile_id}/decline",
    response={200: StaffSupporterOut, **ACTION_ERRORS},
    summary="Decline an application",
)
def decline(request, profile_id: int, payload: DecisionIn):
    profile = _supporter(request, profile_id)
    with refusals():
        saved = supporter_actions.decline_supporter(
            profile=profile, actor=request.auth, note=payload.note
        )
    return _supporter_out(saved)


@router.post(
    "/supporters/{profile_id}/hold",
    response={200: StaffSupporterOut, **ACTION_ERRORS},
    summary="Put on or lift a safeguarding hold",
    description="While on hold, nobody new is proposed to the supporter.",
)
def hold(request, profile_id: int, payload: HoldIn):
    profile = _supporter(request, profile_id)
    with refusals():
        saved = supporter_actions.set_safeguarding_hold(
            profile=profile, actor=request.auth, hold=payload.hold, note=payload.note
        )
    return _supporter_out(saved)


# ---- Every match -------------------------------------------------------------------------


def _match(request, match_id: int):
    return permissions.access_match_by_id(user=request.auth, match_id=check_id(match_id))


@router.get(
    "/matches/all",
    response={200: StaffMatchPageOut, **ERRORS},
    summary="Every match",
    description="Newest first; `status` filters: proposed, active, declined, cancelled, ended.",
)
def all_matches(request, status: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    if status:
        choice_or_422(
            status,
            MatchStatus.values,
            "status",
            "Choose proposed, active, declined, cancelled or ended.",
        )
    found = selectors.match_history(status=status or None)
    return page_of(found, limit=limit, offset=offset, item=staff_match_out)


@router.post(
    "/matches/{match_id}/cancel",
    response={200: MatchOut, **ACTION_ERRORS},
    summary="Cancel a proposed match",
    description="The request goes back to the waiting list with its place kept.",
)
def cancel(request, match_id: int, payload: CancelIn):
    match = _match(request, match_id)
    with refusals():
        saved = proposals.cancel_match(match=match, actor=request.auth, reason=payload.reason)
    return match_out(saved, request.auth)


@router.post(
    "/matches/{match_id}/rematch",
    response={200: RequestOut, **ACTION_ERRORS},
    summary="Re-match",
    description="Ends or cancels this match and puts the request back on the waiting list.",
)
def rematch(request, match_id: int, payload: CancelIn):
    match = _match(request, match_id)
    with refusals():
        support_request = endings.rematch(match=match, actor=request.auth, reason=payload.reason)
    return request_out(support_request)


@router.post(
    "/matches/{match_id}/block",
    response={201: MatchOut, **ACTION_ERRORS},
    summary="Never match this pair again",
    description="`reason` ended_badly (the default) or safeguarding.",
)
def block(request, match_id: int, payload: BlockIn):
    match = _match(request, match_id)
    reason = choice_or_422(
        payload.reason, BlockReason.values, "reason", "Choose ended_badly or safeguarding."
    )
    with refusals():
        blocks.block_pair(
            member=match.member,
            supporter=match.supporter,
            actor=request.auth,
            reason=reason,
            note=payload.note,
            match=match,
        )
    return Status(201, match_out(match, request.auth))
