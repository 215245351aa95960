"""Access needs in a real browser: the sharing question on the join page and on the RSVP
panel, and the coordinator's list of needs to arrange; axe scans at every step."""

import re

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.groups.choices import MeetingMode
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory
from alongside.staff.models import AccessTask

pytestmark = BROWSER_TEST

QUESTION = re.compile("Share your access needs with the facilitators")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()


def with_needs(user, needs):
    user.profile.access_needs = needs
    user.profile.save()
    return user


def test_needs_are_asked_about_once_and_reach_the_coordinator(page, db):
    facilitator = UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])
    coordinator = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(coordinator)
    robin = with_needs(UserFactory(profile__display_name="Robin"), ["step_free"])
    sam = with_needs(UserFactory(profile__display_name="Sam"), ["hearing_loop"])
    venue = VenueFactory(name="St Mary's Hall", features=["step_free"])
    group = GroupFactory(
        name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue, facilitators=[facilitator]
    )
    MembershipFactory(group=group, user=sam)
    occurrence = OccurrenceFactory(
        meeting=MeetingFactory(
            group=group,
            title="Tuesday evening",
            mode=MeetingMode.IN_PERSON,
            venue=venue,
            join_url="",
        )
    )

    # Robin joins, and is asked the question on the join page.
    log_in(page, email=robin.email, password=DEFAULT_PASSWORD)
    page.goto(f"/groups/{group.slug}/join/")
    expect(page.get_by_role("group", name=QUESTION)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Join Hall Circle").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, share them").check()
    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Join Hall Circle").click()
    expect(page.get_by_text("You've joined Hall Circle. Welcome.")).to_be_visible()
    # The answer can be changed on the profile page at any time.
    page.goto("/profile/edit/")
    consent = page.get_by_role("group", name=QUESTION)
    expect(consent.get_by_label("Yes, share them")).to_be_checked()
    assert_accessible(page)
    log_out(page)

    # Sam, already a member, is asked on the RSVP panel, once.
    log_in(page, email=sam.email, password=DEFAULT_PASSWORD)
    page.goto(f"/meetings/{occurrence.pk}/")
    expect(page.get_by_role("group", name=QUESTION)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I'm going").check()
    page.get_by_label("Yes, share them").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("You're going.", exact=True)).to_be_visible()
    expect(page.get_by_role("group", name=QUESTION)).to_have_count(0)
    assert_accessible(page)
    log_out(page)

    # The hall has step-free access (Robin's need) but no hearing loop (Sam's): one task for
    # the date she's going to, and one for the group, since she now shares her needs.
    assert AccessTask.objects.filter(member=robin).count() == 0
    log_in(page, email=coordinator.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto("/staff/")
    tasks = page.get_by_role("region", name="Access needs to arrange")
    expect(tasks.get_by_role("article")).to_have_count(2)
    task = tasks.get_by_role("article", name=re.compile("^Sam: Hall Circle, [A-Z][a-z]+day "))
    expect(task).to_contain_text("The venue has no hearing loop.")
    expect(task).to_contain_text("St Mary's Hall")
    assert_accessible(page)
    note = "Note for other coordinators about Sam's needs (optional)"
    task.get_by_label(note).fill("Portable loop booked")
    task.get_by_role("button", name="Arranged").click()
    expect(page.get_by_text("Marked as arranged.")).to_be_visible()
    expect(tasks.get_by_role("article")).to_have_count(1)
    expect(tasks.get_by_role("article")).to_have_accessible_name(
        "Sam: Hall Circle, From joining the group"
    )
    assert_accessible(page)


def test_the_task_page_says_what_is_wrong(page, db):
    coordinator = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(coordinator)
    venue = VenueFactory(name="St Mary's Hall", features=[])
    group = GroupFactory(name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue)
    task = AccessTask.objects.create(
        member=UserFactory(profile__display_name="Jo"), group=group, needs=["bsl_interpreter"]
    )
    task.member.profile.access_needs_shared = True
    task.member.profile.save()

    log_in(page, email=coordinator.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto(f"/staff/access/{task.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Access needs of Jo")
    expect(page.get_by_text("A BSL interpreter needs booking.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("No longer needed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Marked as no longer needed.")).to_be_visible()
