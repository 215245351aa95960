"""Fixed-window rate limits in the cache (Redis when REDIS_URL is set, so that every worker
process counts together; local memory otherwise)."""

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` hits per `period` seconds, per key. `name` keeps limits apart."""

    name: str
    limit: int
    period: int

    def hit(self, key: str) -> int:
        """Count one hit for `key`. Returns 0 if it is allowed, otherwise the number of
        seconds until the next is. A window starts at its first hit, so a burst is never
        split across two windows by the clock."""
        count_key = f"ratelimit:{self.name}:{key}"
        start_key = f"{count_key}:start"
        now = time.time()
        # add() only succeeds for the first hit of a window (atomic on Redis: SET NX).
        if cache.add(count_key, 1, timeout=self.period):
            cache.set(start_key, now, timeout=self.period)
            return 0
        try:
            count = cache.incr(count_key)  # atomic on Redis
        except ValueError:  # the window expired between add() and incr(): a new one
            return self.hit(key)
        if count <= self.limit:
            return 0
        started = cache.get(start_key, now)
        return max(1, int(self.period - (now - started)) + 1)


# Posting in the community: generous for a person, tight for a script.
POSTING = RateLimit(name="community-post", limit=10, period=60)
# Chat: a burst of quick messages is normal, a flood is not.
CHAT = RateLimit(name="chat-message", limit=8, period=5)
# "Contact us": a few messages an hour per client address and per email address.
ENQUIRIES = RateLimit(name="enquiry", limit=5, period=3600)
# The finder (open to anyone): generous for a person going back and forth, tight for a scraper.
FINDER = RateLimit(name="finder", limit=60, period=60)
