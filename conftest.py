"""Shared personas and helpers for the whole suite."""

import os

import pytest
from django.core.cache import caches

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp

# Browser fixtures (browser, browser_context, page) for tests marked `browser`.
pytest_plugins = ["alongside.common.testing.browser"]

# Playwright's sync API runs an event loop in the test thread while Django's live server
# answers from another thread; Django must allow ORM use from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True, scope="session")
def _risk_classifier_loaded(django_test_environment):
    # Load the risk classifier once per test session, as a server process does at start-up.
    from alongside.safety.risk.classifier import preload

    preload()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the real hasher (see test_security_settings); tests don't need its cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    # Background tasks run in-process so tests see their effects at once. The real
    # database queue and worker are exercised in alongside/common/tests/test_task_worker.py.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps its rate-limit counters in the cache: without this, sign-ups and emails
    # from earlier tests (all from 127.0.0.1) would count against later ones.
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def member(db):
    return UserFactory(profile__display_name="Robin")


@pytest.fixture
def other_member(db):
    return UserFactory(profile__display_name="Sam")


@pytest.fixture
def peer_supporter(db):
    return UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])


@pytest.fixture
def moderator(db):
    user = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    activate_totp(user)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    activate_totp(user)
    return user


@pytest.fixture
def coordinator_without_2fa(db):
    return UserFactory(profile__display_name="Jordan", roles=[Role.COORDINATOR])


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
