"""Saying you're going to a meeting in a real browser, and the facilitator seeing what you
need; axe scans on every page."""

import re

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.groups.choices import GroupStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

pytestmark = BROWSER_TEST


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()


def test_a_member_says_they_are_going_and_the_facilitator_sees_what_they_need(page, db):
    facilitator = UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])
    member = UserFactory(profile__display_name="Robin")
    group = GroupFactory(name="Evening Circle", facilitators=[facilitator])
    MembershipFactory(group=group, user=member)
    occurrence = OccurrenceFactory(
        meeting=MeetingFactory(group=group, title="Tuesday evening", capacity=8)
    )

    log_in(page, email=member.email, password=DEFAULT_PASSWORD)
    page.goto(f"/meetings/{occurrence.pk}/")
    expect(page.get_by_role("heading", level=1, name="Tuesday evening")).to_be_visible()
    expect(page.get_by_role("link", name="Evening Circle")).to_be_visible()
    expect(page.get_by_text("shown here once you've said you're going")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("I'm going").check()
    page.get_by_label("Hearing loop").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("You're going.", exact=True)).to_be_visible()
    expect(page.get_by_text("1 going, 7 places left of 8.")).to_be_visible()
    expect(page.get_by_role("link", name="https://meet.example.org/evening-circle")).to_be_visible()
    assert_accessible(page)

    response = page.goto("/my/")
    if response.status != 404:  # "my groups" is built alongside this page
        expect(page.get_by_text("Tuesday evening").first).to_be_visible()
        assert_accessible(page)

    log_out(page)
    log_in(page, email=facilitator.email, password=DEFAULT_PASSWORD)
    page.goto(f"/meetings/{occurrence.pk}/")
    attendees = page.get_by_role("table", name="People going and waiting")
    row = attendees.get_by_role("row", name=re.compile("Robin"))
    expect(row).to_contain_text("Hearing loop")
    assert_accessible(page)

    page.goto(f"/groups/{group.slug}/meetings/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange a meeting of Evening Circle")
    assert_accessible(page)
    page.get_by_label("Title").fill("Extra evening")
    page.get_by_label("Places").fill("0")
    page.get_by_role("button", name="Arrange the meeting").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)


def test_the_facilitator_and_coordinator_forms_are_accessible(page, db):
    facilitator = UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])
    coordinator = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(coordinator)
    group = GroupFactory(name="Evening Circle", facilitators=[facilitator])
    GroupFactory(name="Carers Together", status=GroupStatus.PROPOSED, proposed_by=facilitator)
    occurrence = OccurrenceFactory(meeting=MeetingFactory(group=group, title="Tuesday evening"))

    log_in(page, email=facilitator.email, password=DEFAULT_PASSWORD)
    page.goto(f"/meetings/{occurrence.pk}/")
    page.get_by_role("link", name="Move this date").click()
    page.get_by_label("Ends at").fill("00:01")
    page.get_by_label("Starts at").fill("23:00")
    page.get_by_role("button", name="Move this date").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Cancel this date").click()
    expect(page.get_by_role("heading", level=1, name="Cancel this date?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel this date").click()
    expect(page.get_by_text("This date is cancelled.", exact=True)).to_be_visible()
    assert_accessible(page)

    for path in (f"/groups/{group.slug}/edit/", f"/groups/{group.slug}/agreement/new/"):
        page.goto(path)
        assert_accessible(page)
    page.goto("/groups/propose/")
    page.get_by_role("button", name="Propose a self-help group").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, email=coordinator.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto("/groups/new/")
    page.get_by_role("button", name="Start a group").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.goto("/staff/groups/proposed/")
    expect(page.get_by_role("heading", level=2, name="Carers Together")).to_be_visible()
    assert_accessible(page)
    page.goto("/staff/venues/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a venue").click()
    page.get_by_role("button", name="Save the venue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
