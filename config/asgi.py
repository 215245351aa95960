"""ASGI entry point: HTTP and websockets in one uvicorn process."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before the routing imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from alongside.accounts.places import warm_gazetteer_in_background  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

warm_gazetteer_in_background()

from alongside.safety.risk.classifier import preload as preload_risk_classifier  # noqa: E402

preload_risk_classifier()  # before the first message, not during it

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
