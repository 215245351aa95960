"""/matching for the two people in a match (and coordinators reading it): the proposal,
the agreement, check-ins, feedback, reviews, the ending and reflections. Requests and
supporter profiles are in alongside.api.matching.

A match you aren't in is a 404; an action for the other side (a member logging a
check-in) is a 403; a refusal that depends on the state of things (already answered, the
agreement changed since you read it, not ended yet) is a 409 in its own words."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Status

from alongside.api.errors import FormErrors, choice_or_422
from alongside.api.matching_input import (
    Errors,
    clean_modes,
    refusals,
    signed_in_user,
)
from alongside.api.matching_output import (
    agreement_out,
    check_in_out,
    feedback_out,
    match_detail_out,
    match_out,
    reflection_out,
    review_out,
    side_of,
    writer_safety,
)
from alongside.api.matching_schemas import (
    AgreementIn,
    AgreementOut,
    CheckInIn,
    CheckInOut,
    CheckInSavedOut,
    ConfirmIn,
    EndIn,
    FeedbackIn,
    FeedbackSavedOut,
    MatchDetailOut,
    MatchListOut,
    MatchOut,
    ReflectionIn,
    ReflectionSavedOut,
    RespondIn,
    ReviewIn,
    ReviewOut,
)
from alongside.api.safety_staff import check_id
from alongside.api.schemas import ERRORS, REFUSED
from alongside.matching import permissions, selectors
from alongside.matching.actions import agreements, contact, endings, proposals
from alongside.matching.choices import EndReason, HowItsGoing, MatchMode, ReviewOutcome

router = Router(tags=["matching"])

ACTION_ERRORS = {**ERRORS, **REFUSED}


# ---- Matches -----------------------------------------------------------------------------


def _match(request, match_id: int):
    return permissions.access_match_by_id(user=signed_in_user(request), match_id=check_id(match_id))


def _participant(request, match_id: int):
    """A match the caller is in (coordinators use the staff endpoints to act on others)."""
    match = _match(request, match_id)
    if not permissions.is_participant(request.auth, match):
        raise PermissionDenied("Only the two people in this match can do that.")
    return match


@router.get(
    "/matches",
    response={200: MatchListOut, **ERRORS},
    summary="Your matches",
    description="As the person supported and as a supporter: proposed and active ones "
    "first, then newest first. `my_side` says which you are in each.",
)
def list_matches(request):
    user = signed_in_user(request)
    matches = [*selectors.matches_for_member(user), *selectors.matches_for_supporter(user)]
    matches.sort(key=lambda m: (m.is_live, m.created_at, m.pk), reverse=True)
    return {"items": [match_out(m, user) for m in matches]}


@router.get(
    "/matches/{match_id}",
    response={200: MatchDetailOut, **ERRORS},
    summary="One match",
    description="Everything about a match you are in: the proposal, the agreement, "
    "check-ins, reviews, and after the end your reflection. Check-in notes are for the "
    "supporter; feedback is for the person supported.",
)
def read_match(request, match_id: int):
    match = _match(request, match_id)
    return match_detail_out(selectors.match_for_page(match), request.auth)


@router.post(
    "/matches/{match_id}/respond",
    response={200: MatchOut, **ACTION_ERRORS},
    summary="Accept or decline a proposed match",
    description="A reason for declining is optional and only coordinators see it. When "
    "both of you accept, the match is active and your conversation opens.",
)
def respond(request, match_id: int, payload: RespondIn):
    match = _participant(request, match_id)
    with refusals():
        saved = proposals.respond_to_match(
            match=match, user=request.auth, accept=payload.accept, reason=payload.reason
        )
    return match_out(saved, request.auth)


def _check_agreement(payload: AgreementIn) -> list[str]:
    """The ways of meeting, named in API terms; the action checks the dates."""
    errors = Errors()
    modes = clean_modes(payload.modes, errors)
    errors.raise_any()
    return modes


@router.put(
    "/matches/{match_id}/agreement",
    response={200: AgreementOut, **ACTION_ERRORS},
    summary="Write or change your agreement",
    description="Saving makes a new version and counts as your confirmation of it; the "
    "other person then confirms it. Review date in the future, planned end after it.",
)
def save_agreement(request, match_id: int, payload: AgreementIn):
    match = _participant(request, match_id)
    data = {**payload.model_dump(), "modes": _check_agreement(payload)}
    with refusals():
        agreement = agreements.save_agreement(match=match, actor=request.auth, data=data)
    return agreement_out(agreement)


@router.post(
    "/matches/{match_id}/agreement/confirm",
    response={200: AgreementOut, **ACTION_ERRORS},
    summary="Confirm the agreement",
    description="Send the `version` you read: if it changed since, this is a 409 and you "
    "should read it again.",
)
def confirm_agreement(request, match_id: int, payload: ConfirmIn):
    match = _participant(request, match_id)
    with refusals():
        agreement = agreements.confirm_agreement(
            match=match, user=request.auth, version=payload.version
        )
    return agreement_out(agreement)


@router.get(
    "/matches/{match_id}/check-ins",
    response={200: list[CheckInOut], **ERRORS},
    summary="Check-ins logged for a match",
    description="Notes and the worried flag are only for the supporter.",
)
def list_check_ins(request, match_id: int):
    match = selectors.match_for_page(_match(request, match_id))
    private = side_of(request.auth, match) != "member"
    return [check_in_out(c, private=private) for c in match.check_ins.all()]


@router.post(
    "/matches/{match_id}/check-ins",
    response={201: CheckInSavedOut, **ACTION_ERRORS},
    summary="Log a contact (supporters)",
    description="The date can't be in the future or before the match started; minutes 1 "
    "to 600. `worried` tells a coordinator at once.",
)
def log_check_in(request, match_id: int, payload: CheckInIn):
    match = _participant(request, match_id)
    errors = Errors()
    mode = payload.mode if payload.mode in MatchMode.values else None
    if mode is None:
        errors.add("mode", "Choose how you were in touch: in_person, video, phone or text_chat.")
    if payload.minutes is not None and not 1 <= payload.minutes <= 600:
        errors.add("minutes", "Give the minutes as a number from 1 to 600.")
    if payload.contact_on > timezone.localdate():
        errors.add("contact_on", "Choose today or a day in the past.")
    errors.raise_any()
    with refusals():
        check_in = contact.log_check_in(
            match=match,
            actor=request.auth,
            contact_on=payload.contact_on,
            mode=mode,
            minutes=payload.minutes,
            notes=payload.notes,
            worried=payload.worried,
        )
    return Status(
        201,
        {**check_in_out(check_in, private=True), "safety": writer_safety(request.auth, check_in)},
    )


@router.post(
    "/matches/{match_id}/feedback",
    response={201: FeedbackSavedOut, **ACTION_ERRORS},
    summary="Say how it's going (the person supported)",
)
def give_feedback(request, match_id: int, payload: FeedbackIn):
    match = _participant(request, match_id)
    choice_or_422(
        payload.how_its_going,
        HowItsGoing.values,
        "how_its_going",
        "Choose 1 (not well), 2 (okay), 3 (well) or 4 (very well).",
    )
    with refusals():
        feedback = contact.give_feedback(
            match=match,
            actor=request.auth,
            how_its_going=payload.how_its_going,
            comment=payload.comment,
        )
    return Status(201, {**feedback_out(feedback), "safety": writer_safety(request.auth, feedback)})


def check_review(payload: ReviewIn) -> None:
    errors = Errors()
    if payload.outcome not in ReviewOutcome.values:
        errors.add("outcome", "Choose continue, extend or end_soon.")
    if payload.outcome == ReviewOutcome.EXTEND and payload.new_end_on is None:
        errors.add("new_end_on", "Give the new end date.")
    errors.raise_any()


@router.post(
    "/matches/{match_id}/reviews",
    response={201: ReviewOut, **ACTION_ERRORS},
    summary="Record a review",
    description="`extend` needs `new_end_on`.",
)
def record_review(request, match_id: int, payload: ReviewIn):
    match = _participant(request, match_id)
    check_review(payload)
    with refusals():
        review = contact.record_review(
            match=match,
            actor=request.auth,
            outcome=payload.outcome,
            note=payload.note,
            new_end_on=payload.new_end_on,
        )
    return Status(201, review_out(review))


@router.post(
    "/matches/{match_id}/end",
    response={200: MatchOut, **ACTION_ERRORS},
    summary="End the match",
    description="`reason` is planned, or left out for an early ending by you. A "
    "coordinator (not in the match) may end any active match, and say it ended badly so "
    "the pair is never matched again.",
)
def end_match(request, match_id: int, payload: EndIn):
    match = _match(request, match_id)
    side = side_of(request.auth, match)
    early = {
        "member": EndReason.EARLY_BY_MEMBER,
        "supporter": EndReason.EARLY_BY_SUPPORTER,
        "coordinator": EndReason.BY_COORDINATOR,
    }[side]
    reason = payload.reason or early
    choice_or_422(reason, (EndReason.PLANNED, early), "reason", "Choose planned, or leave it out.")
    if payload.ended_badly and side != "coordinator":
        raise FormErrors.from_messages(
            {"ended_badly": ["Only a coordinator can say a match ended badly."]}
        )
    with refusals():
        saved = endings.end_match(
            match=match,
            actor=request.auth,
            reason=reason,
            note=payload.note,
            ended_badly=payload.ended_badly,
        )
    return match_out(saved, request.auth)


@router.post(
    "/matches/{match_id}/reflection",
    response={201: ReflectionSavedOut, **ACTION_ERRORS},
    summary="Write your reflection (after the end)",
    description="One each, once the match has ended.",
)
def write_reflection(request, match_id: int, payload: ReflectionIn):
    match = _participant(request, match_id)
    with refusals():
        reflection = endings.write_reflection(match=match, actor=request.auth, text=payload.text)
    return Status(
        201, {**reflection_out(reflection), "safety": writer_safety(request.auth, reflection)}
    )
