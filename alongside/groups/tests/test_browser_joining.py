"""Joining a group in a real browser: find it in the directory, read its agreement, accept
it, join, and see it on "My groups and meetings". Every page is checked with axe-core."""

import re

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import (
    BROWSER_TEST,
    TIMEOUT_MS,
    assert_accessible,
    log_in,
)
from alongside.groups.choices import JoinPolicy, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupFactory, VenueFactory

pytestmark = BROWSER_TEST


def test_a_member_finds_a_group_accepts_its_agreement_and_joins(page, db):
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    GroupFactory(name="Walking Together", purpose="We walk and talk.")
    group = GroupFactory(
        name="Grief Circle",
        purpose="We meet to talk about living with grief.",
        mode="in_person",
        venue=VenueFactory(name="Canton Library"),
        online_details="Ring the bell at the side door.",
    )

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.get_by_role("link", name="Find a group").click()
    expect(page.get_by_role("heading", level=1, name="Find a group")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Grief Circle").click()
    expect(page.get_by_role("heading", level=1, name="Grief Circle")).to_be_visible()
    expect(page.get_by_text("We meet to talk about living with grief.")).to_be_visible()
    expect(page.get_by_text("Step-free access")).to_be_visible()
    expect(page.get_by_text("Ring the bell at the side door.")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Join this group").click()
    expect(page.get_by_role("heading", level=1, name="Join Grief Circle")).to_be_visible()
    expect(page.get_by_text("We listen without interrupting.")).to_be_visible()
    assert_accessible(page)

    # Without ticking the box: a calm message, and nobody has joined.
    page.get_by_role("button", name="Join Grief Circle").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick the box")
    assert_accessible(page)
    assert not Membership.objects.filter(user=robin).exists()

    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Join Grief Circle").click()
    expect(page).to_have_url(re.compile(rf"/groups/{group.slug}/$"))
    expect(page.get_by_role("status")).to_contain_text("You've joined Grief Circle")
    expect(page.get_by_text("Ring the bell at the side door.")).to_be_visible()
    expect(page.get_by_role("list", name="Members")).to_contain_text("Robin")
    assert_accessible(page)
    assert Membership.objects.get(user=robin).status == MembershipStatus.ACTIVE

    page.get_by_role("link", name="My groups").click()
    expect(page.get_by_role("heading", level=1, name="My groups and meetings")).to_be_visible()
    expect(page.get_by_role("list", name="My groups")).to_contain_text("Grief Circle")
    assert_accessible(page)


def test_asking_to_join_being_approved_and_leaving_again(browser, live_server, page, db):
    UserFactory(profile__display_name="Robin", email="robin@example.org")
    alex = UserFactory(
        profile__display_name="Alex", email="alex@example.org", roles=[Role.PEER_SUPPORTER]
    )
    group = GroupFactory(name="Quiet Hour", join_policy=JoinPolicy.BY_REQUEST, facilitators=[alex])

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto(f"/groups/{group.slug}/")
    page.get_by_role("link", name="Ask to join").click()
    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_role("status")).to_contain_text("A facilitator will let you know")
    assert_accessible(page)
    page.get_by_role("link", name="My groups").click()
    expect(page.get_by_role("list", name="Waiting to hear back")).to_contain_text("Quiet Hour")
    page.get_by_role("button", name="Make my calendar feed address").click()
    expect(page.locator("#feed-url")).to_contain_text("/calendar/me/")
    assert_accessible(page)

    # The facilitator, in a browser of their own.
    facilitator = browser.new_context(base_url=live_server.url, locale="en-GB")
    facilitator.set_default_timeout(TIMEOUT_MS)
    alex_page = facilitator.new_page()
    log_in(alex_page, email="alex@example.org", password=DEFAULT_PASSWORD)
    alex_page.goto(f"/groups/{group.slug}/")
    expect(alex_page.get_by_role("heading", name="Requests to join")).to_be_visible()
    assert_accessible(alex_page)
    alex_page.get_by_role("button", name="Approve Robin").click()
    expect(alex_page.get_by_role("status")).to_contain_text("Robin is now a member.")
    expect(alex_page.get_by_role("list", name="Members")).to_contain_text("Robin")
    assert_accessible(alex_page)
    facilitator.close()

    page.goto(f"/groups/{group.slug}/")
    page.get_by_role("link", name="Leave this group").click()
    expect(page.get_by_role("heading", level=1, name="Leave Quiet Hour?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Leave the group").click()
    expect(page.get_by_role("status")).to_contain_text("You've left Quiet Hour")
    assert_accessible(page)
