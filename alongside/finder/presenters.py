"""The finder's answers in words: for the check-your-answers page and for a coordinator
reading an enquiry that has the answers attached."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from alongside.accounts.choices import (
    LANGUAGE_NAMES,
    AccessNeed,
    ContactMode,
    availability_label,
)
from alongside.accounts.models import Topic
from alongside.finder.answers import DistanceUnit, FinderAnswers, Format, Step
from alongside.finder.results import Option, OptionKind
from alongside.groups.choices import GroupKind
from alongside.groups.models import Group

NO_PREFERENCE = "No preference"


def _label(choices, value: str) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value


def _listed(words: list[str]) -> str:
    return ", ".join(words) if words else NO_PREFERENCE


def _number(value: float) -> str:
    return f"{value:g}" if value < 1_000_000 else f"{value:,.0f}"


def travel_text(answers: FinderAnswers) -> str:
    if answers.travel_distance is None:
        return NO_PREFERENCE
    unit = _label(DistanceUnit, answers.distance_unit)
    if answers.travel_distance == 1:
        unit = unit.rstrip("s")
    return f"Up to {_number(answers.travel_distance)} {unit}"


def _topic_names(topic_ids: tuple[int, ...]) -> list[str]:
    if not topic_ids:
        return []
    return list(Topic.objects.filter(pk__in=topic_ids).values_list("name", flat=True))


def _safe_availability(slot: str) -> str:
    try:
        return availability_label(slot)
    except ValueError:
        return slot


def answer_rows(answers: FinderAnswers) -> list[tuple[str, str, str]]:
    """(question, answer in words, step value) for each question, in the order asked. One
    query at most (topic names)."""
    needs = [_label(AccessNeed, need) for need in answers.access_needs if need != AccessNeed.OTHER]
    if answers.access_needs_other:
        needs.append(answers.access_needs_other)
    rows = [
        ("What's on your mind", _listed(_topic_names(answers.topics)), Step.TOPICS),
    ]
    if answers.about:
        rows.append(("In your own words", answers.about, Step.TOPICS))
    rows += [
        (
            "Group or one to one",
            _listed([_label(Format, value) for value in answers.formats]),
            Step.CONNECT,
        ),
        (
            "How you'd like to connect",
            _listed([_label(ContactMode, value) for value in answers.modes]),
            Step.WAYS,
        ),
        (
            "When you're free",
            _listed([_safe_availability(slot) for slot in answers.availability]),
            Step.WHEN,
        ),
        ("Where you are", answers.place_name or NO_PREFERENCE, Step.WHERE),
        ("How far you can travel", travel_text(answers), Step.WHERE),
        (
            "Languages",
            _listed([LANGUAGE_NAMES.get(code, code) for code in answers.languages]),
            Step.LANGUAGES,
        ),
        ("Anything that makes it hard to take part", _listed(needs), Step.ACCESS),
    ]
    if answers.access_needs:
        flexible = (
            "Yes, show me places without everything I ticked"
            if answers.access_flexible
            else "No, only places with everything I need"
        )
        rows.append(("Places without everything I need", flexible, Step.ACCESS))
    return [(question, answer, str(step)) for question, answer, step in rows]


def when_words(starts_at: datetime, timezone_name: str) -> str:
    """The date in words, in the meeting's own timezone: "Tuesday 1 December, 7pm" or
    "Tuesday 1 December, 7:30pm"."""
    try:
        local = starts_at.astimezone(ZoneInfo(timezone_name))
    except (ValueError, ZoneInfoNotFoundError):
        local = starts_at
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{local:%A} {local.day} {local:%B}, {hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


@dataclass(frozen=True)
class ShownMeeting:
    when: str
    url: str
    starts_at: datetime


@dataclass(frozen=True)
class ShownOption:
    """An option as the results page shows it."""

    option: Option
    kind_label: str
    meetings: tuple[ShownMeeting, ...]


def shown_options(options) -> list[ShownOption]:
    """Options with the words for their kind ("Support group") and their next meetings'
    dates. One query at most (the groups' kinds)."""
    group_ids = [o.object_id for o in options if o.kind == OptionKind.GROUP and o.object_id]
    kinds = (
        dict(Group.objects.filter(pk__in=group_ids).values_list("pk", "kind")) if group_ids else {}
    )
    shown = []
    for option in options:
        if option.kind == OptionKind.GROUP:
            label = _label(GroupKind, kinds.get(option.object_id, "")) or "Group"
        else:
            label = _label(OptionKind, option.kind)
        meetings = tuple(
            ShownMeeting(when_words(m.starts_at, m.timezone), m.url, m.starts_at)
            for m in option.next_meetings
        )
        shown.append(ShownOption(option, label, meetings))
    return shown
