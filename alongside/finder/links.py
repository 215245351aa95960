"""URLs of the options, reversed once each per process (thousands per search otherwise)."""

from functools import lru_cache

from django.urls import reverse


@lru_cache(maxsize=65536)
def url_for(name: str, arg) -> str:
    return reverse(name, args=[arg])
