"""A snapshot of everything the finder can offer, built in a fixed number of queries and
held per process. Every search first asks one cheap version query (counts and latest
changes of the tables the snapshot reads); the snapshot is rebuilt when that changes, and
at least every few minutes, since time moves next meetings on."""

import statistics
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.db import connection
from django.utils import timezone

from alongside.accounts.choices import AVAILABILITY_SLOTS, LANGUAGES, Day, DayPart
from alongside.accounts.models import Topic, User
from alongside.community.models import Space
from alongside.groups.choices import GroupStatus, MeetingMode, VenueFeature
from alongside.groups.models import Group, Venue
from alongside.matching.availability import BLOCKS_PER_WEEK
from alongside.matching.choices import MatchStatus, RequestStatus, SupportKind
from alongside.matching.engine.facts import SupporterFacts
from alongside.matching.engine.load import load_supporters
from alongside.matching.models import Match, SupporterProfile, SupportRequest
from alongside.meetings.models import Meeting, Occurrence, OccurrenceStatus
from alongside.safety.models import Suspension

MAX_AGE = timedelta(minutes=5)
HORIZON = timedelta(weeks=8)
NEXT_MEETINGS = 3
WAIT_WINDOW = timedelta(days=180)
# Matches that ended someone's wait (a declined or cancelled proposal sends them back to it).
MATCHED_STATUSES = (MatchStatus.PROPOSED, MatchStatus.ACTIVE, MatchStatus.ENDED)

LANGUAGE_CODES = [code for code, _ in LANGUAGES]
FEATURES = list(VenueFeature.values)
DAYS = list(Day.values)
PARTS = list(DayPart.values)


def day_part(hour: int) -> str:
    if hour < 12:
        return DayPart.MORNING
    if hour < 17:
        return DayPart.AFTERNOON
    return DayPart.EVENING


def slot_index(local: datetime) -> int:
    """The AVAILABILITY_SLOTS index of a local time ("tue_evening")."""
    return local.weekday() * len(PARTS) + PARTS.index(day_part(local.hour))


@dataclass(frozen=True)
class Groups:
    """Active groups, one row each; arrays for the vectorised path, lists for the words."""

    ids: np.ndarray
    kinds: list[str]
    names: list[str]
    slugs: list[str]
    purposes: list[str]
    search_text: list[str]  # name and purpose, lower case, for keywords
    modes: np.ndarray  # MeetingMode values (object)
    mode_is: dict[str, np.ndarray]  # MeetingMode → bool
    text_blob: str  # every group's search text, one per line, for keyword search
    text_starts: np.ndarray  # where each group's line starts in text_blob
    keyword_masks: dict[str, np.ndarray]  # keyword → which groups mention it (filled lazily)
    topics: np.ndarray  # bool, groups x topic columns
    topic_ids: list[tuple[int, ...]]
    languages: np.ndarray  # bool, groups x LANGUAGE_CODES (no languages stored: English)
    latitudes: np.ndarray  # NaN without a venue
    longitudes: np.ndarray
    features: np.ndarray  # bool, groups x FEATURES
    venue_names: list[str]
    slots: np.ndarray  # bool, groups x AVAILABILITY_SLOTS: when the next 8 weeks' meetings are
    next_meetings: list[tuple[tuple[int, datetime, str], ...]]  # (occurrence id, start, tz)
    days_to_next: np.ndarray  # NaN with nothing planned

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class SpaceRow:
    id: int
    name: str
    slug: str
    description: str
    topic_ids: frozenset[int]


ONE_TO_ONE_MODES = ["in_person", "video", "phone", "text_chat"]


@dataclass(frozen=True)
class Supporters:
    """Supporters with a free place offering one kind of 1:1 support, as arrays."""

    languages: np.ndarray  # bool, supporters x LANGUAGE_CODES (none stored: English)
    modes: np.ndarray  # bool, supporters x ONE_TO_ONE_MODES
    latitudes: np.ndarray  # NaN without a place
    longitudes: np.ndarray
    max_km: np.ndarray  # inf when not given
    half_hours: np.ndarray  # bool, supporters x 336 half hours of the week
    topics: np.ndarray  # bool, supporters x topic columns

    def __len__(self) -> int:
        return len(self.max_km)


def _supporters_table(facts: list[SupporterFacts], topic_columns: dict[int, int]) -> Supporters:
    n = len(facts)
    languages = np.zeros((n, len(LANGUAGE_CODES)), dtype=bool)
    modes = np.zeros((n, len(ONE_TO_ONE_MODES)), dtype=bool)
    half_hours = np.zeros((n, BLOCKS_PER_WEEK), dtype=bool)
    topics = np.zeros((n, max(1, len(topic_columns))), dtype=bool)
    language_column = {code: i for i, code in enumerate(LANGUAGE_CODES)}
    for index, supporter in enumerate(facts):
        codes = [c for c in supporter.languages if c in language_column] or ["en"]
        languages[index, [language_column[c] for c in codes]] = True
        for j, mode in enumerate(ONE_TO_ONE_MODES):
            modes[index, j] = mode in supporter.modes
        half_hours[index, list(supporter.half_hours)] = True
        columns = [topic_columns[t] for t in supporter.topic_ids if t in topic_columns]
        topics[index, columns] = True
    return Supporters(
        languages=languages,
        modes=modes,
        latitudes=np.array([np.nan if s.latitude is None else s.latitude for s in facts]),
        longitudes=np.array([np.nan if s.longitude is None else s.longitude for s in facts]),
        max_km=np.array(
            [np.inf if s.max_distance_km is None else s.max_distance_km for s in facts], dtype=float
        ),
        half_hours=half_hours,
        topics=topics,
    )


@dataclass(frozen=True)
class Waiting:
    """How long people wait for a kind of 1:1 support just now."""

    days: float | None  # None: nothing to go on
    no_wait: bool  # supporters are free and nobody is waiting
    waiting_now: int


@dataclass(frozen=True)
class Catalogue:
    version: dict[str, tuple]  # by part: topics, groups, spaces, support
    built_for: datetime
    topic_columns: dict[int, int]  # topic id → column in Groups.topics
    topic_names: dict[int, str]
    groups: Groups
    spaces: tuple[SpaceRow, ...]
    supporters: dict[str, Supporters]  # SupportKind → those with a free place
    waiting: dict[str, Waiting]


def _scalar(select: str, model, where: str = "") -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    return f"(SELECT {select} FROM {table}{where})"  # noqa: S608 (our own names only)


def _active_supporters() -> str:
    profiles = connection.ops.quote_name(SupporterProfile._meta.db_table)
    users = connection.ops.quote_name(User._meta.db_table)
    return (
        f"(SELECT COUNT(*) FROM {profiles} JOIN {users} "  # noqa: S608 (our own names only)
        f"ON {users}.id = {profiles}.user_id WHERE {users}.is_active)"
    )


def _version() -> dict[str, tuple]:
    """One query: counts, largest ids and latest changes of everything the snapshot reads,
    by part (a change to matches rebuilds only the supporters, not 10,000 groups)."""
    cancelled = f" WHERE status = '{OccurrenceStatus.CANCELLED}'"
    parts = {
        "topics": [_scalar("COUNT(*)", Topic, " WHERE is_active"), _scalar("MAX(id)", Topic)],
        "groups": [
            *(_scalar(f, m) for m in (Group, Venue, Meeting)
              for f in ("COUNT(*)", "MAX(updated_at)")),
            _scalar("MAX(id)", Occurrence),
            _scalar("COUNT(*)", Occurrence, cancelled),
            _scalar("COUNT(*)", Group.topics.through),
            _scalar("MAX(id)", Group.topics.through),
        ],
        "spaces": [
            _scalar("COUNT(*)", Space),
            _scalar("MAX(updated_at)", Space),
            _scalar("COUNT(*)", Space.topics.through),
            _scalar("MAX(id)", Space.topics.through),
        ],
        "support": [
            *(_scalar(f, m) for m in (SupporterProfile, Match, SupportRequest)
              for f in ("COUNT(*)", "MAX(updated_at)")),
            _scalar("COUNT(*)", SupporterProfile.topics.through),
            _scalar("MAX(id)", SupporterProfile.topics.through),
            # A supporter suspended or lifted, or whose account is closed, changes nothing
            # on their profile.
            _scalar("MAX(id)", Suspension),
            _scalar("COUNT(*)", Suspension, " WHERE lifted_at IS NULL"),
            _active_supporters(),
        ],
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(sql for part in parts.values() for sql in part))
        values = iter(str(value) for value in cursor.fetchone())
    return {name: (connection.alias, *(next(values) for _ in sqls)) for name, sqls in parts.items()}


def _build_groups(now: datetime, topic_columns: dict[int, int]) -> Groups:
    rows = list(
        Group.objects.filter(status=GroupStatus.ACTIVE)
        .order_by("id")
        .values_list(
            "id", "kind", "name", "slug", "purpose", "languages", "mode",
            "venue__name", "venue__latitude", "venue__longitude", "venue__features",
        )
    )  # fmt: skip
    n = len(rows)
    row_of = {row[0]: index for index, row in enumerate(rows)}
    topics = np.zeros((n, max(1, len(topic_columns))), dtype=bool)
    topic_ids: list[list[int]] = [[] for _ in range(n)]
    links = Group.topics.through.objects.filter(group__status=GroupStatus.ACTIVE)
    for group_id, topic_id in links.values_list("group_id", "topic_id"):
        index = row_of.get(group_id)
        if index is not None and topic_id in topic_columns:
            topics[index, topic_columns[topic_id]] = True
            topic_ids[index].append(topic_id)
    languages = np.zeros((n, len(LANGUAGE_CODES)), dtype=bool)
    features = np.zeros((n, len(FEATURES)), dtype=bool)
    latitudes = np.full(n, np.nan)
    longitudes = np.full(n, np.nan)
    language_column = {code: i for i, code in enumerate(LANGUAGE_CODES)}
    feature_column = {feature: i for i, feature in enumerate(FEATURES)}
    for index, row in enumerate(rows):
        codes = [c for c in (row[5] or []) if c in language_column] or ["en"]
        languages[index, [language_column[c] for c in codes]] = True
        if row[7] is not None and row[6] in (MeetingMode.IN_PERSON, MeetingMode.HYBRID):
            latitudes[index], longitudes[index] = row[8], row[9]
            for feature in row[10] or []:
                if feature in feature_column:
                    features[index, feature_column[feature]] = True
    slots = np.zeros((n, len(AVAILABILITY_SLOTS)), dtype=bool)
    next_meetings: list[list[tuple[int, datetime, str]]] = [[] for _ in range(n)]
    days_to_next = np.full(n, np.nan)
    occurrences = (
        Occurrence.objects.filter(
            status=OccurrenceStatus.SCHEDULED,
            starts_at__gte=now,
            starts_at__lt=now + HORIZON,
            meeting__group__status=GroupStatus.ACTIVE,
        )
        .order_by("starts_at", "id")
        .values_list("id", "meeting__group_id", "starts_at", "meeting__timezone")
    )
    zones: dict[str, ZoneInfo] = {}
    for occurrence_id, group_id, starts_at, zone_name in occurrences:
        index = row_of.get(group_id)
        if index is None:
            continue
        if zone_name not in zones:
            try:
                zones[zone_name] = ZoneInfo(zone_name)
            except (KeyError, ValueError):
                zones[zone_name] = ZoneInfo("Europe/London")
        slots[index, slot_index(starts_at.astimezone(zones[zone_name]))] = True
        if len(next_meetings[index]) < NEXT_MEETINGS:
            if not next_meetings[index]:
                days_to_next[index] = (starts_at - now).total_seconds() / 86400
            next_meetings[index].append((occurrence_id, starts_at, zone_name))
    modes = np.array([row[6] for row in rows], dtype=object)
    search_text = [f"{row[2]} {row[4]}".lower().replace("\n", " ") for row in rows]
    starts = np.cumsum([0] + [len(text) + 1 for text in search_text])[:-1]
    return Groups(
        ids=np.array([row[0] for row in rows], dtype=np.int64),
        kinds=[row[1] for row in rows],
        names=[row[2] for row in rows],
        slugs=[row[3] for row in rows],
        purposes=[row[4] for row in rows],
        search_text=search_text,
        modes=modes,
        mode_is={mode: modes == mode for mode in MeetingMode.values},
        text_blob="\n".join(search_text),
        text_starts=np.asarray(starts, dtype=np.int64),
        keyword_masks={},
        topics=topics,
        topic_ids=[tuple(ids) for ids in topic_ids],
        languages=languages,
        latitudes=latitudes,
        longitudes=longitudes,
        features=features,
        venue_names=[row[7] or "" for row in rows],
        slots=slots,
        next_meetings=[tuple(meetings) for meetings in next_meetings],
        days_to_next=days_to_next,
    )


def _build_spaces() -> tuple[SpaceRow, ...]:
    spaces = list(
        Space.objects.filter(is_archived=False)
        .order_by("name")
        .values_list("id", "name", "slug", "description")
    )
    topic_ids: dict[int, set[int]] = {}
    links = Space.topics.through.objects.filter(space__is_archived=False)
    for space_id, topic_id in links.values_list("space_id", "topic_id"):
        topic_ids.setdefault(space_id, set()).add(topic_id)
    return tuple(
        SpaceRow(id=pk, name=name, slug=slug, description=text,
                 topic_ids=frozenset(topic_ids.get(pk, ())))
        for pk, name, slug, text in spaces
    )  # fmt: skip


def _build_waiting(now: datetime, supporters: dict[str, Supporters]) -> dict[str, Waiting]:
    matched: dict[str, list[float]] = {kind: [] for kind in SupportKind.values}
    recent = Match.objects.filter(
        created_at__gte=now - WAIT_WINDOW, status__in=MATCHED_STATUSES
    ).values_list("kind", "request__waiting_since", "created_at")
    for kind, since, matched_at in recent:
        if kind in matched and since is not None:
            matched[kind].append(max(0.0, (matched_at - since).total_seconds() / 86400))
    waiting: dict[str, list[float]] = {kind: [] for kind in SupportKind.values}
    queue = SupportRequest.objects.filter(status=RequestStatus.WAITING).values_list(
        "kind", "waiting_since"
    )
    for kind, since in queue:
        if kind in waiting:
            waiting[kind].append(max(0.0, (now - since).total_seconds() / 86400))
    result = {}
    for kind in SupportKind.values:
        days = matched[kind] or waiting[kind]
        result[kind] = Waiting(
            days=statistics.median(days) if days else None,
            no_wait=kind in supporters and len(supporters[kind]) > 0 and not waiting[kind],
            waiting_now=len(waiting[kind]),
        )
    return result


def _build_support(now: datetime, topic_columns: dict[int, int]) -> tuple[dict, dict]:
    everyone = load_supporters()
    supporters = {
        kind: _supporters_table([s for s in everyone if kind in s.kinds], topic_columns)
        for kind in SupportKind.values
    }
    return supporters, _build_waiting(now, supporters)


def build_catalogue(
    *, now: datetime | None = None, version: dict | None = None, reuse: Catalogue | None = None
) -> Catalogue:
    """A new snapshot. With `reuse`, the parts whose version hasn't changed are kept."""
    now = now or timezone.now()
    version = version or {}
    if reuse is not None and reuse.version.get("topics") != version.get("topics"):
        reuse = None
    if reuse is not None:
        topic_columns, topic_names = reuse.topic_columns, reuse.topic_names
    else:
        topic_names = dict(Topic.objects.filter(is_active=True).values_list("id", "name"))
        topic_columns = {topic_id: i for i, topic_id in enumerate(sorted(topic_names))}

    def unchanged(part: str) -> bool:
        return reuse is not None and reuse.version.get(part) == version.get(part)

    if unchanged("support"):
        supporters, waiting = reuse.supporters, reuse.waiting
    else:
        supporters, waiting = _build_support(now, topic_columns)
    return Catalogue(
        version=version,
        # Its oldest part's time, so that every part is rebuilt at least every MAX_AGE.
        built_for=reuse.built_for if reuse is not None else now,
        topic_columns=topic_columns,
        topic_names=topic_names,
        groups=reuse.groups if unchanged("groups") else _build_groups(now, topic_columns),
        spaces=reuse.spaces if unchanged("spaces") else _build_spaces(),
        supporters=supporters,
        waiting=waiting,
    )


_lock = threading.Lock()
_current: dict[str, Catalogue] = {}


def get_catalogue(*, now: datetime | None = None) -> Catalogue:
    """The snapshot for `now`: the one held if nothing changed and it is fresh (one
    query), else one with the changed parts rebuilt (all of it every MAX_AGE)."""
    now = now or timezone.now()
    version = _version()
    held = _current.get("catalogue")
    fresh = held is not None and held.built_for <= now < held.built_for + MAX_AGE
    if fresh and held.version == version:
        return held
    with _lock:
        latest = _current.get("catalogue")
        if latest is not held and latest is not None and latest.version == version:
            return latest  # another thread built it while this one waited
        catalogue = build_catalogue(now=now, version=version, reuse=held if fresh else None)
        _current["catalogue"] = catalogue
    return catalogue


def forget_catalogue() -> None:
    """Drop the held snapshot (tests, and after bulk loads)."""
    _current.pop("catalogue", None)
