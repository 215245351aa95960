"""What /matching endpoints were sent, checked with the same rules as the pages and turned
into the `data` dicts the matching actions take. Every problem is collected and reported
at once, beside its field (a 422); the actions then check the member's text themselves."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from ninja.errors import HttpError

from alongside.accounts import places
from alongside.accounts.choices import LANGUAGE_NAMES, AccessNeed
from alongside.accounts.models import Topic
from alongside.api.errors import FormErrors
from alongside.matching.actions.details import FieldErrors
from alongside.matching.actions.supporters import MAX_DISTANCE_KM
from alongside.matching.availability import clean_availability
from alongside.matching.choices import AgeGroup, Gender, MatchMode, SupportKind
from alongside.matching.models import MAX_CAPACITY
from alongside.matching.permissions import check_signed_in

NEEDS_OTHER_LENGTH = 500


class Errors(FieldErrors):
    """Messages by field, raised together as one 422."""

    def raise_any(self) -> None:
        if self.messages:
            raise FormErrors.from_messages(self.messages)


@contextmanager
def refusals():
    """An action's field messages are a 422 beside the field; any other refusal
    (MatchingError: the state of things doesn't allow it) is a 409 in its own words."""
    try:
        yield
    except PermissionDenied:
        raise
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise FormErrors.from_messages(
                {field: [str(m) for m in messages] for field, messages in error}
            ) from error
        raise HttpError(409, " ".join(error.messages)) from error


def choose(values, allowed, field: str, errors: Errors, unknown: str) -> list[str]:
    """`values` (a list of strings) if each is one of `allowed`, without repeats."""
    chosen = []
    for value in values or []:
        if value not in allowed:
            errors.add(field, unknown.format(value=value))
        elif value not in chosen:
            chosen.append(value)
    return chosen


def choose_one(value, allowed, field: str, errors: Errors, unknown: str) -> str:
    if value in (None, ""):
        return ""
    if value not in allowed:
        errors.add(field, unknown.format(value=value))
        return ""
    return value


def clean_kind(value) -> str:
    if value not in SupportKind.values:
        raise FormErrors.from_messages({"kind": ["Choose mentoring or befriending."]})
    return value


def clean_topics(slugs, errors: Errors) -> list[Topic]:
    wanted = list(dict.fromkeys(slugs or []))
    found = {t.slug: t for t in Topic.objects.filter(slug__in=wanted, is_active=True)}
    for slug in wanted:
        if slug not in found:
            errors.add("topics", f"We don't know the topic \u201c{slug}\u201d. See GET /topics.")
    return [found[slug] for slug in wanted if slug in found]


def clean_languages(codes, errors: Errors) -> list[str]:
    chosen = choose(
        codes,
        LANGUAGE_NAMES,
        "languages",
        errors,
        "We don't know the language \u201c{value}\u201d. Use a code such as en, cy or bfi.",
    )
    if not codes:
        errors.add("languages", "Choose at least one language.")
    return chosen


def clean_modes(values, errors: Errors, *, field: str = "modes") -> list[str]:
    chosen = choose(
        values,
        MatchMode.values,
        field,
        errors,
        "\u201c{value}\u201d isn't a way to meet. Use in_person, video, phone or text_chat.",
    )
    if not values:
        errors.add(field, "Choose at least one way you'd like to meet.")
    return chosen


def clean_times(items, errors: Errors):
    try:
        return clean_availability([dict(item) for item in items or []])
    except ValidationError as error:
        errors.add("availability", " ".join(error.messages))
        return []


def clean_place(text, place_id, errors: Errors) -> places.Place | None:
    """A town by GeoNames id or as typed, resolved as the profile page resolves it."""
    if place_id is not None:
        place = places.get_place(place_id) if 0 < place_id < 2**31 else None
        if place is None:
            errors.add("place_id", "We couldn't find a town or city with that id.")
        return place
    text = (text or "").strip()
    if not text:
        return None
    try:
        return places.resolve_place(text)
    except places.PlaceAmbiguous as error:
        options = "; ".join(list(dict.fromkeys(p.label for p in error.candidates))[:5])
        errors.add(
            "place",
            f"More than one place is called \u201c{text}\u201d. Type one of these: {options}.",
        )
    except places.PlaceNotFound:
        errors.add(
            "place",
            f"We couldn't find a town or city called \u201c{text}\u201d. Check the spelling, "
            "or try the nearest larger town.",
        )
    return None


def _age_groups(values, field: str, errors: Errors) -> list[str]:
    return choose(
        values,
        AgeGroup.values,
        field,
        errors,
        "\u201c{value}\u201d isn't an age group. Use one of " + ", ".join(AgeGroup.values) + ".",
    )


def _age_group(value, errors: Errors) -> str:
    return choose_one(
        value,
        AgeGroup.values,
        "age_group",
        errors,
        "\u201c{value}\u201d isn't an age group. Use one of " + ", ".join(AgeGroup.values) + ".",
    )


GENDER_UNKNOWN = "\u201c{value}\u201d isn't one of the choices: woman, man or non_binary."


def clean_request_input(values: dict) -> dict:
    """`values` is every request field (as sent, or as stored where a PATCH left it out)."""
    errors = Errors()
    modes = clean_modes(values.get("modes"), errors)
    place = clean_place(values.get("place"), values.get("place_id"), errors)
    if MatchMode.IN_PERSON in modes and place is None and "place" not in errors.messages:
        errors.add("place", "Give your town or city so that we can find someone near you.")
    needs = choose(
        values.get("access_needs"),
        AccessNeed.values,
        "access_needs",
        errors,
        "\u201c{value}\u201d isn't one of the access needs we list.",
    )
    needs_other = (values.get("access_needs_other") or "").strip()
    if len(needs_other) > NEEDS_OTHER_LENGTH:
        errors.add(
            "access_needs_other",
            f"Please shorten this to {NEEDS_OTHER_LENGTH} characters or fewer.",
        )
    if AccessNeed.OTHER in needs and not needs_other:
        errors.add("access_needs_other", "Tell us what would help, or leave out \u201cother\u201d.")
    elif needs_other and AccessNeed.OTHER not in needs:
        needs.append(AccessNeed.OTHER.value)
    data = {
        "kind": values["kind"],
        "topics": clean_topics(values.get("topics"), errors),
        "about": values.get("about") or "",
        "modes": modes,
        "availability": clean_times(values.get("availability"), errors),
        "languages": clean_languages(values.get("languages"), errors),
        "place": place,
        "age_group": _age_group(values.get("age_group"), errors),
        "supporter_genders": choose(
            values.get("supporter_genders"),
            Gender.values,
            "supporter_genders",
            errors,
            GENDER_UNKNOWN,
        ),
        "supporter_age_groups": _age_groups(
            values.get("supporter_age_groups"), "supporter_age_groups", errors
        ),
        "shared_experience_important": bool(values.get("shared_experience_important")),
        "access_needs": needs,
        "access_needs_other": needs_other,
    }
    errors.raise_any()
    return data


def clean_supporter_input(values: dict) -> dict:
    errors = Errors()
    kinds = choose(
        values.get("kinds"),
        SupportKind.values,
        "kinds",
        errors,
        "\u201c{value}\u201d isn't a kind of support. Use mentoring or befriending.",
    )
    if not values.get("kinds"):
        errors.add("kinds", "Choose mentoring, befriending or both.")
    modes = clean_modes(values.get("modes"), errors)
    place = clean_place(values.get("place"), values.get("place_id"), errors)
    distance = values.get("max_distance_km")
    if distance is not None and not 1 <= distance <= MAX_DISTANCE_KM:
        errors.add("max_distance_km", f"Choose a distance between 1 and {MAX_DISTANCE_KM} km.")
    if MatchMode.IN_PERSON in modes:
        if place is None and "place" not in errors.messages:
            errors.add("place", "Give your town or city to meet people in person.")
        if distance is None:
            errors.add("max_distance_km", "Say how far you'll travel to meet in person.")
    capacity = values.get("capacity")
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        errors.add("capacity", f"Choose between 1 and {MAX_CAPACITY} people at once.")
    data = {
        "kinds": kinds,
        "motivation": values.get("motivation") or "",
        "experience": values.get("experience") or "",
        "topics": clean_topics(values.get("topics"), errors),
        "languages": clean_languages(values.get("languages"), errors),
        "modes": modes,
        "availability": clean_times(values.get("availability"), errors),
        "place": place,
        "max_distance_km": distance,
        "capacity": capacity,
        "age_group": _age_group(values.get("age_group"), errors),
        "gender": choose_one(values.get("gender"), Gender.values, "gender", errors, GENDER_UNKNOWN),
        "comfortable_age_groups": _age_groups(
            values.get("comfortable_age_groups"), "comfortable_age_groups", errors
        ),
    }
    errors.raise_any()
    return data


def signed_in_user(request):
    check_signed_in(request.auth)
    return request.auth
