"""Contact us and the enquiry inbox in a real browser, each page checked with axe-core: a
visitor without an account sends a message (after one mistake, by keyboard), and a
coordinator finds it in the inbox and logs a reply."""

import re

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.staff.models import Enquiry

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def _totp_clock_tolerance(settings):
    settings.MFA_TOTP_TOLERANCE = 1


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_a_visitor_sends_a_message_and_a_coordinator_answers_it(page):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)

    page.goto("/contact/")
    expect(heading(page, "Contact us")).to_be_visible()
    assert_accessible(page)
    # The honeypot is in the page for bots, but not for screen readers or keyboards.
    expect(page.locator("input[name=website]")).to_have_count(1)
    expect(page.get_by_role("textbox", name="Leave this empty")).to_have_count(0)
    page.get_by_label("Discussing my support needs").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"

    page.get_by_label("Discussing my support needs").check()
    page.get_by_label("Your message").fill("I'd like to talk about\nwhich group might suit me.")
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Send your message").click()

    # No email address given: the form comes back with the message kept.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Your message")).to_have_value(
        "I'd like to talk about\nwhich group might suit me."
    )
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("so that we can email you")).click()
    page.keyboard.type("jo@example.com")
    page.keyboard.press("Enter")

    expect(heading(page, "Thank you: your message has been sent")).to_be_visible()
    enquiry = Enquiry.objects.get()
    expect(page.get_by_text(enquiry.reference)).to_be_visible()
    assert_accessible(page)

    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto("/staff/enquiries/")
    expect(heading(page, "Enquiries")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=enquiry.reference).click()
    expect(heading(page, f"Enquiry {enquiry.reference}")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("The reply, or a summary of the call").fill("Thank you, we'll call.")
    page.get_by_role("button", name="Log the reply").click()
    expect(page.get_by_role("status")).to_contain_text("emailed to jo@example.com")
    expect(page.get_by_text("Thank you, we'll call.")).to_be_visible()
    assert_accessible(page)
