"""Rate limits: a window starts at its first hit and counts every hit in it."""

from alongside.common.ratelimit import RateLimit


def test_hits_past_the_limit_are_told_how_long_to_wait():
    limit = RateLimit(name="test-limit", limit=3, period=60)
    assert [limit.hit("robin") for _ in range(3)] == [0, 0, 0]
    wait = limit.hit("robin")
    assert 1 <= wait <= 61
    assert limit.hit("sam") == 0  # each key counts on its own
