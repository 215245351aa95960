"""The whole path in one browser session: find a group, accept its agreement, join, say
you're going to its next meeting, and find that meeting under "My groups and meetings".
Every page is checked with axe-core."""

import re

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.groups.tests.factories import GroupFactory
from alongside.meetings.models import Rsvp, RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

pytestmark = BROWSER_TEST


def test_find_join_rsvp_and_see_it_in_my_meetings(page, db):
    robin = UserFactory(profile__display_name="Robin")
    group = GroupFactory(name="Grief Circle", purpose="We meet to talk about living with grief.")
    occurrence = OccurrenceFactory(meeting=MeetingFactory(group=group, title="Thursday circle"))

    log_in(page, email=robin.email, password=DEFAULT_PASSWORD)
    page.get_by_role("link", name="Find a group").click()
    assert_accessible(page)
    page.get_by_role("link", name="Grief Circle").click()
    expect(page.get_by_text("We meet to talk about living with grief.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Join this group").click()
    assert_accessible(page)
    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Join Grief Circle").click()
    expect(page.get_by_role("status")).to_contain_text("You've joined Grief Circle")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Thursday circle")).click()
    expect(page.get_by_role("heading", level=1, name="Thursday circle")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I'm going").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("You're going.", exact=True)).to_be_visible()
    assert_accessible(page)
    assert Rsvp.objects.get(occurrence=occurrence, user=robin).status == RsvpStatus.GOING

    page.get_by_role("link", name="My groups").click()
    expect(page.get_by_role("heading", level=1, name="My groups and meetings")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Thursday circle"))).to_be_visible()
    assert_accessible(page)
