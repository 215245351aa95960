"""The suite runs against the services the environment names, never a silent fallback."""

import os

from channels.layers import get_channel_layer
from django.core.cache import caches
from django.db import connection


def test_database_is_the_one_configured(db):
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_channel_layer_and_cache_use_redis_when_configured():
    layer = type(get_channel_layer()).__name__
    cache_backend = type(caches["default"]).__name__
    if os.environ.get("REDIS_URL"):
        assert (layer, cache_backend) == ("RedisChannelLayer", "RedisCache")
    else:
        assert (layer, cache_backend) == ("InMemoryChannelLayer", "LocMemCache")
