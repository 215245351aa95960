"""limit/offset paging for list endpoints, checked the same way everywhere."""

from alongside.api.errors import FormErrors

MAX_LIMIT = 100
# Far past any real list, and small enough for every database's integer types.
MAX_OFFSET = 1_000_000


def check_page_bounds(limit: int, offset: int, *, max_limit: int = MAX_LIMIT) -> None:
    """Raise a 422 with a message per field unless 1 <= limit <= max_limit and
    0 <= offset <= MAX_OFFSET."""
    errors = {}
    if not 1 <= limit <= max_limit:
        errors["limit"] = [f"Give a limit from 1 to {max_limit}."]
    if not 0 <= offset <= MAX_OFFSET:
        errors["offset"] = [f"Give an offset from 0 to {MAX_OFFSET:,}."]
    if errors:
        raise FormErrors.from_messages(errors)


def page_of(queryset, *, limit: int, offset: int, item) -> dict:
    """One page of `queryset` in the list envelope every list endpoint returns, each row
    shaped by `item`. Call check_page_bounds first."""
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [item(row) for row in queryset[offset : offset + limit]],
    }
