from ninja import NinjaAPI

from alongside.api.accounts import router as accounts_router
from alongside.api.auth import api_auth
from alongside.api.community_chat import router as community_chat_router
from alongside.api.community_coping import router as community_coping_router
from alongside.api.community_forum import router as community_forum_router
from alongside.api.community_members import router as community_members_router
from alongside.api.enquiries import router as enquiries_router
from alongside.api.errors import install_error_handlers
from alongside.api.finder import router as finder_router
from alongside.api.groups import router as groups_router
from alongside.api.matching import router as matching_router
from alongside.api.matching_matches import router as matching_matches_router
from alongside.api.matching_staff import router as matching_staff_router
from alongside.api.matching_staff_people import router as matching_staff_people_router
from alongside.api.meetings import router as meetings_router
from alongside.api.outcomes import router as outcomes_router
from alongside.api.outcomes_reports import router as outcomes_reports_router
from alongside.api.resources import router as resources_router
from alongside.api.safety import router as safety_router
from alongside.api.safety_cases import router as safety_cases_router
from alongside.api.safety_moderation import router as safety_moderation_router

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
api.add_router("/community", community_forum_router)
api.add_router("/community", community_coping_router)
api.add_router("/community", community_chat_router)
api.add_router("/community", community_members_router)
api.add_router("/safety", safety_router)
api.add_router("/safety", safety_moderation_router)
api.add_router("/safety", safety_cases_router)
# Staff first: its /matches/all must be tried before the members' /matches/{match_id}.
api.add_router("/matching", matching_staff_router)
api.add_router("/matching", matching_staff_people_router)
api.add_router("/matching", matching_router)
api.add_router("/matching", matching_matches_router)
api.add_router("/finder", finder_router)
api.add_router("/enquiries", enquiries_router)
api.add_router("/resources", resources_router)
api.add_router("/outcomes", outcomes_router)
api.add_router("/outcomes", outcomes_reports_router)
