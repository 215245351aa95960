from ninja import NinjaAPI

from alongside.api.accounts import router as accounts_router
from alongside.api.auth import api_auth
from alongside.api.errors import install_error_handlers
from alongside.api.groups import router as groups_router
from alongside.api.meetings import router as meetings_router

api = NinjaAPI(
    title="Alongside API",
    version="1",
    description=(
        "Peer support across groups, mentoring, befriending and online communities. "
        "Authenticate with your browser session (send the CSRF token on writes) or a "
        "personal API token: `Authorization: Bearer <token>`. Errors are JSON: "
        '`{"detail": "...", "errors": {"field": ["message"]}}`.'
    ),
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("", accounts_router)
api.add_router("", groups_router)
api.add_router("", meetings_router)
