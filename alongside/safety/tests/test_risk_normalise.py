"""Normalisation turns disguised spellings into the plain phrases the rules look for."""

import sys
import unicodedata

import pytest

from alongside.safety.risk.normalise import ALIASES, INVISIBLE_RANGES, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I WANT", "i want"),
        ("café", "cafe"),
        ("\uff4b\uff49\uff4c\uff4c", "kill"),  # fullwidth letters (NFKC)
        ("k\u200bi\u200dll", "kill"),  # zero-width characters splitting a word
        ("k\u200ei\u202ell", "kill"),  # direction marks
        ("k\u034fi\u3164ll", "kill"),  # an invisible joiner and a Hangul filler
        ("k\U000e0020ill", "kill"),  # a tag character
        ("k1ll mys3lf", "kill myself"),
        ("d13", "die"),
        ("su!c!de", "suicide"),
        ("$elf harm", "self harm"),
        ("self-harm", "self harm"),
        ("killlllll", "kill"),
        ("dieeee", "die"),
        ("tonighttttt", "tonight"),
        ("sooooo", "so"),
        ("kms", "kill myself"),
        ("unalive myself", "kill myself"),
        ("i want to unalive", "i want to die"),
        ("sewer slide", "suicide"),
        ("self delete", "kill myself"),
        ("sucide", "suicide"),
        ("kil myslef", "kill myself"),
        ("I\u2019m", "i am"),
        ("don't", "do not"),
        ("gonna", "going to"),
        ("“quoted”", '"quoted"'),
        ("10pm on the 3rd", "10pm on the 3rd"),  # numbers are not leetspeak
        ("I scored 100% in 2024!", "i scored 100% in 2024!"),
        ("ok  \t then", "ok then"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_every_alias_rewrites_to_its_canonical_phrase():
    for source, target in ALIASES.items():
        assert normalise(source) == normalise(target), source


def test_ordinary_words_are_left_alone():
    text = "we went to the shops and bought bread, then walked home"
    assert normalise(text) == text


def test_every_format_character_is_treated_as_invisible():
    covered = {code for low, high in INVISIBLE_RANGES for code in range(low, high + 1)}
    format_characters = {
        code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
    }
    assert format_characters <= covered, sorted(map(hex, format_characters - covered))
