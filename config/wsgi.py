"""WSGI entry point: plain HTTP workers (gunicorn) when running at scale."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from alongside.safety.risk.classifier import preload as preload_risk_classifier  # noqa: E402

preload_risk_classifier()  # before the first message, not during it
