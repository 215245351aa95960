"""Distances between a person's town and venues or supporters: great-circle (haversine) on
stored coordinates, shown in miles or kilometres."""

import math

import numpy as np
from django.utils import translation

from alongside.finder.answers import DistanceUnit

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
MILES_LOCALES = frozenset({"en", "en-gb", "en-us"})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances from one point to many (NaN where a coordinate is NaN)."""
    phi1 = math.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def default_unit() -> str:
    """Miles for British and American English, kilometres otherwise."""
    language = (translation.get_language() or "").lower()
    return DistanceUnit.MILES if language in MILES_LOCALES else DistanceUnit.KILOMETRES


def in_unit(km: float, unit: str) -> float:
    return km / KM_PER_MILE if unit == DistanceUnit.MILES else km


def amount_text(km: float, unit: str) -> str:
    """ "2 miles", "0.5 miles", "1 mile", "14 miles", "3 km": one decimal below 10, whole above."""
    value = in_unit(km, unit)
    if value < 10:
        value = max(0.1, round(value, 1))
        number = f"{value:.1f}".removesuffix(".0")
    else:
        number = f"{round(value):,}"
    if unit == DistanceUnit.MILES:
        return f"{number} mile" if number == "1" else f"{number} miles"
    return f"{number} km"


def distance_text(km: float, unit: str) -> str:
    """ "2 miles away", "0.5 miles away", "3 km away"."""
    return f"{amount_text(km, unit)} away"
