"""Who is asking, from where: set once per request (or websocket) for the audit log."""

import ipaddress
from contextvars import ContextVar

from django.conf import settings

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def ip_from_meta(meta: dict) -> str | None:
    """The client's address. Behind N trusted proxies (settings.TRUSTED_PROXIES) it is the
    N-th X-Forwarded-For entry from the right: each proxy appends the address it saw, and
    anything further left was written by the client and can't be believed."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies and (forwarded := _valid_ip(hops[-proxies])):
            return forwarded
    return _valid_ip(meta.get("REMOTE_ADDR", "") or "")
