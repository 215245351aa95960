"""In a real browser, with axe-core and the keyboard: Robin posts an urgent reply and lands on
the calm support page, goes back and finds the reply kept for a moderator; then a reply
that raises a concern is posted with the gentle panel."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.choices import ContentStatus
from alongside.community.models import Post
from alongside.community.tests.factories_forum import space_for, thread_by
from alongside.safety.models import SafetyAlert, SafetyPlan

pytestmark = BROWSER_TEST

URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"


def test_an_urgent_reply_then_a_concern(page):
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    sam = UserFactory(profile__display_name="Sam")
    SafetyPlan.objects.create(owner=robin, people_to_ask="My sister Jo, any time")
    space = space_for(robin, sam, name="Living with anxiety")
    thread = thread_by(sam, space=space, title="Evenings are hard", body="Anyone else?")

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto(f"/community/threads/{thread.pk}/")
    expect(page.get_by_role("heading", level=1, name="Evenings are hard")).to_be_visible()
    page.get_by_label("Your reply").fill(URGENT)
    page.get_by_role("button", name="Post your reply").click()

    expect(page).to_have_url(re.compile(r"/my/support/$"))
    main = page.get_by_role("main")
    expect(
        page.get_by_role("heading", level=1, name="You don't have to face this alone")
    ).to_be_visible()
    expect(main.get_by_role("link", name="Samaritans: call 116 123")).to_be_visible()
    expect(main.get_by_text("My sister Jo, any time")).to_be_visible()
    expect(main).to_contain_text("A moderator will check in with you soon.")
    assert_accessible(page)
    held = Post.objects.get(author=robin)
    assert held.status == ContentStatus.HELD
    assert SafetyAlert.objects.get(post=held).level == "urgent"

    # By keyboard: back to where they were, where the reply is kept for a moderator.
    back = main.get_by_role("link", name="Go back to where you were")
    back.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/community/threads/{thread.pk}/#post-{held.pk}$"))
    expect(page.get_by_text("Waiting for a moderator: only you can see this.")).to_be_visible()
    expect(page.get_by_text("I have the pills ready")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your reply").fill(CONCERN)
    page.get_by_role("button", name="Post your reply").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Thank you for sharing this.")
    expect(status.get_by_role("link", name="I need help now")).to_be_visible()
    expect(status.get_by_role("link", name="Your safety plan")).to_be_visible()
    expect(page.get_by_text(CONCERN)).to_be_visible()
    assert_accessible(page)
    assert Post.objects.get(author=robin, risk_level="concern").status == ContentStatus.VISIBLE


def test_opened_directly_the_support_page_still_helps(page):
    page.goto("/my/support/")
    expect(page.get_by_role("heading", level=1, name="Support for you")).to_be_visible()
    expect(
        page.get_by_role("main").get_by_role("link", name="Samaritans: call 116 123")
    ).to_be_visible()
    assert_accessible(page)
