"""Checks on what people typed into the finder, shared by the pages' forms and the API so
that both say the same words. Nothing here touches the session or stores anything."""

import math
import re

from django.conf import settings

from alongside.accounts import places
from alongside.accounts.choices import AVAILABILITY_SLOTS, LANGUAGES, AccessNeed, ContactMode
from alongside.accounts.models import Topic
from alongside.community.text import tidy
from alongside.finder.answers import DistanceUnit, FinderAnswers, Format
from alongside.finder.distance import KM_PER_MILE
from alongside.matching.engine.words import join_words

MAX_TRAVEL = {DistanceUnit.MILES: 200, DistanceUnit.KILOMETRES: 320}
ABOUT_MAX_LENGTH = 1000
ACCESS_OTHER_MAX_LENGTH = 500
PLACE_MAX_LENGTH = 200
MAX_ITEMS = 60

LANGUAGE_CODES = frozenset(code for code, _ in LANGUAGES)


class FinderInputError(ValueError):
    """Answers that can't be used, with plain-words messages by field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("finder answers need correcting")
        self.errors = errors


def clean_text(value) -> str:
    """What was typed, tidied as the pages tidy it (community.text.tidy); not text: ""."""
    return tidy(value) if isinstance(value, str) else ""


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _one_of(labels: list[str]) -> str:
    """ "Cardiff or Cardigan"; labels with commas of their own are kept apart by semicolons
    ("London, England; Longton, England; or Loddon, England")."""
    if len(labels) <= 1 or not any("," in label for label in labels):
        return join_words(labels, "or")
    return "; ".join(labels[:-1]) + "; or " + labels[-1]


def parse_place(text: str) -> places.Place:
    """The town `text` names, or ValueError saying what to type instead (suggesting close
    spellings for a town we don't know)."""
    typed = clean_text(text)[:PLACE_MAX_LENGTH]
    if not typed:
        raise ValueError("Enter a town or city, like Cardiff or Leeds.")
    try:
        return places.resolve_place(typed)
    except places.PlaceAmbiguous as error:
        options = list(dict.fromkeys(p.label for p in error.candidates))[:5]
        raise ValueError(
            f"More than one place is called {_quote(typed)}. Type one of these: "
            f"{'; '.join(options)}."
        ) from error
    except places.PlaceNotFound as error:
        home = settings.ALONGSIDE_COUNTRY
        suggestions = [
            # Places at home need no country ("Cardiff, Wales"); others do.
            f"{p.name}, {p.region}" if p.country_code == home and p.region else p.label
            for p in places.close_spellings(typed)
        ]
        message = f"We couldn't find a town called {_quote(typed)}."
        if suggestions:
            message += f" Did you mean {_one_of(suggestions)}?"
        else:
            message += " Check the spelling, or try the nearest larger town."
        raise ValueError(message) from error


def travel_message(unit: str) -> str:
    noun = "miles" if unit == DistanceUnit.MILES else "kilometres"
    return (
        f"Enter how far you can travel as a number of {noun} from 1 to "
        f"{MAX_TRAVEL.get(unit, MAX_TRAVEL[DistanceUnit.MILES])}."
    )


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?\b")
MI, KM = DistanceUnit.MILES, DistanceUnit.KILOMETRES
_UNIT_WORDS = (("miles", MI), ("mile", MI), ("kilometres", KM), ("km", KM))


def check_travel_distance(value, unit: str) -> float:
    """How far they can travel, in `unit`: a number from 1 to 200 miles (320 km)."""
    if unit not in MAX_TRAVEL:
        raise ValueError("Choose miles or kilometres.")
    if isinstance(value, bool):
        raise ValueError(travel_message(unit))
    typed_unit = unit
    if isinstance(value, str):
        text = clean_text(value).lower()
        # "1,000" is a thousand; "1,5" is one and a half.
        text = text.replace(",", "" if _THOUSANDS.match(text) else ".")
        for word, word_unit in _UNIT_WORDS:
            if text.endswith(word):
                text, typed_unit = text.removesuffix(word).strip(), word_unit
                break
        value = text
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(travel_message(unit)) from None
    if typed_unit != unit:  # "10 km" typed with miles chosen
        number = number / KM_PER_MILE if unit == DistanceUnit.MILES else number * KM_PER_MILE
    if not math.isfinite(number) or not 1 <= number <= MAX_TRAVEL[unit]:
        raise ValueError(travel_message(unit))
    return number


IN_PERSON_NEEDS_PLACE = (
    "You chose to meet only in person, so we need your town to find places near you. "
    "Enter a town, or go back and choose another way to connect."
)
ONE_TO_ONE_NOT_IN_FORUM = (
    "Mentoring and befriending happen in person, by video, by phone or by text chat, not in "
    "a forum. Choose one of those ways too, or go back and choose a group or an online "
    "community."
)
GROUPS_NOT_BY_TEXT = (
    "Groups meet in person, by video or by phone. Choose one of those ways too, or go back "
    "and choose one to one support or an online community."
)
GROUPS_AND_ONE_TO_ONE_NOT_IN_FORUM = (
    "Groups, mentoring and befriending don't happen in a forum. Choose another way to "
    "connect too, or go back and choose an online community."
)
ONLINE_NEEDS_TEXT = (
    "Online communities are a forum and text chat. Choose one of those ways too, or go back "
    "and choose a group or one to one support."
)


def contradictions(answers: FinderAnswers) -> dict[str, str]:
    """Answers that can't all be true at once, field → what to do about it."""
    found: dict[str, str] = {}
    modes = set(answers.modes)
    formats = set(answers.formats)
    if modes == {ContactMode.IN_PERSON} and not answers.has_place:
        found["place"] = IN_PERSON_NEEDS_PLACE
    if modes and formats:
        text_only = modes <= {ContactMode.FORUM, ContactMode.TEXT_CHAT}
        if formats == {Format.ONE_TO_ONE} and modes == {ContactMode.FORUM}:
            found["modes"] = ONE_TO_ONE_NOT_IN_FORUM
        elif formats == {Format.GROUP} and text_only:
            found["modes"] = GROUPS_NOT_BY_TEXT
        elif formats == {Format.ONLINE} and not modes & {ContactMode.FORUM, ContactMode.TEXT_CHAT}:
            found["modes"] = ONLINE_NEEDS_TEXT
        elif formats == {Format.GROUP, Format.ONE_TO_ONE} and modes == {ContactMode.FORUM}:
            found["modes"] = GROUPS_AND_ONE_TO_ONE_NOT_IN_FORUM
    return found


# ---- Whole answers (the API) -------------------------------------------------------------


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def _codes(data: dict, field: str, allowed, noun: str, errors: _Errors) -> tuple[str, ...]:
    values = data.get(field) or []
    if not isinstance(values, list | tuple):
        errors.add(field, f"Give {field} as a list.")
        return ()
    if len(values) > MAX_ITEMS:
        errors.add(field, f"Give {MAX_ITEMS} or fewer.")
        return ()
    chosen = []
    for value in values:
        if not isinstance(value, str) or value not in allowed:
            shown = clean_text(value)[:40] if isinstance(value, str) else str(value)[:40]
            errors.add(field, f"We don't know the {noun} {_quote(shown)}.")
        elif value not in chosen:
            chosen.append(value)
    ordered = [code for code in allowed if code in chosen]
    return tuple(ordered)


def _topic_ids(data: dict, errors: _Errors) -> tuple[int, ...]:
    slugs = data.get("topics") or []
    if not isinstance(slugs, list | tuple) or len(slugs) > MAX_ITEMS:
        errors.add("topics", f"Give topics as a list of at most {MAX_ITEMS} topic slugs.")
        return ()
    wanted = [clean_text(s)[:60] for s in slugs if isinstance(s, str)]
    if len(wanted) != len(slugs):
        errors.add("topics", "Give each topic as its slug, like \u201canxiety\u201d.")
    found = dict(Topic.objects.filter(slug__in=wanted, is_active=True).values_list("slug", "id"))
    for slug in wanted:
        if slug not in found:
            errors.add("topics", f"We don't know the topic {_quote(slug)}. See GET /topics.")
    return tuple(dict.fromkeys(found[s] for s in wanted if s in found))


def _text(data: dict, field: str, limit: int, errors: _Errors) -> str:
    value = data.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, "Give this as text.")
        return ""
    text = clean_text(value)
    if len(text) > limit:
        errors.add(field, f"Keep this to {limit:,} characters or fewer (it has {len(text):,}).")
    return text


def answers_from_input(data: dict) -> FinderAnswers:
    """FinderAnswers from API input (topics as slugs, place as text), or FinderInputError
    with every problem by field."""
    if not isinstance(data, dict):
        raise FinderInputError({"__all__": ["Send the answers as a JSON object."]})
    errors = _Errors()
    values: dict = {
        "topics": _topic_ids(data, errors),
        "about": _text(data, "about", ABOUT_MAX_LENGTH, errors),
        "formats": _codes(data, "formats", Format.values, "form of support", errors),
        "modes": _codes(data, "modes", ContactMode.values, "way to connect", errors),
        "availability": _codes(data, "availability", AVAILABILITY_SLOTS, "time", errors),
        "languages": _codes(data, "languages", [c for c, _ in LANGUAGES], "language", errors),
        "access_needs": _codes(data, "access_needs", AccessNeed.values, "access need", errors),
        "access_needs_other": _text(data, "access_needs_other", ACCESS_OTHER_MAX_LENGTH, errors),
        "access_flexible": bool(data.get("access_flexible") is True),
    }
    unit = data.get("distance_unit") or DistanceUnit.MILES
    if unit not in DistanceUnit.values:
        errors.add("distance_unit", "Choose \u201cmi\u201d (miles) or \u201ckm\u201d (kilometres).")
        unit = DistanceUnit.MILES
    values["distance_unit"] = unit
    if data.get("travel_distance") not in (None, ""):
        try:
            values["travel_distance"] = check_travel_distance(data["travel_distance"], unit)
        except ValueError as error:
            errors.add("travel_distance", str(error))
    place_text = data.get("place")
    if place_text not in (None, ""):
        if not isinstance(place_text, str):
            errors.add("place", "Give your town as text, like \u201cCardiff\u201d.")
        else:
            try:
                place = parse_place(place_text)
            except ValueError as error:
                errors.add("place", str(error))
            else:
                values.update(
                    place_geonameid=place.geonameid,
                    place_name=place.label,
                    latitude=place.latitude,
                    longitude=place.longitude,
                )
    if errors:
        raise FinderInputError(dict(errors))
    answers = FinderAnswers(**values)
    problems = contradictions(answers)
    if problems:
        raise FinderInputError({field: [message] for field, message in problems.items()})
    return answers
