"""Finding "@Display Name" mentions in a post. Display names may contain spaces, so after
each @ the longest existing name that fits is the one meant ("@Sam Lee" over "@Sam")."""

import re

from django.db.models import Q

from alongside.accounts.models import Profile

MAX_MENTIONS = 10
NAME_MAX_LENGTH = 40  # Profile.display_name's max_length
MENTION_START = re.compile(r"(?<![\w@])@(\w[^\n@]{0,39})")


def find_mentioned_users(text: str) -> list:
    """The members mentioned in `text`, in order of first mention, at most MAX_MENTIONS."""
    windows = [match.group(1) for match in MENTION_START.finditer(text or "")][:50]
    if not windows:
        return []
    first_words = {window.split()[0].rstrip(".,!?;:)'\"").lower() for window in windows}
    first_words.discard("")
    if not first_words:
        return []
    query = Q()
    for word in first_words:
        query |= Q(display_name__istartswith=word)
    candidates = list(
        Profile.objects.filter(query, user__is_active=True).select_related("user")[:500]
    )
    candidates.sort(key=lambda profile: len(profile.display_name), reverse=True)
    found, seen = [], set()
    for window in windows:
        lowered = window.lower()
        for profile in candidates:
            name = profile.display_name.lower()
            rest = lowered[len(name) : len(name) + 1]
            if lowered.startswith(name) and not (rest.isalnum() or rest == "_"):
                if profile.user_id not in seen:
                    seen.add(profile.user_id)
                    found.append(profile.user)
                break
        if len(found) >= MAX_MENTIONS:
            break
    return found
