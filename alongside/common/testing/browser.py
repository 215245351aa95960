"""Browser tests: Playwright (sync API) driving Debian's chromium against `live_server`.

Registered as a pytest plugin from the root conftest.py. A test module opts in with::

    from alongside.common.testing.browser import BROWSER_TEST, assert_accessible

    pytestmark = BROWSER_TEST

    def test_something(page, live_server):
        page.goto("/")  # relative to live_server.url
        assert_accessible(page)

`playwright install` cannot download here and is not needed: we launch /usr/bin/chromium.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.urls import resolve

CHROMIUM = os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.2 level A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# How long Playwright waits for an element or a navigation before failing the test.
TIMEOUT_MS = 10_000

# live_server answers from another thread, so it needs real transactions. Each such test
# ends by emptying the tables, so rows that data migrations made (the default topics) may be
# gone: create what a test needs (TopicFactory gets or creates by slug). serialized_rollback
# is no cure: it collides with the role groups that post_migrate recreates after a flush.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Module scope, not session: while Playwright's sync API is running, its event loop counts as
# running in this thread, so asgiref's async_to_sync (the channel layer, for one) refuses to
# work here. Stopping it after each browser module keeps the rest of the suite unaffected;
# for the same reason, keep browser tests in modules of their own.
@pytest.fixture(scope="module")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright_driver):
    if not os.path.exists(CHROMIUM):
        # Fail, never skip: a browser test that silently didn't run proves nothing.
        pytest.fail(
            f"No chromium at {CHROMIUM}: `apt-get install chromium`, set ALONGSIDE_CHROMIUM, "
            'or leave the browser tests out with -m "not browser".',
            pytrace=False,
        )
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_context(browser, live_server, settings):
    """A fresh context (cookies, storage) per test, with URLs relative to the live server."""
    # Import the URLconf (and with it the API schemas) now: otherwise the first page load
    # pays for it, which under load can take most of the navigation timeout below.
    resolve("/")
    # An empty cache of the test's own (shared with the live server's thread, never Redis):
    # rate limits and allauth's "TOTP code already used" marks can't leak between tests.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"browser-test-{uuid.uuid4()}",
        }
    }
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A page that also fails the test if the Content-Security-Policy blocked anything:
    an inline script or style added to a template shows up here."""
    page = browser_context.new_page()
    blocked = []

    def note_csp_violation(message):
        if "Content Security Policy" in message.text:
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", note_csp_violation)
    yield page
    if blocked:
        pytest.fail("The Content-Security-Policy blocked:\n" + "\n".join(blocked), pytrace=False)


def axe_violations(page, *, exclude: list[str] | None = None) -> list[dict]:
    """The WCAG 2.2 AA violations axe-core finds on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    # The context is written into the script with repr(): plain strings and lists only.
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context, options=options)
    return results.response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:300]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"       {line}" for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(page, *, exclude: list[str] | None = None) -> None:
    """Fail with a readable report if axe-core finds any WCAG 2.2 A/AA violation.

    `exclude` takes CSS selectors for third-party markup we cannot change; say why
    wherever it is used.
    """
    violations = axe_violations(page, exclude=exclude)
    if violations:
        pytest.fail(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


def totp_code(secret: str) -> str:
    """The code an authenticator app would show for `secret` right now. Near the end of a
    code's period this waits for the next one, so that the code is still current when the
    server checks it (a code typed at 29.9 s and checked at 30.1 s would be refused)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    seconds_left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if seconds_left < 5:
        time.sleep(seconds_left + 0.2)

    counters = list(yield_hotp_counters_from_time())
    current = counters[len(counters) // 2]  # the middle one is "now"; the rest are tolerance
    return format_hotp_value(hotp_value(secret, current))


def log_in(page, *, email: str, password: str, totp_secret: str | None = None) -> None:
    """Log in through the real forms, axe-checking each one, and wait until it has worked."""
    import re

    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1, name="Sign In")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret is not None:
        heading = page.get_by_role("heading", level=1, name="Two-Factor Authentication")
        expect(heading).to_be_visible()
        assert_accessible(page)
        code = page.get_by_label("Code")
        code.fill(totp_code(totp_secret))
        code.press("Enter")
    expect(page).to_have_url(re.compile(r"/profile/$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
