"""A small, schemathesis-style walk over part of the API: every operation in the OpenAPI
document under one prefix, called with odd ids, odd queries and odd bodies. Never a 500,
only statuses the document lists, and every error in the project's shape
(`{"detail": "...", "errors": {...}}`)."""

import itertools
import re

from alongside.api.api import api

ODD_IDS = ["1", "0", "-1", str(2**64), "abc", "1.5"]
# Bodies that are not the JSON object any endpoint expects; each walk adds its own.
ODD_BODIES = [None, "", "[]", "null", '"text"', "{", "{}"]
ODD_QUERIES = ["", "?limit=0", "?limit=5&offset=-1", "?limit=x"]
PATH_PARAMETER = re.compile(r"\{[a-z_]+\}")


def api_operations(prefix: str) -> list[tuple[str, str, set[int]]]:
    """(path, method, documented statuses) of every operation whose path starts with
    /api/v1 + `prefix`."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [
        (path, method, {int(code) for code in operation["responses"]})
        for path, methods in schema["paths"].items()
        if path.startswith("/api/v1" + prefix)
        for method, operation in methods.items()
    ]


def walk_api(clients, *, prefix: str, bodies, queries, ids=ODD_IDS) -> int:
    """Call every operation under `prefix` as each of `clients` with each odd input, and
    assert the answers are sound. Returns how many calls were made."""
    seen = 0
    for client, (path, method, documented) in itertools.product(clients, api_operations(prefix)):
        path_ids = ids if "{" in path else [None]
        extras = queries if method == "get" else bodies
        for id_value, extra in itertools.product(path_ids, extras):
            body, query = (None, extra) if method == "get" else (extra, "")
            url = PATH_PARAMETER.sub(id_value or "", path)
            call = getattr(client, method)
            if method == "get":
                response = call(url + query)
            else:
                response = call(url + query, body or "", content_type="application/json")
            seen += 1
            where = f"{method.upper()} {url}{query} {body!r:.60}"
            assert response.status_code < 500, where
            assert response.status_code in documented, where
            if response.status_code >= 400:
                error = response.json()
                assert isinstance(error["detail"], str) and error["detail"], where
                assert isinstance(error["errors"], dict), where
    return seen
