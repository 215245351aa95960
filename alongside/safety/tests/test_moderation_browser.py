"""In a real browser, keyboard only, with axe-core: a moderator logs in with two-factor,
opens the moderation queue, finds the urgent alert first, claims it, approves the held
post, fixes a mistake on the hide form, and resolves the alert with a note."""

import re

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.choices import ContentStatus
from alongside.community.models import Post
from alongside.safety.choices import AlertStatus
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation.testing import CONCERN, flagged_post

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has the focus, as a keyboard user would, then return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return locator
    raise AssertionError(f"Could not reach {locator} with the Tab key")


def test_a_moderator_claims_and_approves_an_urgent_alert_by_keyboard(page):
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    robin = UserFactory(profile__display_name="Robin")
    concern = flagged_post(text=CONCERN).alerts.get()
    post = flagged_post(author=robin)
    urgent = post.alerts.get()
    Report.objects.create(reporter=robin, target="member", member=concern.member, reason="worried")

    log_in(page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto("/staff/")
    expect(page.get_by_text("2 open safety alerts (1 urgent)")).to_be_visible()
    assert_accessible(page)
    tab_to(page, page.get_by_role("link", name="Moderation queue")).press("Enter")

    expect(heading(page, "Moderation queue")).to_be_visible()
    assert_accessible(page)
    rows = page.locator("table.data tbody tr")
    expect(rows.first).to_contain_text(f"Alert {urgent.pk}")
    expect(rows.first).to_contain_text("Urgent")
    expect(rows.first).to_contain_text("Robin")
    expect(rows.first.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))
    expect(rows.nth(1)).to_contain_text(f"Alert {concern.pk}")
    for section in ("Reports (1 open)", "Held content (1)"):
        page.get_by_role("link", name=section).click()
        expect(page.get_by_role("link", name=section)).to_have_attribute("aria-current", "page")
        assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Safety alerts")).click()

    tab_to(page, page.get_by_role("link", name=f"Alert {urgent.pk}: Post")).press("Enter")
    expect(heading(page, f"Safety alert {urgent.pk}: urgent")).to_be_visible()
    expect(page.get_by_text("I have the pills ready")).to_be_visible()
    assert_accessible(page)

    tab_to(page, page.get_by_role("button", name="Claim this alert")).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("You have claimed this alert.")
    assert_accessible(page)

    tab_to(page, page.get_by_role("button", name="Approve and show it")).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Approved: it is showing now")
    assert Post.objects.get(pk=post.pk).status == ContentStatus.VISIBLE

    tab_to(page, page.get_by_role("button", name="Hide it")).press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Write why you are hiding it first.")
    assert_accessible(page)
    assert Post.objects.get(pk=post.pk).status == ContentStatus.VISIBLE

    tab_to(page, page.get_by_label("Note for the record")).type("Checked in; Robin is safe.")
    tab_to(page, page.get_by_role("button", name="Resolve")).press("Enter")
    expect(heading(page, "Moderation queue")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Resolved. Thank you.")
    assert SafetyAlert.objects.get(pk=urgent.pk).status == AlertStatus.RESOLVED
    expect(page.get_by_role("link", name=f"Alert {urgent.pk}: Post")).to_have_count(0)


def test_the_report_and_edit_pages_are_accessible(page):
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    robin = UserFactory(profile__display_name="Robin")
    post = flagged_post(text="Nobody in this space cares about any of you.")
    report = Report.objects.create(
        reporter=robin,
        target="post",
        post=post,
        reported_member=post.author,
        reason="unkind",
        details="It upset me.",
    )
    urgent = flagged_post().alerts.get()

    log_in(page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto(f"/staff/moderation/reports/{report.pk}/")
    expect(heading(page, f"Report {report.pk}: post")).to_be_visible()
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Claim this report")).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("You have claimed this report.")
    tab_to(page, page.get_by_label("Why are you hiding it?")).type("Unkind to everyone")
    tab_to(page, page.get_by_role("button", name="Hide it")).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Hidden from other members.")
    assert_accessible(page)

    page.goto(f"/staff/moderation/alerts/{urgent.pk}/")
    page.get_by_role("button", name="Claim this alert").click()
    tab_to(page, page.get_by_role("link", name="Edit the post")).press("Enter")
    expect(heading(page, "Edit the post")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Post").fill("")
    page.get_by_role("button", name="Save the edit").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Write something in your post first.")
    expect(page.get_by_role("alert")).to_contain_text("Write why you are editing it first.")
    assert_accessible(page)
