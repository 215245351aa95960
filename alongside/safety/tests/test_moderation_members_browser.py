"""In a real browser, with axe-core and the keyboard only: a moderator writes to a member
privately, then pauses their posting and lifts it again."""

import re

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.models import Message
from alongside.safety.models import Suspension

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def moderator_logs_in(page):
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    log_in(page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    return morgan


def test_a_moderator_contacts_a_member_by_keyboard(page):
    robin = UserFactory(profile__display_name="Robin")
    moderator_logs_in(page)

    page.goto(f"/staff/moderation/members/{robin.pk}/contact/")
    expect(heading(page, "Contact Robin")).to_be_visible()
    expect(page.get_by_text("You haven't written to Robin yet.")).to_be_visible()
    assert_accessible(page)

    box = page.get_by_label("Your message")
    box.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send message")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Write your message to the member.")
    assert_accessible(page)

    box = page.get_by_label("Your message")
    box.focus()
    page.keyboard.type("Hi Robin, I'm Morgan, a moderator. How are you doing today?")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your message is sent to Robin.")
    expect(page.get_by_text("How are you doing today?")).to_be_visible()
    assert_accessible(page)
    assert Message.objects.filter(author__profile__display_name="Morgan").count() == 1


def test_a_moderator_suspends_a_member_and_lifts_it_by_keyboard(page):
    robin = UserFactory(profile__display_name="Robin")
    moderator_logs_in(page)

    page.goto(f"/staff/moderation/members/{robin.pk}/suspend/")
    expect(heading(page, "Suspend Robin")).to_be_visible()
    expect(page.get_by_text("Robin is not suspended.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Suspend Robin").press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Write why you are suspending this member.")
    expect(alert).to_contain_text("Choose how long to pause their posting.")
    assert_accessible(page)
    assert not Suspension.objects.exists()

    page.get_by_label("Reason").focus()
    page.keyboard.type("Kept posting other people's details after a warning.")
    page.keyboard.press("Tab")  # to the first length: 24 hours
    expect(page.get_by_label("24 hours")).to_be_focused()
    page.keyboard.press("ArrowDown")  # 3 days
    expect(page.get_by_label("3 days")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Suspend Robin")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Robin\u2019s posting is paused until")
    expect(page.get_by_role("heading", level=3, name=re.compile("^Paused until"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Why lift it now").focus()
    page.keyboard.type("We talked and it is sorted.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Lift this suspension")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Robin can post and send messages again.")
    expect(page.get_by_text("Robin is not suspended.")).to_be_visible()
    expect(page.get_by_role("heading", name="Earlier suspensions")).to_be_visible()
    assert_accessible(page)
    assert Suspension.objects.get().lifted_at is not None
