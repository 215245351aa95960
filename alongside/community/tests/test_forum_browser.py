"""The forum in a real browser: find a space, accept its guidelines, start a thread with a
content warning, reply quoting someone, and react. Every page is checked with axe-core."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.models import GuidelinesAcceptance, Post, Reaction, Thread
from alongside.community.tests.factories import SpaceFactory
from alongside.community.tests.factories_forum import space_for, thread_by

pytestmark = BROWSER_TEST


def test_a_member_joins_the_conversation(page):
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    sam = UserFactory(profile__display_name="Sam")
    space = space_for(sam, name="Living with anxiety", guidelines="Be kind to each other.")
    SpaceFactory(name="Carers")
    thread_by(sam, space=space, title="Evenings are hard", body="The evenings drag for me.")

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.get_by_role("link", name="Community", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Community spaces")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Living with anxiety").click()
    expect(page.get_by_role("heading", level=1, name="Living with anxiety")).to_be_visible()
    expect(page.get_by_text("New", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Community guidelines").click()
    expect(page.get_by_text("Be kind to each other.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept the guidelines").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick the box")
    assert_accessible(page)
    page.get_by_label("I'll follow these guidelines").check()
    page.get_by_role("button", name="Accept the guidelines").click()
    expect(page.get_by_role("status")).to_contain_text("You can post in this space now")
    assert GuidelinesAcceptance.objects.filter(user=robin, space=space).exists()

    page.get_by_role("link", name="Start a thread").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Start a thread"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("A rough week")
    page.get_by_label("Your post").fill("This week has been **hard**.")
    page.get_by_label("Content warning (optional)").fill("Low mood")
    page.get_by_role("button", name="Post your thread").click()
    expect(page.get_by_role("heading", level=1, name="A rough week")).to_be_visible()
    summary = page.get_by_text("Content warning: Low mood")
    expect(summary).to_be_visible()
    expect(page.get_by_text("This week has been")).to_be_hidden()
    assert_accessible(page)
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("This week has been")).to_be_visible()

    page.get_by_role("link", name="Back to Living with anxiety").click()
    page.get_by_role("link", name="Evenings are hard").click()
    expect(page.get_by_role("heading", level=1, name="Evenings are hard")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Reply quoting this")).click()
    expect(page.get_by_role("heading", name="You're quoting Sam")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your reply").fill("Evenings are hard for me too. A walk helps.")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_role("link", name="Sam wrote:")).to_be_visible()
    reply = Post.objects.get(author=robin, thread__title="Evenings are hard")
    assert reply.quoted_post.author == sam

    sams_post = Thread.objects.get(title="Evenings are hard").posts.first()
    me_too = page.locator(f"#reactions-{sams_post.pk}").get_by_role("button", name="Me too")
    expect(me_too).to_have_attribute("aria-pressed", "false")
    me_too.click()
    expect(
        page.locator(f"#reactions-{sams_post.pk}").get_by_role("button", name="Me too")
    ).to_have_attribute("aria-pressed", "true")
    assert Reaction.objects.filter(post=sams_post, user=robin, kind="me_too").exists()
    assert_accessible(page)


def test_a_coordinator_creates_and_changes_a_space(page):
    from alongside.accounts.roles import Role
    from alongside.accounts.tests.factories import TopicFactory, activate_totp

    TopicFactory(slug="anxiety", name="Anxiety")
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto("/community/")
    page.get_by_role("link", name="Create a space").click()
    expect(page.get_by_role("heading", level=1, name="Create a space")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create the space").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the space a name.")
    assert_accessible(page)
    page.get_by_label("Name").fill("Living with anxiety")
    page.get_by_label("What this space is for").fill("For anxious days.")
    page.get_by_label("Community guidelines").fill("Be kind.")
    page.get_by_label("Anxiety").check()
    page.get_by_role("button", name="Create the space").click()
    expect(page.get_by_role("heading", level=1, name="Living with anxiety")).to_be_visible()
    page.get_by_role("link", name="Change this space").click()
    expect(page.get_by_role("heading", level=1, name="Change Living with anxiety")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Archive this space").click()
    expect(page.get_by_role("status")).to_contain_text("is archived")


def test_editing_deleting_and_the_moderators_history(page, browser):
    from alongside.accounts.roles import Role
    from alongside.accounts.tests.factories import activate_totp

    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    thread = thread_by(robin, title="My first week", body="It went better than I feared.")
    post = thread.posts.get()

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto(f"/community/threads/{thread.pk}/")
    page.get_by_role("link", name="Edit your post").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Edit your post"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your post").fill("")
    page.get_by_role("button", name="Save your changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Write something in your post first.")
    assert_accessible(page)
    page.get_by_label("Your post").fill("It went much better than I feared.")
    page.get_by_role("button", name="Save your changes").click()
    expect(page.get_by_text("It went much better than I feared.")).to_be_visible()
    expect(page.get_by_text("· edited")).to_be_visible()

    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    moderator_page = browser.new_page(base_url=page.url.split("/community")[0])
    log_in(moderator_page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    moderator_page.goto(f"/community/threads/{thread.pk}/")
    moderator_page.get_by_role("link", name="Edit history").click()
    expect(moderator_page.get_by_text("It went better than I feared.")).to_be_visible()
    assert_accessible(moderator_page)
    moderator_page.close()

    page.get_by_role("link", name="Delete your post").click()
    expect(page.get_by_role("heading", level=1, name="Delete your post?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete my post").click()
    expect(page.get_by_text("This post was deleted by its writer.")).to_be_visible()
    post.refresh_from_db()
    assert post.status == "deleted"
