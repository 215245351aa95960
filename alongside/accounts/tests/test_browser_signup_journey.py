"""A new person's first visit, in a real browser: sign up, verify, fill in a profile, log out
and back in. Every page on the way, error states included, is checked with axe-core."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from alongside.accounts import places
from alongside.accounts.tests.factories import TopicFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in

pytestmark = BROWSER_TEST

EMAIL = "river@example.org"
PASSWORD = "a calm harbour at dusk"
PASSWORD_LABEL = re.compile(r"^Password:?$")  # not "Password (again)"


@pytest.fixture(scope="module", autouse=True)
def _gazetteer_loaded():
    # The place gazetteer takes a few seconds to load on first use. Load it here, outside the
    # browser's timeouts; the live server runs in this process and shares it.
    places.search_places("Cardiff")


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/accounts/signup/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # shown on focus, hidden otherwise
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_sign_up_verify_edit_profile_log_out_and_in(page, member):
    # `member` is Robin: the display name this person tries first is taken.
    TopicFactory(name="Bereavement")
    page.goto("/accounts/signup/")
    expect(heading(page, "Sign Up")).to_be_visible()
    assert_accessible(page)

    # 1. Sign up, first with a taken display name and an email address missing its ending.
    page.get_by_label("Display name").fill("Robin")
    page.get_by_label("Email").fill("river@example")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Password (again)").press("Enter")
    expect(page.get_by_text("That display name is already taken")).to_be_visible()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Display name").fill("River")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(heading(page, "Verify Your Email Address")).to_be_visible()
    assert_accessible(page)

    # 2. Open the link in the verification email and confirm.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(urlsplit(link).path)
    expect(heading(page, "Confirm Email Address")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="Your profile (River)")).to_be_visible()
    assert_accessible(page)

    # 3. Edit the profile: an unknown place is refused with a clear message.
    page.goto("/profile/edit/")
    expect(heading(page, "Edit your profile")).to_be_visible()
    assert_accessible(page)
    place_input = page.get_by_role("combobox", name="Home town or city", exact=True)
    place_input.fill("Atlantis-under-Sea")
    page.get_by_role("button", name="Save your profile").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("couldn't find a town or city called")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)

    page.get_by_label("Pronouns", exact=True).fill("they/them")
    page.get_by_label("Welsh (Cymraeg)").check()
    place_input.fill("Cardiff")
    page.get_by_label("Who can see your home town or city").select_option(label="Only me")
    page.get_by_label("Video call").check()
    page.get_by_label("Tuesday evening").check()
    page.get_by_label("A quiet space").check()
    page.get_by_label("Bereavement").check()
    page.get_by_role("button", name="Save your profile").click()

    # 4. The profile page shows what was saved, and who can see it.
    expect(page).to_have_url(re.compile(r"/profile/$"))
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    rows = page.locator("dl.profile")
    expect(rows).to_contain_text("they/them")
    expect(rows).to_contain_text("Welsh (Cymraeg)")
    place = page.locator("dl.profile dt:has-text('Home town or city') + dd")
    expect(place).to_contain_text("Cardiff, Wales, United Kingdom")
    expect(place).to_contain_text("Visible to: Only me")
    expect(rows).to_contain_text("Video call")
    expect(rows).to_contain_text("Tuesday evening")
    expect(rows).to_contain_text("A quiet space")
    expect(rows).to_contain_text("Bereavement")
    assert_accessible(page)

    # 5. Log out from the header, then log back in.
    page.get_by_role("banner").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()
    assert_accessible(page)

    log_in(page, email=EMAIL, password=PASSWORD)
    expect(page.get_by_role("link", name="Your profile (River)")).to_be_visible()
    assert_accessible(page)
