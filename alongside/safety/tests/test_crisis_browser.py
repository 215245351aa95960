"""In a real browser, with axe-core: the "I need help now" page for the UK and the US, and a
coordinator adding a crisis resource (error state first, then success)."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.safety.models import CrisisResource

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def _totp_clock_tolerance(settings):
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def casey_with_secret(db):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    return casey, activate_totp(casey)


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_the_help_page_shows_first_options_with_phone_links(page, settings):
    settings.ALONGSIDE_COUNTRY = "GB"
    # An earlier browser test may have emptied the tables: load the defaults again.
    defaults = importlib.import_module("alongside.safety.migrations.0003_default_crisis_resources")
    defaults.add_defaults(django_apps, None)
    CrisisResource.objects.create(
        country="GB", name="Quiet hours line", phone="0300 555 0000", order=90
    )

    page.goto("/")
    page.get_by_role("link", name="I need help now").first.click()
    expect(heading(page, "I need help now")).to_be_visible()
    call = page.get_by_role("link", name="Samaritans: call 116 123")
    expect(call).to_have_attribute("href", "tel:116123")
    expect(page.get_by_role("link", name="Shout: text SHOUT to 85258")).to_have_attribute(
        "href", "sms:85258?body=SHOUT"
    )
    expect(page.get_by_role("heading", name="If your life is at risk now")).to_be_visible()
    expect(page.get_by_role("heading", name="More ways to get help")).to_be_visible()
    assert_accessible(page)

    page.goto("/help-now/?country=US")
    expect(page.get_by_role("link", name="Emergency services: call 911")).to_be_visible()
    lifeline = page.get_by_role("link", name="988 Suicide & Crisis Lifeline: text 988")
    expect(lifeline).to_have_attribute("href", "sms:988")
    assert_accessible(page)


def test_a_coordinator_adds_a_crisis_resource(page, casey_with_secret):
    casey, secret = casey_with_secret
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/")
    page.get_by_role("link", name="Crisis resources").click()
    expect(heading(page, "Crisis resources")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a crisis resource").click()
    expect(heading(page, "Add a crisis resource")).to_be_visible()
    assert_accessible(page)

    # The error state: no way to reach the service.
    page.get_by_label("Name").fill("Evening listening line")
    page.get_by_label("Country").select_option("GB")
    page.get_by_role("button", name="Save crisis resource").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("at least one way to reach this service")
    assert_accessible(page)

    page.get_by_label("Phone").fill("0300 123 4567")
    page.get_by_role("button", name="Save crisis resource").click()
    expect(page.get_by_role("status")).to_contain_text("Added Evening listening line.")
    expect(page.get_by_role("table")).to_contain_text("Evening listening line")
    assert_accessible(page)
    assert CrisisResource.objects.filter(name="Evening listening line", is_active=True).exists()
