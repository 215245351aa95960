"""The information library in a real browser, with axe-core scans: a coordinator adds an
entry (after fixing a mistake), and anyone reads it on the home page and /information/."""

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.staff.tests.test_resource_selectors import entry

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def _totp_clock_tolerance(settings):
    settings.MFA_TOTP_TOLERANCE = 1


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_a_coordinator_adds_a_page_that_everyone_can_read(page, db):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    entry("NHS mental health services", url="https://www.nhs.uk/mental-health/", home=True)
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/resources/")
    expect(heading(page, "Information library")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("NHS mental health services")
    assert_accessible(page)

    page.get_by_role("link", name="Add an entry").click()
    expect(heading(page, "Add to the information library")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("For carers")
    page.get_by_label("Summary").fill("Support for people who look after someone.")
    page.get_by_label("Link to another site").fill("javascript:alert(1)")
    page.get_by_label("Page text").fill("Your own wellbeing **matters** too.")
    page.get_by_label("Show on the home page").check()
    page.get_by_role("button", name="Add entry").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("starts with https:// or http://")
    assert_accessible(page)
    # The summary's link takes keyboard focus to the field, which kept its other answers.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Link to another site")).to_be_focused()
    expect(page.get_by_label("Page text")).to_have_value("Your own wellbeing **matters** too.")
    page.get_by_label("Link to another site").fill("")
    page.get_by_role("button", name="Add entry").click()
    expect(page.get_by_role("status")).to_contain_text("Added “For carers” to the library.")

    page.goto("/information/")
    expect(heading(page, "More information")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="For carers").click()
    expect(heading(page, "For carers")).to_be_visible()
    expect(page.locator("strong", has_text="matters")).to_be_visible()
    assert_accessible(page)

    page.goto("/")
    expect(page.get_by_role("link", name="Find support that's right for you")).to_be_visible()
    more = page.get_by_role("region", name="More information")
    expect(more.get_by_role("link", name="For carers")).to_be_visible()
    expect(
        more.get_by_role("link", name="NHS mental health services (on another website)")
    ).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_deletes_an_entry_after_confirming(page, db):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    entry("Old leaflet", body="Out of date.")
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/resources/")
    page.get_by_role("link", name="Delete Old leaflet").click()
    expect(heading(page, "Delete “Old leaflet”?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_role("status")).to_contain_text("Deleted “Old leaflet” from the library.")
    expect(page.get_by_text("The library is empty.")).to_be_visible()
