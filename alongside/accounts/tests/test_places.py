"""Typed place names resolve to exactly one town or city, or fail with what to type instead."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.accounts import places
from alongside.accounts.places import (
    PlaceAmbiguous,
    PlaceNotFound,
    get_place,
    resolve_place,
    search_places,
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Cardiff", "Cardiff, Wales, United Kingdom"),
        ("  CARDIFF ", "Cardiff, Wales, United Kingdom"),
        ("Cardiff, UK", "Cardiff, Wales, United Kingdom"),
        ("Cardiff, Wales", "Cardiff, Wales, United Kingdom"),
        ("Newport, Wales", "Newport, Wales, United Kingdom"),
        ("Newport, England", "Newport, England, United Kingdom"),
        ("Newport, Wales, United Kingdom", "Newport, Wales, United Kingdom"),
        ("stoke on trent", "Stoke-on-Trent, England, United Kingdom"),
        ("zurich", "Zürich, Switzerland"),
        ("Springfield, Illinois", "Springfield, Illinois, United States"),
        ("London, Canada", "London, Canada"),
    ],
)
def test_a_place_resolves_to_one_label(text, label):
    assert resolve_place(text).label == label


@pytest.mark.parametrize(
    ("label", "geonameid"),
    [
        ("St Helens, England, United Kingdom", 2638785),  # Merseyside
        ("St. Helens, England, United Kingdom", 2638786),  # Isle of Wight
        ("Basford, Stoke-on-Trent, England, United Kingdom", 12123208),
        ("basford,  stoke-on-trent, england, united kingdom", 12123208),
    ],
)
def test_a_suggested_label_means_exactly_that_place(label, geonameid):
    assert resolve_place(label).geonameid == geonameid


def test_every_uk_place_can_be_saved_by_its_label():
    uk = [p for p in places._gazetteer().by_id.values() if p.country_code == "GB"]
    assert len(uk) > 1000

    wrong = [p.label for p in uk if resolve_place(p.label).label != p.label]

    assert wrong == []


def test_a_bare_name_means_the_place_in_the_organisations_country():
    assert resolve_place("London").label == "London, England, United Kingdom"
    assert resolve_place("London", home_country="CA").label == "London, Canada"


def test_the_home_country_comes_from_settings(settings):
    settings.ALONGSIDE_COUNTRY = "CA"

    assert resolve_place("London").label == "London, Canada"


def test_a_resolved_place_carries_its_coordinates():
    cardiff = resolve_place("Cardiff")

    assert cardiff.country_code == "GB"
    assert 51 < cardiff.latitude < 52
    assert -4 < cardiff.longitude < -3
    assert get_place(cardiff.geonameid) == cardiff


@pytest.mark.parametrize(
    ("text", "includes"),
    [
        ("Newport", {"Newport, Wales, United Kingdom", "Newport, England, United Kingdom"}),
        ("Springfield, US", {"Springfield, Illinois, United States"}),
        ("Paris", {"Paris, France", "Paris, Texas, United States"}),
    ],
)
def test_a_shared_name_is_ambiguous_and_lists_the_candidates(text, includes):
    with pytest.raises(PlaceAmbiguous) as raised:
        resolve_place(text)

    assert includes <= {place.label for place in raised.value.candidates}


@pytest.mark.parametrize(
    "text", ["Xyzzyville", "", "   ", ", ,", "Cardiff, France", "10 Downing St"]
)
def test_an_unknown_place_is_not_found(text):
    with pytest.raises(PlaceNotFound):
        resolve_place(text)


def test_suggestions_start_with_what_was_typed_biggest_first():
    labels = [place.label for place in search_places("Card")]

    assert labels[0] == "Cardiff, Wales, United Kingdom"
    assert len(labels) == 10
    assert len(set(labels)) == len(labels)


def test_suggestions_include_every_place_sharing_a_name():
    labels = [place.label for place in search_places("newport", limit=20)]

    assert "Newport, Wales, United Kingdom" in labels
    assert "Newport, England, United Kingdom" in labels


def test_suggestions_ignore_the_part_after_a_comma():
    labels = [place.label for place in search_places("Cardiff, Wal")]

    assert labels[0] == "Cardiff, Wales, United Kingdom"


@pytest.mark.parametrize("query", ["", "c", " ", ","])
def test_suggestions_need_two_letters(query):
    assert search_places(query) == []


def test_suggestions_respect_the_limit():
    assert len(search_places("San", limit=3)) == 3


def test_the_suggestions_endpoint_returns_datalist_options(db, client):
    response = client.get("/places/suggestions/", {"place": "Cardi"})

    assert response.status_code == 200
    assert '<option value="Cardiff, Wales, United Kingdom"></option>' in response.content.decode()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_is_resolved_or_refused_never_crashes(text):
    try:
        place = resolve_place(text)
    except (PlaceNotFound, PlaceAmbiguous):
        return
    # Whatever resolved, its own label resolves back to it.
    assert resolve_place(place.label).label == place.label


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_gets_suggestions_never_crashes(text):
    assert len(search_places(text)) <= 10
