"""Small, strict readers of what arrives in a URL or a form: an object id, a place to go
back to. Shared so that every view and permission answers bad input the same way."""

from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

# The largest id any of our databases stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_id(value) -> int:
    """`value` as an object id, or Http404 (not a whole number, or out of range)."""
    try:
        pk = int(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error
    if not 0 < pk <= MAX_ID:
        raise Http404("Not found.")
    return pk


def local_path(target: str | None) -> str:
    """`target` if it is a path on this site, else "" (never another site: no open
    redirects through ?next= or a stored link)."""
    target = target or ""
    is_path = target.startswith("/") and not target.startswith("//") and "\\" not in target
    if is_path and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    return ""
