"""What a member has chosen not to see: members they blocked, words they muted, a break."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from alongside.community.models import Block, CommunitySettings


@dataclass(frozen=True)
class Protections:
    blocked_ids: frozenset[int] = frozenset()  # members this person blocked
    blocked_by_ids: frozenset[int] = frozenset()  # members who blocked this person
    muted_words: tuple[str, ...] = ()
    break_until: datetime | None = None
    _muted_pattern: re.Pattern | None = field(default=None, compare=False, repr=False)

    @property
    def is_on_break(self) -> bool:
        return self.break_until is not None and self.break_until > timezone.now()

    @property
    def collapses_anything(self) -> bool:
        """Whether this member blocked anyone or muted any word (if not, nothing needs
        checking before it is shown to them)."""
        return bool(self.blocked_ids or self._muted_pattern)

    def hides_presence_of(self, user_id: int) -> bool:
        """Neither side of a block sees the other as online."""
        return user_id in self.blocked_ids or user_id in self.blocked_by_ids

    def mentions_muted_word(self, text: str) -> bool:
        return bool(self._muted_pattern and self._muted_pattern.search(text))

    def collapse_reason(self, *, author_id: int | None, text: str) -> str:
        """Why this post or message is shown collapsed to this member ("" if it isn't)."""
        if author_id is not None and author_id in self.blocked_ids:
            return "You blocked this member."
        if self.mentions_muted_word(text):
            return "This contains a word you muted."
        return ""


NO_PROTECTIONS = Protections()


def _muted_pattern(words: list[str]) -> re.Pattern | None:
    words = [word.strip() for word in words if word.strip()]
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def settings_for(user) -> CommunitySettings:
    """The member's community settings, or unsaved defaults if they never changed them."""
    found = CommunitySettings.objects.filter(user=user).first()
    return found if found is not None else CommunitySettings(user=user)


def protections_for(user) -> Protections:
    """Everything `user` chose not to see (two queries). Anonymous visitors have none."""
    if not getattr(user, "is_authenticated", False):
        return NO_PROTECTIONS
    blocked_ids, blocked_by_ids = set(), set()
    for blocker_id, blocked_id in Block.objects.filter(
        Q(blocker=user) | Q(blocked=user)
    ).values_list("blocker_id", "blocked_id"):
        if blocker_id == user.pk:
            blocked_ids.add(blocked_id)
        else:
            blocked_by_ids.add(blocker_id)
    settings = settings_for(user)
    return Protections(
        blocked_ids=frozenset(blocked_ids),
        blocked_by_ids=frozenset(blocked_by_ids),
        muted_words=tuple(settings.muted_words),
        break_until=settings.break_until,
        _muted_pattern=_muted_pattern(settings.muted_words),
    )


def is_blocked_between(first, second) -> bool:
    """Whether either of the two has blocked the other."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def has_blocked(*, blocker, blocked) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def blocked_members(user) -> list:
    """The members `user` blocked, by display name."""
    return [
        block.blocked
        for block in Block.objects.filter(blocker=user)
        .select_related("blocked__profile")
        .order_by("blocked__profile__display_name", "pk")
    ]
