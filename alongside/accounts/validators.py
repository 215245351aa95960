import re
import unicodedata

from django.core.exceptions import ValidationError

DISPLAY_NAME_PATTERN = re.compile(r"^[\w][\w .'\-]*$")
RESERVED_DISPLAY_NAMES = {
    "admin", "administrator", "alongside", "coordinator", "moderator", "staff", "support",
    "system", "anonymous", "deleted member",
}  # fmt: skip


def clean_display_name_text(value: str) -> str:
    """Tidy and check a display name's form; uniqueness is checked by the form."""
    # NFKC, as Django does for usernames: "Zoe" + a combining diaeresis becomes "Zoë", and
    # "Moderator" in full-width letters becomes plain "Moderator", so reserved and taken
    # names can't be copied with look-alike characters.
    name = " ".join(unicodedata.normalize("NFKC", value).split())
    if len(name) < 2:
        raise ValidationError("Use at least 2 characters for your display name.")
    if len(name) > 40:
        raise ValidationError("Use 40 characters or fewer for your display name.")
    if "@" in name:
        raise ValidationError(
            "Your display name can't contain @. It is shown to other members, so don't use "
            "your email address."
        )
    if not DISPLAY_NAME_PATTERN.match(name):
        raise ValidationError(
            "Use letters, numbers, spaces, hyphens, full stops or apostrophes, "
            "starting with a letter or number."
        )
    if name.casefold() in RESERVED_DISPLAY_NAMES:
        raise ValidationError("That name is reserved. Choose another display name.")
    return name
