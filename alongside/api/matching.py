"""/matching for members and supporters: asking for a mentor or befriender, offering to be
one, and every step of a match. The same checks, actions and selectors as the pages.

A request or match that isn't yours is a 404, as on the pages. A refusal that depends on
the state of things (the match was already answered, the agreement changed since you read
it) is a 409 whose `detail` says why, and changes nothing. Input is checked field by field
(a 422 with a message beside each field) before anything is stored."""

from ninja import Router, Status
from ninja.errors import HttpError

from alongside.api.matching_input import (
    clean_kind,
    clean_request_input,
    clean_supporter_input,
    refusals,
    signed_in_user,
)
from alongside.api.matching_output import (
    request_out,
    supporter_out,
    writer_safety,
)
from alongside.api.matching_schemas import (
    RequestIn,
    RequestListOut,
    RequestOut,
    RequestPatch,
    RequestSavedOut,
    SupporterIn,
    SupporterOut,
    SupporterSavedOut,
)
from alongside.api.safety_staff import check_id
from alongside.api.schemas import ERRORS, REFUSED
from alongside.matching import permissions, selectors_people
from alongside.matching.actions import requests as request_actions
from alongside.matching.actions import supporters as supporter_actions
from alongside.matching.choices import SupporterStatus

router = Router(tags=["matching"])

ACTION_ERRORS = {**ERRORS, **REFUSED}
NOT_A_SUPPORTER = "You haven't applied to be a peer supporter."
APPLY_AGAIN = (SupporterStatus.DECLINED, SupporterStatus.WITHDRAWN)


# ---- Requests ----------------------------------------------------------------------------


def _request(request, request_id: int):
    return permissions.access_support_request_by_id(
        user=signed_in_user(request), request_id=check_id(request_id)
    )


def _stored_request_values(support_request) -> dict:
    out = request_out(support_request)
    out.pop("place")
    return {
        **out,
        "place": "",
        "place_id": support_request.place_geonameid,
        "topics": [t.slug for t in support_request.topics.all()],
    }


@router.get(
    "/requests",
    response={200: RequestListOut, **ERRORS},
    summary="Your requests for support",
    description="Every request you have made, open ones first.",
)
def list_requests(request):
    items = selectors_people.requests_of(signed_in_user(request))
    return {"items": [request_out(r) for r in items]}


@router.post(
    "/requests",
    response={201: RequestSavedOut, **ACTION_ERRORS},
    summary="Ask for a mentor or befriender",
    description="You can have one open request of each kind: a second is a 409 (change the "
    "one you have with PATCH). In person needs `place`. `safety` is not null when the risk "
    "check found something in what you wrote: show it at once.",
)
def create_request(request, payload: RequestIn):
    user = signed_in_user(request)
    values = payload.model_dump()
    values["kind"] = clean_kind(values["kind"])
    data = clean_request_input(values)
    with refusals():
        created = request_actions.create_support_request(member=user, actor=user, data=data)
    created.refresh_from_db()
    return Status(201, {**request_out(created), "safety": writer_safety(user, created)})


@router.get(
    "/requests/{request_id}",
    response={200: RequestOut, **ERRORS},
    summary="One of your requests",
)
def read_request(request, request_id: int):
    return request_out(_request(request, request_id))


@router.patch(
    "/requests/{request_id}",
    response={200: RequestSavedOut, **ACTION_ERRORS},
    summary="Change your request",
    description="Only the fields you send are changed; the whole request is then checked "
    "as the page checks it. A closed or withdrawn request is a 409.",
)
def update_request(request, request_id: int, payload: RequestPatch):
    user = signed_in_user(request)
    support_request = _request(request, request_id)
    values = _stored_request_values(support_request)
    sent = payload.model_dump(exclude_unset=True)
    if "place" in sent:
        values["place_id"] = None
    values.update({k: v for k, v in sent.items() if not (k == "place_id" and v is None)})
    data = clean_request_input(values)
    with refusals():
        saved = request_actions.update_support_request(
            support_request=support_request, actor=user, data=data
        )
    saved.refresh_from_db()
    return {**request_out(saved), "safety": writer_safety(user, saved)}


@router.post(
    "/requests/{request_id}/withdraw",
    response={200: RequestOut, **ACTION_ERRORS},
    summary="Withdraw your request",
    description="Also cancels a match proposed for it. 409 if it is already closed.",
)
def withdraw_request(request, request_id: int):
    user = signed_in_user(request)
    support_request = _request(request, request_id)
    with refusals():
        saved = request_actions.withdraw_support_request(
            support_request=support_request, actor=user
        )
    return request_out(saved)


# ---- Being a supporter -------------------------------------------------------------------


def _own_profile(user):
    profile = selectors_people.supporter_profile_of(user)
    if profile is None:
        raise HttpError(404, NOT_A_SUPPORTER)
    return profile


def _profile_out(profile) -> dict:
    return supporter_out(profile, free_capacity=selectors_people.free_capacity(profile))


@router.get(
    "/supporter",
    response={200: SupporterOut, **ERRORS},
    summary="Your supporter profile",
    description="404 if you haven't applied to be a peer supporter.",
)
def read_supporter(request):
    return _profile_out(_own_profile(signed_in_user(request)))


@router.put(
    "/supporter",
    response={200: SupporterSavedOut, 201: SupporterSavedOut, **ACTION_ERRORS},
    summary="Apply to be a peer supporter, or update your profile",
    description="Makes your application (201: also after an earlier one was declined or "
    "withdrawn) or changes your profile (200). "
    "Capacity is 1 to 10; in person needs `place` and `max_distance_km`. `safety` is not "
    "null when the risk check found something in what you wrote.",
)
def save_supporter(request, payload: SupporterIn):
    user = signed_in_user(request)
    data = clean_supporter_input(payload.model_dump())
    profile = selectors_people.supporter_profile_of(user)
    applying = profile is None or profile.status in APPLY_AGAIN
    with refusals():
        if applying:
            saved = supporter_actions.apply_to_support(user=user, data=data)
        else:
            saved = supporter_actions.update_supporter_profile(
                profile=profile, actor=user, data=data
            )
    saved.refresh_from_db()
    body = {**_profile_out(saved), "safety": writer_safety(user, saved)}
    return Status(201 if applying else 200, body)


@router.post(
    "/supporter/pause",
    response={200: SupporterOut, **ACTION_ERRORS},
    summary="Take a break from new matches",
    description="The people you support now carry on; nobody new is proposed to you.",
)
def pause_supporter(request):
    user = signed_in_user(request)
    profile = _own_profile(user)
    with refusals():
        saved = supporter_actions.pause_supporting(profile=profile, actor=user)
    return _profile_out(saved)


@router.post(
    "/supporter/resume",
    response={200: SupporterOut, **ACTION_ERRORS},
    summary="Come back from a break",
)
def resume_supporter(request):
    user = signed_in_user(request)
    profile = _own_profile(user)
    with refusals():
        saved = supporter_actions.resume_supporting(profile=profile, actor=user)
    return _profile_out(saved)
