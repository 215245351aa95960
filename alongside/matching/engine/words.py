"""Small pieces of plain English for explanations: lists, languages, ways of meeting."""

from alongside.accounts.choices import LANGUAGE_NAMES, Day
from alongside.matching.choices import SUPPORTER_NOUN, AgeGroup, Gender, SupportKind

# How a language reads in a sentence ("Both speak Welsh"), where its menu label carries
# a second name in brackets.
SHORT_LANGUAGE_NAMES = {"zh": "Mandarin Chinese", "fa": "Farsi"}

# Ways of meeting as they read after "offers" or "both prefer".
MODE_PHRASES = {
    "in_person": "meeting in person",
    "video": "video calls",
    "phone": "phone calls",
    "text_chat": "text chat",
}
MODE_ORDER = ["in_person", "video", "phone", "text_chat"]


def join_words(items: list[str], conjunction: str = "and") -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def language_name(code: str) -> str:
    if code in SHORT_LANGUAGE_NAMES:
        return SHORT_LANGUAGE_NAMES[code]
    return LANGUAGE_NAMES.get(code, code).split(" (")[0]


def language_list(codes, conjunction: str = "and") -> str:
    # English last: the less common language is the one worth reading first.
    ordered = sorted(codes, key=lambda code: (code == "en", language_name(code)))
    return join_words([language_name(code) for code in ordered], conjunction)


def mode_list(modes, conjunction: str = "or") -> str:
    """ "phone or video calls" when every way is a call, else "meeting in person, video
    calls or phone calls"."""
    ordered = sorted(modes, key=lambda m: MODE_ORDER.index(m) if m in MODE_ORDER else 99)
    phrases = [MODE_PHRASES.get(m, m.replace("_", " ")) for m in ordered]
    if len(phrases) > 1 and all(p.endswith(" calls") for p in phrases):
        return join_words([p.removesuffix(" calls") for p in phrases], conjunction) + " calls"
    return join_words(phrases, conjunction)


def kind_label(kind: str) -> str:
    try:
        return SupportKind(kind).label.lower()
    except ValueError:
        return kind


def supporter_noun(kind: str, count: int = 1) -> str:
    try:
        noun = SUPPORTER_NOUN[SupportKind(kind)]
    except ValueError:
        noun = "supporter"
    return noun if count == 1 else noun + "s"


def topic_phrase(name: str) -> str:
    """ "Bereavement" reads as "bereavement" mid-sentence; "PTSD" stays as it is."""
    if len(name) > 1 and name[:2].isupper():
        return name
    return name[:1].lower() + name[1:]


GENDER_PHRASES = {Gender.WOMAN: "a woman", Gender.MAN: "a man", Gender.NON_BINARY: "non-binary"}


def gender_phrase(genders) -> str:
    """ "a woman or non-binary"."""
    return join_words([GENDER_PHRASES[g] for g in Gender if g.value in genders], "or")


def age_groups_phrase(groups) -> str:
    labels = [AgeGroup(g).label for g in AgeGroup.values if g in groups]
    return "aged " + join_words(labels, "or")


def day_part(start_block_of_day: int) -> str:
    hour = start_block_of_day // 2
    if hour < 6:
        return "nights"
    if hour < 12:
        return "mornings"
    if hour < 17:
        return "afternoons"
    return "evenings"


def day_name(day_index: int) -> str:
    return Day(Day.values[day_index]).label
