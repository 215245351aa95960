"""/finder: the questionnaire's answers in, ranked options with reasons out. Open to
anyone (no account, no session, no CSRF token: it changes nothing), rate-limited by client
address. Same checks and words as the finder pages (finder.validation)."""

from ninja import Router
from ninja.errors import HttpError

from alongside.api.errors import FormErrors
from alongside.api.finder_schemas import FinderIn, FinderOut
from alongside.api.schemas import ErrorOut
from alongside.common.ratelimit import FINDER
from alongside.common.request_context import ip_from_meta
from alongside.finder.distance import default_unit
from alongside.finder.selectors import find_support
from alongside.finder.validation import FinderInputError, answers_from_input

router = Router(tags=["finder"])

TOO_MANY = "You've searched a lot in a short time. Please wait {seconds} seconds and try again."


def _option_out(option) -> dict:
    return {
        "kind": option.kind,
        "object_id": option.object_id,
        "title": option.title,
        "url": option.url,
        "summary": option.summary,
        "fits": option.fits,
        "reasons": list(option.reasons),
        "reason_sentence": option.reason_sentence,
        "misfits": list(option.misfits),
        "distance_km": None if option.distance_km is None else round(option.distance_km, 2),
        "distance_text": option.distance_text,
        "next_meetings": [
            {
                "occurrence_id": m.occurrence_id,
                "starts_at": m.starts_at,
                "timezone": m.timezone,
                "url": m.url,
            }
            for m in option.next_meetings
        ],
        "waiting_text": option.waiting_text,
    }


@router.post(
    "",
    auth=None,
    response={200: FinderOut, 422: ErrorOut, 429: ErrorOut},
    summary="Find support that's right for you",
    description="Send the finder's answers (every field optional); get the options across "
    "groups, mentoring, befriending and online communities that fit, best first, each with "
    "its reasons and anything that doesn't fit, and, when few or none fit, the nearest "
    "options and why nothing fitted. No sign-in needed. 422: fields to correct, in the "
    "finder pages' words (an unknown town suggests close spellings); 429: too many searches "
    "from this address lately.",
)
def find(request, payload: FinderIn):
    wait = FINDER.hit(f"ip:{ip_from_meta(request.META) or 'unknown'}")
    if wait:
        raise HttpError(429, TOO_MANY.format(seconds=wait))
    data = payload.model_dump()
    data["distance_unit"] = data.get("distance_unit") or default_unit()
    try:
        answers = answers_from_input(data)
    except FinderInputError as error:
        raise FormErrors.from_messages(error.errors) from error
    result = find_support(answers, limit=payload.limit)
    return {
        "options": [_option_out(o) for o in result.options],
        "nearest": [_option_out(o) for o in result.nearest],
        "nothing_found_reason": result.nothing_found_reason,
        "considered": result.considered,
        "place_name": answers.place_name,
        "distance_unit": answers.distance_unit,
    }
