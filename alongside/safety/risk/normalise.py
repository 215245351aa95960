"""Turn member text into one canonical form before the risk rules look at it.

Order matters: zero-width characters out, NFKC, casefold, accents stripped, apostrophes and
quotes unified, hyphens to spaces, leetspeak inside mixed words ("k1ll"), runs of repeated
letters collapsed ("killlll"), then the aliases in ``data/normalise.toml`` (algospeak,
misspellings, contractions) rewritten, longest first. Spaces are collapsed last.
"""

import re
import tomllib
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Characters that show nothing, used to split words ("k\u200bill"): every format character
# (Unicode category Cf: zero-width joiners, direction marks, tags, soft hyphens...), the
# variation selectors, and the invisible letters and fillers that are not Cf. Written as
# ranges rather than found by scanning all of Unicode, which cost every process 0.13 s at
# start-up; test_risk_normalise checks the ranges still cover every Cf character.
INVISIBLE_RANGES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2),
    (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
]  # fmt: skip
_INVISIBLE = {code: None for low, high in INVISIBLE_RANGES for code in range(low, high + 1)}
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "-": " ",
        "_": " ",
        "\u2013": " ",
        "\u2014": " ",
    }
)
_TOKEN = re.compile(r"[a-z0-9@$!|']+")
_NUMBER_FIRST = re.compile(r"\d+[a-z]*")
_RUN = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _load() -> tuple[dict[str, str], dict[str, str]]:
    with (DATA_DIR / "normalise.toml").open("rb") as handle:
        data = tomllib.load(handle)
    aliases = {}
    for entry in data["alias"]:
        for source in entry["from"]:
            aliases[source] = entry["to"]
    return data["leet"], aliases


LEET, ALIASES = _load()
_LEET_TABLE = str.maketrans(LEET)
_LEET_CHARS = frozenset(LEET)
_ALIAS_RE = re.compile(
    r"(?<![a-z0-9'])(?:"
    + "|".join(re.escape(key) for key in sorted(ALIASES, key=len, reverse=True))
    + r")(?![a-z0-9'])"
)
VOCABULARY: set[str] = set()


def add_vocabulary(patterns) -> None:
    """Teach the repeated-letter collapse the words the rules use ("dieee" -> "die")."""
    for pattern in patterns:
        VOCABULARY.update(re.findall(r"[a-z]{2,}", pattern))
    for phrase in ALIASES.values():
        VOCABULARY.update(phrase.split())


def _deleet(token: str) -> str:
    core = token.rstrip("!'")
    if not (_LEET_CHARS.intersection(core) and any(c.isalpha() for c in core)):
        return token
    if _NUMBER_FIRST.fullmatch(core):
        return token
    return core.translate(_LEET_TABLE) + token[len(core) :]


def _collapse(match: re.Match) -> str:
    token = match.group(0)
    if not _RUN.search(token):
        return token
    two = _RUN.sub(r"\1\1", token)
    if two in VOCABULARY:
        return two
    one = _RUN.sub(r"\1", token)
    return one if one in VOCABULARY else two


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.translate(_QUOTES)
    text = _TOKEN.sub(lambda m: _deleet(m.group(0)), text)
    text = _TOKEN.sub(_collapse, text)
    for _ in range(2):  # a second pass joins phrases the first one fixed ("kil myslef")
        text = _ALIAS_RE.sub(lambda m: ALIASES[m.group(0)], text)
    return _SPACES.sub(" ", text).strip()
