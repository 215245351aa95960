"""The fixed vocabularies of a member's profile."""

from django.db import models


class Visibility(models.TextChoices):
    ONLY_ME = "only_me", "Only me"
    STAFF = "staff", "Only staff (coordinators and moderators)"
    CONNECTIONS = "connections", "Staff and members I'm connected with"
    MEMBERS = "members", "All members"


class ContactMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    TEXT_CHAT = "text_chat", "Text chat"
    FORUM = "forum", "Online forum"


class AccessNeed(models.TextChoices):
    STEP_FREE = "step_free", "Step-free access"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    BSL_INTERPRETER = "bsl_interpreter", "British Sign Language (BSL) interpreter"
    LANGUAGE_INTERPRETER = "language_interpreter", "Interpreter for another language"
    LARGE_PRINT = "large_print", "Large print"
    QUIET_SPACE = "quiet_space", "A quiet space"
    TRAVEL_COSTS = "travel_costs", "Help with travel costs"
    CHILDCARE = "childcare", "Childcare"
    OTHER = "other", "Something else (tell us below)"


class Day(models.TextChoices):
    MON = "mon", "Monday"
    TUE = "tue", "Tuesday"
    WED = "wed", "Wednesday"
    THU = "thu", "Thursday"
    FRI = "fri", "Friday"
    SAT = "sat", "Saturday"
    SUN = "sun", "Sunday"


class DayPart(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


AVAILABILITY_SLOTS = [f"{day}_{part}" for day in Day.values for part in DayPart.values]


def availability_label(slot: str) -> str:
    day, part = slot.split("_", 1)
    return f"{Day(day).label} {DayPart(part).label.lower()}"


# Languages people in UK peer-support organisations most often ask for, by IETF tag.
# British Sign Language is a language in its own right.
LANGUAGES = [
    ("en", "English"),
    ("cy", "Welsh (Cymraeg)"),
    ("gd", "Scottish Gaelic (Gàidhlig)"),
    ("ga", "Irish (Gaeilge)"),
    ("bfi", "British Sign Language"),
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("bg", "Bulgarian"),
    ("yue", "Cantonese"),
    ("zh", "Chinese (Mandarin)"),
    ("fa", "Farsi (Persian)"),
    ("fr", "French"),
    ("de", "German"),
    ("el", "Greek"),
    ("gu", "Gujarati"),
    ("hi", "Hindi"),
    ("hu", "Hungarian"),
    ("it", "Italian"),
    ("ku", "Kurdish"),
    ("lt", "Lithuanian"),
    ("pa", "Punjabi"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ps", "Pashto"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("so", "Somali"),
    ("es", "Spanish"),
    ("ta", "Tamil"),
    ("ti", "Tigrinya"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
    ("yo", "Yoruba"),
]
LANGUAGE_NAMES = dict(LANGUAGES)
