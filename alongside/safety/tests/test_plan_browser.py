"""In a real browser, with axe-core: a member finds the empty safety plan page, makes a
mistake on the form, fixes it and reads their plan, then sees it on "I need help now"."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.safety.models import SafetyPlan

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_a_member_makes_their_safety_plan(page):
    robin = UserFactory(profile__display_name="Robin")
    log_in(page, email=robin.email, password=DEFAULT_PASSWORD)

    page.goto("/profile/")
    page.get_by_role("link", name="My safety plan").click()
    expect(heading(page, "My safety plan")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Make my safety plan").click()
    expect(heading(page, "Make my safety plan")).to_be_visible()
    page.get_by_label("People I can ask for help").fill("My neighbour Pat, 07700 900456")
    page.get_by_label("Signs that a difficult time may be coming").fill("word " * 401)
    page.get_by_role("button", name="Save my safety plan").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Keep this to 2,000 characters or fewer")
    assert_accessible(page)
    assert not SafetyPlan.objects.exists()

    page.get_by_label("Signs that a difficult time may be coming").fill("I stop eating")
    page.get_by_role("button", name="Save my safety plan").click()
    expect(page.get_by_role("status")).to_contain_text("Your safety plan is saved.")
    expect(page.get_by_role("heading", name="People I can ask for help")).to_be_visible()
    expect(page.get_by_text("My neighbour Pat, 07700 900456")).to_be_visible()
    assert_accessible(page)

    page.goto("/help-now/")
    expect(page.get_by_role("heading", name="Your safety plan")).to_be_visible()
    expect(page.get_by_text("My neighbour Pat, 07700 900456")).to_be_visible()
    assert_accessible(page)
