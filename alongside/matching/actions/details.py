"""Checks shared by supporters' details and members' requests: what they say about
themselves (languages, ways to meet, weekly times, home town, free text), checked again in
the action for what matters to matching, with one plain message per field."""

from django.core.exceptions import ValidationError

from alongside.accounts.choices import LANGUAGE_NAMES
from alongside.accounts.places import Place
from alongside.community.text import TextPurpose, prepare_member_field, tidy
from alongside.matching.availability import clean_availability
from alongside.matching.choices import MatchMode
from alongside.safety.risk.stored import combine

NO_MODE = "Choose at least one way you'd like to meet."
NO_LANGUAGE = "Choose at least one language you can use."


class FieldErrors:
    """Collects one plain message per field, so that every problem is shown at once."""

    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(field, []).append(message)

    def run(self, field: str, check, *args, **kwargs):
        """check(*args) or None, with its ValidationError put on `field`."""
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                self.add(field, message)
            return None

    def raise_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def member_text(
    field: str,
    text,
    *,
    author,
    label: str,
    max_length: int,
    required: bool = False,
    missing: str = "",
    purpose: TextPurpose = TextPurpose.PROFILE,
):
    """What a member wrote in one field, tidied and risk-checked (community.text), with
    messages that name the field (`missing`: the message when it is required and empty).
    Returns a MemberText."""
    source = tidy(text if isinstance(text, str) else "")
    if required and not source:
        raise ValidationError({field: [missing or f"Tell us {label}."]})
    if len(source) > max_length:
        raise ValidationError(
            {
                field: [
                    f"Please shorten {label} to {max_length:,} characters or fewer "
                    f"(it has {len(source):,})."
                ]
            }
        )
    return prepare_member_field(
        field,
        text=source,
        author=author,
        purpose=purpose,
        max_length=max_length,
        required=False,
        markdown=False,
    )


def checked_texts(data: dict, *, model, stored, labels: dict[str, tuple[str, bool]], author):
    """The free text in `data` for `stored` (a `model`, or None for a new one), each field in
    `labels` (name: (how messages name it, required)). Returns (the tidied texts that
    changed, the risk of all the text together), or ({}, None) when an update changes none
    of it. Something new is checked whole, so a required text left out is refused."""
    if stored is None:
        changed = {name: data.get(name, "") for name in labels}
    else:
        changed = {
            name: data[name]
            for name in labels
            if name in data and data[name] != getattr(stored, name)
        }
        if not changed:
            return {}, None
    errors = FieldErrors()
    prepared = {}
    for name, (label, required) in labels.items():
        prepared[name] = errors.run(
            name,
            member_text,
            name,
            changed[name] if name in changed else getattr(stored, name),
            author=author,
            label=label,
            max_length=model._meta.get_field(name).max_length,
            required=required,
        )
    errors.raise_any()
    tidied = {name: prepared[name].source for name in changed}
    return tidied, combine(*(text.risk for text in prepared.values()))


def choice_list(values, choices, *, message: str, required: bool = False) -> list[str]:
    """A list of distinct values, each one of `choices`, in the order given."""
    if values is None:
        values = []
    if not isinstance(values, list | tuple) or any(v not in choices for v in values):
        raise ValidationError(message)
    if required and not values:
        raise ValidationError(message)
    return list(dict.fromkeys(str(v) for v in values))


def one_choice(value, choices, *, message: str) -> str:
    value = value or ""
    if value and value not in choices:
        raise ValidationError(message)
    return str(value)


def check_modes(values) -> list[str]:
    return choice_list(values, MatchMode.values, message=NO_MODE, required=True)


def check_languages(values) -> list[str]:
    return choice_list(values, LANGUAGE_NAMES, message=NO_LANGUAGE, required=True)


def check_availability(values) -> list[dict]:
    return clean_availability(values, required=True)


def check_place(place) -> Place | None:
    if place is not None and not isinstance(place, Place):
        raise ValidationError("Choose your town or city from the list.")
    return place


def current_value(data: dict, stored, name: str, default=None):
    """`data[name]` when given, else the value stored on `stored` (on an update, keys left
    out keep their stored value), else `default` for something new."""
    if name in data:
        return data[name]
    return getattr(stored, name) if stored is not None else default


def checked_place(errors: FieldErrors, data: dict, stored, *, modes, missing: str):
    """The home place from `data` (else the stored one), checked; `missing` goes on the
    place field when the modes include in person and there is no place."""
    if "place" in data:
        place = errors.run("place", check_place, data["place"])
    else:
        place = stored_place(stored) if stored is not None else None
    in_person = MatchMode.IN_PERSON in (modes or [])
    if in_person and place is None and "place" not in errors.messages:
        errors.add("place", missing)
    return place


def set_place(obj, place: Place | None) -> None:
    obj.place_geonameid = place.geonameid if place else None
    obj.place_name = place.label if place else ""
    obj.place_latitude = place.latitude if place else None
    obj.place_longitude = place.longitude if place else None


def stored_place(obj) -> Place | None:
    """The place stored on `obj`, as a Place (enough of one for checks)."""
    if obj.place_geonameid is None:
        return None
    return Place(
        geonameid=obj.place_geonameid,
        name=obj.place_name,
        region="",
        country="",
        country_code="",
        latitude=obj.place_latitude,
        longitude=obj.place_longitude,
        population=0,
    )
