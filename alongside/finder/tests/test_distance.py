import numpy as np
import pytest
from django.utils import translation

from alongside.finder.distance import (
    default_unit,
    distance_text,
    haversine_km,
    haversine_km_many,
)


def test_haversine_cardiff_to_swansea():
    assert haversine_km(51.48, -3.18, 51.62, -3.94) == pytest.approx(54.8, abs=0.5)
    assert haversine_km(51.48, -3.18, 51.48, -3.18) == 0


def test_the_vectorised_form_agrees_and_keeps_nan():
    lats = np.array([51.62, np.nan, 51.48])
    lons = np.array([-3.94, 0.0, -3.18])
    many = haversine_km_many(51.48, -3.18, lats, lons)
    assert many[0] == pytest.approx(haversine_km(51.48, -3.18, 51.62, -3.94))
    assert np.isnan(many[1])
    assert many[2] == 0


@pytest.mark.parametrize(("km", "unit", "text"),
                         [(3.2187, "mi", "2 miles away"), (0.8, "mi", "0.5 miles away"),
                          (1.609, "mi", "1 mile away"), (22.5, "mi", "14 miles away"),
                          (3, "km", "3 km away"), (0.01, "km", "0.1 km away"),
                          (7.25, "km", "7.2 km away"), (123.4, "km", "123 km away")])  # fmt: skip
def test_distance_text(km, unit, text):
    assert distance_text(km, unit) == text


@pytest.mark.parametrize(("language", "unit"),
                         [("en-gb", "mi"), ("en-us", "mi"), ("en", "mi"), ("cy", "km"),
                          ("fr", "km")])  # fmt: skip
def test_default_unit_follows_the_locale(language, unit):
    with translation.override(language):
        assert default_unit() == unit
