"""The coping strategies library and search in a real browser: Robin shares a strategy,
Sam marks it helpful and comments, and search finds it. Every page gets an axe scan."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, TopicFactory, UserFactory
from alongside.common.testing.browser import (
    BROWSER_TEST,
    TIMEOUT_MS,
    assert_accessible,
    log_in,
)
from alongside.community.models import CopingStrategy

pytestmark = BROWSER_TEST


def test_share_mark_helpful_comment_and_search(browser, live_server, page, db):
    UserFactory(profile__display_name="Robin", email="robin@example.org")
    UserFactory(profile__display_name="Sam", email="sam@example.org")
    TopicFactory(name="Anxiety", slug="anxiety")

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto("/community/coping/")
    expect(page.get_by_role("heading", level=1, name="Coping strategies")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Share a coping strategy").click()
    expect(page.get_by_role("heading", level=1, name="Share a coping strategy")).to_be_visible()
    assert_accessible(page)
    # Nothing filled in: calm messages beside the fields, nothing stored.
    page.get_by_role("button", name="Share this strategy").click()
    expect(page.get_by_role("alert")).to_contain_text("Please fill in “Title”.")
    assert_accessible(page)
    assert not CopingStrategy.objects.exists()

    page.get_by_label("Title").fill("Five things I can see")
    page.get_by_label("What it is").fill("Name five things you can see, four you can hear.")
    page.get_by_label("When it helps").fill("When my thoughts start racing.")
    page.get_by_label("Anxiety").check()
    page.get_by_role("button", name="Share this strategy").click()
    expect(page.get_by_role("heading", level=1, name="Five things I can see")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Thank you for sharing")
    expect(page.get_by_text("0 people found this helpful")).to_be_visible()
    assert_accessible(page)
    strategy = CopingStrategy.objects.get()

    page.get_by_role("link", name="Edit your strategy").click()
    expect(page.get_by_role("heading", level=1, name="Edit your coping strategy")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Delete your strategy").click()
    expect(
        page.get_by_role("heading", level=1, name="Delete your coping strategy?")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Keep it").click()

    # Sam, in a browser of their own.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    sam = context.new_page()
    log_in(sam, email="sam@example.org", password=DEFAULT_PASSWORD)
    sam.goto("/community/coping/?topic=anxiety")
    assert_accessible(sam)
    sam.get_by_role("link", name="Five things I can see").click()
    sam.get_by_role("button", name="This helped me").click()
    expect(sam.get_by_text("1 person found this helpful")).to_be_visible()
    expect(sam.get_by_role("button", name="Take back “this helped me”")).to_be_visible()
    assert_accessible(sam)

    sam.get_by_label("Your comment").fill("This got me through a **hard** morning.")
    sam.get_by_role("button", name="Post comment").click()
    expect(sam).to_have_url(re.compile(rf"/community/coping/{strategy.pk}/#comment-\d+$"))
    expect(sam.locator(".comment-list strong")).to_have_text("hard")
    assert_accessible(sam)

    sam.goto("/community/search/")
    expect(sam.get_by_text("Type one or more words.")).to_be_visible()
    assert_accessible(sam)
    sam.get_by_label("Search for").fill("thoughts RACING")
    sam.get_by_role("button", name="Search").click()
    expect(sam.get_by_role("heading", level=2)).to_contain_text("1 result")
    expect(sam.get_by_role("link", name="Five things I can see")).to_be_visible()
    assert_accessible(sam)
    context.close()

    strategy.refresh_from_db()
    assert strategy.helped_count == 1
