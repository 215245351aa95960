"""Between members in a real browser: block from a profile, the settings page, a
conversation, the report page and notifications. Every page is checked with axe-core."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.models import Block, CommunitySettings
from alongside.community.tests.factories import MessageFactory, PostFactory, conversation_between
from alongside.community.tests.factories_members import NotificationFactory, allow_messages
from alongside.safety.models import Report

pytestmark = BROWSER_TEST


def _people():
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    sam = UserFactory(profile__display_name="Sam")
    return robin, sam


def test_block_from_a_profile_and_change_settings(page):
    robin, sam = _people()
    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)

    page.goto(f"/members/{sam.pk}/")
    expect(page.get_by_role("heading", level=1, name="Sam")).to_be_visible()
    expect(page.get_by_text("Turn on direct messages in your community settings")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Block Sam").click()

    expect(page).to_have_url(re.compile(r"/community/settings/$"))
    expect(page.get_by_role("heading", level=1, name="Community settings")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("You've blocked Sam")
    expect(page.get_by_role("button", name="Unblock Sam")).to_be_visible()
    assert Block.objects.filter(blocker=robin, blocked=sam).exists()
    assert_accessible(page)

    page.get_by_label("Let other members send me direct messages").check()
    page.get_by_role("textbox", name="Muted words").fill("exams\n" + "x" * 41)
    page.get_by_role("button", name="Save my settings").click()
    expect(page.get_by_role("alert")).to_contain_text("up to 40 characters")
    assert_accessible(page)

    page.get_by_role("textbox", name="Muted words").fill("exams")
    page.get_by_label("Once a week").check()
    page.get_by_role("button", name="Save my settings").click()
    expect(page.get_by_role("status")).to_contain_text("Your community settings are saved")
    row = CommunitySettings.objects.get(user=robin)
    assert row.allow_direct_messages and row.muted_words == ["exams"]

    page.get_by_label("1 week").check()
    page.get_by_role("button", name="Start my break").click()
    expect(page.get_by_text("You're taking a break from the community until")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="End my break").first.click()
    expect(page.get_by_role("status")).to_contain_text("Your break has ended")

    page.get_by_role("button", name="Unblock Sam").click()
    expect(page.get_by_text("You haven't blocked anyone.")).to_be_visible()

    # The link a post or message menu offers asks first.
    page.goto(f"/community/members/{sam.pk}/block/")
    expect(page.get_by_role("heading", level=1, name="Block Sam")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Block Sam").click()
    expect(page.get_by_role("button", name="Unblock Sam")).to_be_visible()


def test_a_conversation_page(page):
    robin, sam = _people()
    # Everyone is in the database before the first page opens: a conversation page keeps
    # asking the live server (which has no websockets) for its chat, and on SQLite's shared
    # in-memory database a write made while one of those requests reads is refused.
    other = UserFactory(profile__display_name="Jo")
    allow_messages(robin, sam, other)
    conversation = conversation_between(robin, sam)
    MessageFactory(room=conversation.room, author=sam, body="How was today?")
    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)

    expect(page.get_by_role("link", name="Messages (1 unread)")).to_be_visible()
    page.get_by_role("link", name="Messages (1 unread)").click()
    expect(page.get_by_role("heading", level=1, name="Messages")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sam").click()

    expect(page.get_by_role("heading", level=1, name="Conversation with Sam")).to_be_visible()
    expect(page.get_by_text("How was today?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Message").fill("Better, thank you")
    page.get_by_label("Message").press("Tab")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".chat-messages").get_by_text("Better, thank you")).to_be_visible()
    expect(page.get_by_role("link", name="Messages", exact=True)).to_be_visible()

    page.goto(f"/members/{other.pk}/")
    page.get_by_role("link", name="Send a message").click()
    expect(page.get_by_role("heading", level=1, name="Send a message to Jo")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Open the conversation").click()
    expect(page.get_by_role("heading", level=1, name="Conversation with Jo")).to_be_visible()
    page.goto("about:blank")  # no more chat requests while the database is emptied


def test_the_report_page_and_notifications(page):
    robin, sam = _people()
    post = PostFactory(author=sam, body="Something unkind")
    NotificationFactory(user=robin, text="Sam replied to your thread", url="/community/messages/")
    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)

    page.goto(f"/community/report/post/{post.pk}/")
    expect(page.get_by_role("heading", level=1, name="Report a post")).to_be_visible()
    expect(page.get_by_text("Something unkind")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the reason that fits best.")
    assert_accessible(page)
    page.get_by_label("It's unkind, bullying or harassment").check()
    page.get_by_label("Anything else a moderator should know? (optional)").fill("Upsetting.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("A moderator will look at this.")).to_be_visible()
    assert_accessible(page)
    assert Report.objects.get().details == "Upsetting."

    page.get_by_role("link", name="Notifications (1 unread)").click()
    expect(page.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    expect(page.get_by_text("New:")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sam replied to your thread").click()
    expect(page).to_have_url(re.compile(r"/community/messages/$"))
    page.goto("/community/notifications/")
    expect(page.get_by_text("New:")).to_have_count(0)
