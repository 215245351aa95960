"""/outcomes: wellbeing check-ins. A member sees and changes only their own consent,
check-ins and answers (a coordinator calling these gets their own too, never anyone
else's); someone else's response is a 404 exactly like a missing one. The coordinators'
aggregate reports are in `outcomes_reports.py`.

Measures whose items have no wording yet (SWEMWBS until a coordinator enters its licensed
wording) are not asked, so they are left out of GET /measures and of check-ins."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from alongside.api.errors import FormErrors, choice_or_422
from alongside.api.outcomes_schemas import (
    AnswersIn,
    CheckInOut,
    DeletedOut,
    MeasureListOut,
    PreferenceIn,
    PreferenceOut,
    ProgressListOut,
    ResponseOut,
    ResponsePageOut,
    ResponseSavedOut,
)
from alongside.api.paging import check_page_bounds, page_of
from alongside.api.safety_staff import check_id
from alongside.api.schemas import ERRORS, REFUSED
from alongside.outcomes import actions, selectors
from alongside.outcomes.choices import ResponseStatus
from alongside.outcomes.models import Measure, WellbeingPreference
from alongside.outcomes.progress import MeasureProgress, progress_of

router = Router(tags=["outcomes"])

ACTION_ERRORS = {**ERRORS, **REFUSED}
NO_CHECK_IN = (
    "You have no wellbeing check-in waiting. You can start one whenever you like, "
    "if you have said yes to check-ins."
)
NO_SUCH_MEASURE = "There are no questions with that name being asked at the moment."


# ---- Shapes --------------------------------------------------------------------------------


def _measure_out(measure: Measure) -> dict:
    definition = measure.parsed
    return {
        "key": measure.key,
        "name": measure.name,
        "short_name": definition.short_name,
        "score_name": definition.score_name,
        "about": definition.about,
        "instructions": definition.instructions,
        "citation": definition.citation,
        "licence": definition.licence,
        "higher_is_better": definition.higher_is_better,
        "options": [{"value": o.value, "label": o.label} for o in definition.options],
        "items": [
            {"key": item.key, "number": number, "wording": wording}
            for number, (item, wording) in enumerate(measure.items(), start=1)
        ],
        "score_range": [float(n) for n in definition.score_range],
        "version": measure.version,
    }


def _preference_out(preference) -> dict:
    if preference is None:
        preference = WellbeingPreference(by_email=True)
    return {
        "consented": preference.consented,
        "by_email": preference.by_email,
        "decided_at": preference.decided_at,
        "next_check_in_after": preference.next_routine_at if preference.consented else None,
    }


def _unanswered(measure: Measure, answers: dict) -> list[str]:
    return [item.key for item in measure.parsed.unanswered(answers)]


def _check_in_out(check_in, member) -> dict:
    saved = {r.measure_id: r for r in selectors.responses_of(member, check_in=check_in)}
    measures = []
    for measure in selectors.ready_measures():
        response = saved.get(measure.pk)
        answers = response.answers if response else {}
        measures.append(
            {
                "key": measure.key,
                "name": measure.name,
                "status": response.status if response else "not_started",
                "answers": answers,
                "unanswered": _unanswered(measure, answers),
            }
        )
    return {
        "id": check_in.pk,
        "occasion": check_in.occasion,
        "occasion_label": check_in.get_occasion_display(),
        "status": check_in.status,
        "offered_at": check_in.offered_at,
        "finished_at": check_in.finished_at,
        "measures": measures,
    }


def _response_out(response) -> dict:
    return {
        "id": response.pk,
        "measure": response.measure.key,
        "measure_name": response.measure.name,
        "measure_version": response.measure_version,
        "score_name": response.measure.parsed.score_name,
        "status": response.status,
        "answers": response.answers,
        "raw_score": response.raw_score,
        "score": response.score,
        "check_in": {
            "id": response.check_in.pk,
            "occasion": response.check_in.occasion,
            "occasion_label": response.check_in.get_occasion_display(),
        },
        "created_at": response.created_at,
        "completed_at": response.completed_at,
    }


# ---- Measures and consent ------------------------------------------------------------------


@router.get(
    "/measures",
    response={200: MeasureListOut, **ERRORS},
    summary="The questionnaires members are asked",
    description="Active measures with all their wording, in the order they are asked. A "
    "measure whose licensed wording hasn't been entered yet is left out.",
)
def list_measures(request):
    return {"items": [_measure_out(measure) for measure in selectors.ready_measures()]}


@router.get(
    "/preference",
    response={200: PreferenceOut, **ERRORS},
    summary="Your choice about wellbeing check-ins",
)
def get_preference(request):
    return _preference_out(selectors.preference_for(request.auth))


@router.put(
    "/preference",
    response={200: PreferenceOut, **ERRORS},
    summary="Say yes or no to wellbeing check-ins",
    description="Check-ins are always optional. Saying yes for the first time opens your "
    "first check-in; saying no stops the invitations and closes any waiting check-in.",
)
def set_preference(request, payload: PreferenceIn):
    preference = actions.set_consent(
        member=request.auth, consented=payload.consented, by_email=payload.by_email
    )
    return _preference_out(preference)


# ---- Check-ins -----------------------------------------------------------------------------


def _open_check_in(member):
    check_in = selectors.open_check_in(member)
    if check_in is None:
        raise HttpError(404, NO_CHECK_IN)
    return check_in


@router.get(
    "/check-in",
    response={200: CheckInOut, **ERRORS},
    summary="Your waiting check-in",
    description="With each measure's status and any answers saved so far. 404 when none "
    "is waiting.",
)
def get_check_in(request):
    return _check_in_out(_open_check_in(request.auth), request.auth)


@router.post(
    "/check-in",
    response={200: CheckInOut, **ACTION_ERRORS},
    summary="Start a check-in now",
    description="Your waiting check-in if there is one, otherwise a new one. 403 until "
    "you have said yes to check-ins; 409 when there are no questions to ask yet.",
)
def start_check_in(request):
    try:
        check_in = actions.start_own_check_in(member=request.auth)
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    return _check_in_out(check_in, request.auth)


@router.post(
    "/check-in/skip",
    response={200: CheckInOut, **ACTION_ERRORS},
    summary="Skip your waiting check-in",
    description="Not now: nothing is scored, and the next regular check-in is a while away.",
)
def skip_check_in(request):
    try:
        check_in = actions.skip_check_in(check_in=_open_check_in(request.auth), member=request.auth)
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    return _check_in_out(check_in, request.auth)


def _ready_measure(key: str) -> Measure:
    measure = next((m for m in selectors.ready_measures() if m.key == key), None)
    if measure is None:
        raise HttpError(404, NO_SUCH_MEASURE)
    return measure


def _answer_errors(error: ValidationError) -> FormErrors:
    return FormErrors.from_messages(
        {
            "answers" if key == "answers" else f"answers.{key}": messages
            for key, messages in error.message_dict.items()
        }
    )


def _saved_detail(response, unanswered: list[str]) -> str:
    if response.status == ResponseStatus.COMPLETE:
        return "Thank you. Your answers are saved."
    if unanswered:
        count = len(unanswered)
        left = "1 question" if count == 1 else f"{count} questions"
        return (
            f"Your answers are saved as a draft and not scored yet: {left} still to answer. "
            "You can come back to them whenever you like."
        )
    return "Your answers are saved as a draft and not scored yet."


@router.put(
    "/check-in/responses/{measure_key}",
    response={200: ResponseSavedOut, **ACTION_ERRORS},
    summary="Save your answers to one measure of your waiting check-in",
    description="Answers are added to those saved before. With `finish` and every "
    "question answered, it is scored; otherwise it is kept as a draft, not scored, and "
    "`unanswered` lists what's left. 422: an answer that isn't one of the options, or a "
    "question the measure doesn't have (nothing is saved). 404: no check-in waiting, or "
    "no such measure being asked.",
)
def save_answers(request, measure_key: str, payload: AnswersIn):
    member = request.auth
    measure = _ready_measure(measure_key)
    check_in = _open_check_in(member)
    try:
        response = actions.save_answers(
            check_in=check_in,
            member=member,
            measure=measure,
            answers=payload.answers,
            finish=payload.finish,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise _answer_errors(error) from error
        raise HttpError(409, " ".join(error.messages)) from error
    except PermissionDenied as error:  # not theirs: can't happen via _open_check_in
        raise HttpError(404, NO_CHECK_IN) from error
    check_in.refresh_from_db(fields=["status"])
    unanswered = _unanswered(measure, response.answers)
    response.check_in = check_in
    return {
        **_response_out(response),
        "unanswered": unanswered,
        "check_in_status": check_in.status,
        "detail": _saved_detail(response, unanswered),
    }


# ---- Your answers --------------------------------------------------------------------------


@router.get(
    "/responses",
    response={200: ResponsePageOut, **ERRORS},
    summary="Your answers, newest first",
    description="Only ever your own, drafts included. `measure` filters by a measure's key.",
)
def list_responses(request, measure: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    responses = selectors.responses_of(request.auth).order_by("-created_at", "-id")
    if measure:
        keys = list(Measure.objects.values_list("key", flat=True))
        choice_or_422(measure, keys, "measure", f"Choose one of: {', '.join(keys)}.")
        responses = responses.filter(measure__key=measure)
    return page_of(responses, limit=limit, offset=offset, item=_response_out)


@router.get(
    "/responses/{response_id}",
    response={200: ResponseOut, **ERRORS},
    summary="One of your answered questionnaires",
)
def get_response(request, response_id: int):
    response = selectors.responses_of(request.auth).filter(pk=check_id(response_id)).first()
    if response is None:
        raise HttpError(404, "Not found.")
    return _response_out(response)


@router.delete(
    "/responses",
    response={200: DeletedOut, **ERRORS},
    summary="Delete all your answers",
    description="Every check-in and answer of yours goes, for good. Your choice about "
    "check-ins stays as it is.",
)
def delete_responses(request):
    count = actions.delete_my_answers(member=request.auth)
    return {"deleted": count, "detail": "Your wellbeing answers have been deleted."}


# ---- Progress ------------------------------------------------------------------------------


def _progress_out(measure: MeasureProgress) -> dict:
    definition = measure.definition
    points = [
        {"date": timezone.localdate(answer.when), "score": float(answer.score)}
        for answer in measure.answers
    ]
    change = measure.answers[-1].score - measure.answers[0].score
    return {
        "measure": measure.key,
        "measure_name": definition.name,
        "score_name": definition.score_name,
        "higher_is_better": definition.higher_is_better,
        "score_range": [float(n) for n in definition.score_range],
        "points": points,
        "first": points[0],
        "latest": points[-1],
        "change": float(definition.rounded(change)),
        "summary": measure.summary,
    }


@router.get(
    "/progress",
    response={200: ProgressListOut, **ERRORS},
    summary="Your scores over time",
    description="Per measure you have completed: each score, the first and latest, the "
    'change between them, and a summary in plain words ("Your wellbeing score has gone up '
    'by 4 points since March.").',
)
def progress(request):
    measures = progress_of(selectors.completed_responses_of(request.auth))
    return {"items": [_progress_out(measure) for measure in measures]}
