"""In a real browser, with axe-core on every page: a member asks for a befriender through
the form (by keyboard where practical), a coordinator previews and sends a matching run,
the supporter and then the member accept, the supporter writes the agreement, the member
confirms it, and both see it confirmed."""

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import (
    BROWSER_TEST,
    TIMEOUT_MS,
    assert_accessible,
    log_in,
)
from alongside.matching.choices import MatchStatus
from alongside.matching.models import Match, MatchAgreement
from alongside.matching.tests.factories import SupporterProfileFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def open_page(browser, live_server, browser_context):
    """open_page() -> a page in a browser context of its own (one per person), failing the
    test if the Content-Security-Policy blocked anything."""
    contexts, blocked = [], []

    def new_page():
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                blocked.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield new_page
    for context in contexts:
        context.close()
    if blocked:
        pytest.fail("The Content-Security-Policy blocked:\n" + "\n".join(blocked), pytrace=False)


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def press(page, control):
    """Reach a link or button by keyboard and activate it."""
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Enter")


def tick(page, control):
    control.focus()
    page.keyboard.press("Space")
    expect(control).to_be_checked()


def type_into(page, field, text):
    field.focus()
    page.keyboard.type(text)


def test_a_befriending_match_from_asking_to_an_agreed_start(open_page):
    robin = UserFactory(profile__display_name="Robin")
    alex = UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])
    SupporterProfileFactory(user=alex)
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    casey_secret = activate_totp(casey)

    # Robin asks for a befriender.
    member = open_page()
    log_in(member, email=robin.email, password=DEFAULT_PASSWORD)
    member.goto("/matching/")
    expect(heading(member, "Mentoring and befriending")).to_be_visible()
    assert_accessible(member)
    press(member, member.get_by_role("link", name="Ask for a befriender"))
    expect(heading(member, "Ask for a befriender")).to_be_visible()
    assert_accessible(member)
    type_into(
        member,
        member.get_by_label("Tell us a little more (optional)"),
        "I've moved here recently and would like someone to talk to.",
    )
    tick(member, member.get_by_label("Phone call"))
    tick(member, member.get_by_label("English"))
    member.get_by_label("Time 1: day").select_option("tue")
    member.get_by_label("Time 1: from").select_option("18:00")
    member.get_by_label("Time 1: to").select_option("20:00")
    press(member, member.get_by_role("button", name="Ask for a befriender"))
    expect(
        member.get_by_text("We'll let you know as soon as we've found a befriender for you.")
    ).to_be_visible()
    expect(member.get_by_text("You asked today.")).to_be_visible()
    assert_accessible(member)

    # Casey previews a matching run and sends it.
    coordinator = open_page()
    log_in(coordinator, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=casey_secret)
    coordinator.goto("/staff/matching/runs/")
    expect(heading(coordinator, "Matching runs")).to_be_visible()
    assert_accessible(coordinator)
    press(coordinator, coordinator.get_by_role("button", name="Preview a matching run"))
    expect(coordinator.get_by_role("heading", level=1, name="Matching run")).to_be_visible()
    expect(coordinator.get_by_text("Alex").first).to_be_visible()
    assert_accessible(coordinator)
    press(coordinator, coordinator.get_by_role("button", name="Send these proposals"))
    expect(coordinator.get_by_text("Sent 1 proposal.")).to_be_visible()
    assert_accessible(coordinator)
    match = Match.objects.get(member=robin, supporter=alex)
    assert match.status == MatchStatus.PROPOSED

    # Alex accepts.
    supporter = open_page()
    log_in(supporter, email=alex.email, password=DEFAULT_PASSWORD)
    supporter.goto("/matching/")
    assert_accessible(supporter)
    press(supporter, supporter.get_by_role("link", name="Supporting Robin (befriending)"))
    expect(heading(supporter, "Befriending: supporting Robin")).to_be_visible()
    expect(supporter.get_by_text("I've moved here recently")).to_be_visible()
    assert_accessible(supporter)
    press(supporter, supporter.get_by_role("button", name="Yes, I'd like to go ahead"))
    expect(
        supporter.get_by_text("We'll let you know when the other person has answered.")
    ).to_be_visible()
    assert_accessible(supporter)

    # Robin accepts.
    member.goto("/matching/")
    expect(member.get_by_text("Please say whether you'd like to go ahead.")).to_be_visible()
    assert_accessible(member)
    press(member, member.get_by_role("link", name="Befriending with Alex"))
    expect(heading(member, "Befriending with Alex")).to_be_visible()
    assert_accessible(member)
    press(member, member.get_by_role("button", name="Yes, I'd like to go ahead"))
    expect(member.get_by_text("You've both said yes. Your match has started.")).to_be_visible()
    expect(member.get_by_role("link", name="Send Alex a message")).to_be_visible()
    assert_accessible(member)

    # Alex writes the agreement.
    supporter.reload()
    expect(supporter.get_by_role("heading", level=2, name="Your agreement")).to_be_visible()
    assert_accessible(supporter)
    type_into(supporter, supporter.get_by_label("What we'll focus on"), "Settling in to the area.")
    type_into(supporter, supporter.get_by_label("How often we'll meet"), "Once a week")
    tick(supporter, supporter.locator("#agreement_modes").get_by_label("Phone call"))
    type_into(supporter, supporter.get_by_label("Boundaries"), "No calls after 9pm.")
    press(supporter, supporter.get_by_role("button", name="Save the agreement"))
    expect(supporter.get_by_text("Agreement saved (version 1).", exact=False)).to_be_visible()
    expect(
        supporter.get_by_text("We're waiting for Robin to confirm it.", exact=False)
    ).to_be_visible()
    assert_accessible(supporter)

    # Robin reads and confirms it.
    member.reload()
    expect(member.get_by_text("Alex has written version 1 of your agreement.")).to_be_visible()
    expect(member.get_by_role("definition").filter(has_text="Settling in")).to_be_visible()
    assert_accessible(member)
    press(member, member.get_by_role("button", name="I agree to version 1"))
    confirmed = "You've both confirmed version 1 of your agreement."
    expect(member.get_by_text(confirmed)).to_be_visible()
    assert_accessible(member)

    supporter.reload()
    expect(supporter.get_by_text(confirmed)).to_be_visible()
    assert_accessible(supporter)
    assert MatchAgreement.objects.get(match=match).is_confirmed


def display_of(page, selector) -> str:
    return page.locator(selector).evaluate("element => getComputedStyle(element).display")


def test_mistakes_on_the_forms_are_explained_accessibly(open_page):
    robin = UserFactory(profile__display_name="Robin")
    page = open_page()
    log_in(page, email=robin.email, password=DEFAULT_PASSWORD)

    # Asking for a mentor with two times that overlap.
    page.goto("/matching/request/mentoring/")
    # The checkboxes are laid out in columns; their help text is not squeezed into one.
    assert display_of(page, "#id_supporter_genders") == "grid"
    assert display_of(page, "#id_supporter_genders_helptext") == "block"
    tick(page, page.get_by_label("Video call"))
    tick(page, page.get_by_label("English"))
    for row, (start, end) in enumerate([("18:00", "20:00"), ("19:00", "21:00")], start=1):
        page.get_by_label(f"Time {row}: day").select_option("wed")
        page.get_by_label(f"Time {row}: from").select_option(start)
        page.get_by_label(f"Time {row}: to").select_option(end)
    press(page, page.get_by_role("button", name="Ask for a mentor"))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name="overlap", exact=False)).to_be_visible()
    assert_accessible(page)
    press(page, summary.get_by_role("link", name="overlap", exact=False))
    expect(page.get_by_label("Time 2: from")).to_have_value("19:00")  # nothing lost

    # Applying to be a supporter with room for a thousand people.
    page.goto("/matching/supporter/")
    expect(heading(page, "Becoming a mentor or befriender")).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Apply to be a peer supporter"))
    expect(heading(page, "Become a mentor or befriender")).to_be_visible()
    assert_accessible(page)
    tick(page, page.get_by_label("Befriending"))
    type_into(page, page.get_by_label("Why you'd like to be a peer supporter"), "To give back.")
    type_into(page, page.get_by_label("Your experience, in your own words"), "Years of anxiety.")
    tick(page, page.get_by_label("English"))
    tick(page, page.get_by_label("Phone call"))
    page.get_by_label("Time 1: day").select_option("sat")
    page.get_by_label("Time 1: from").select_option("10:00")
    page.get_by_label("Time 1: to").select_option("12:00")
    capacity = page.get_by_label("How many people you could support at once")
    capacity.fill("")
    type_into(page, capacity, "1000")
    press(page, page.get_by_role("button", name="Apply"))
    expect(
        page.get_by_role("alert").get_by_text("Choose between 1 and 10 people at once.")
    ).to_be_visible()
    assert_accessible(page)
    capacity = page.get_by_label("How many people you could support at once")
    capacity.fill("")
    type_into(page, capacity, "2")
    press(page, page.get_by_role("button", name="Apply"))
    expect(heading(page, "Your supporter area")).to_be_visible()
    expect(
        page.get_by_text("A coordinator will get in touch to arrange a chat and training.").first
    ).to_be_visible()
    assert_accessible(page)
