"""The issue's acceptance test, keyboard only (Tab, Shift+Tab, Space, Enter and typing; never
a mouse click): a person without an account goes from the home page through every question
of the finder to the results, opens a group, signs up, comes back to their answers, joins
the group and says they're going to its next meeting. Every page on the way is axe-checked."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts import places
from alongside.accounts.models import User
from alongside.accounts.tests.factories import TopicFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible
from alongside.finder.tests.factories import fresh_catalogue  # noqa: F401 (fixture)
from alongside.groups.choices import GroupKind, MeetingMode
from alongside.groups.tests.factories import GroupFactory, VenueFactory
from alongside.meetings.models import Rsvp, RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

pytestmark = [*BROWSER_TEST, pytest.mark.usefixtures("fresh_catalogue")]

EMAIL = "river@example.org"
PASSWORD = "a calm harbour at dusk"
MAX_TABS = 150


@pytest.fixture(scope="module", autouse=True)
def _gazetteer_loaded():
    # Loading the gazetteer takes seconds the first time: do it outside the browser's timeouts.
    places.search_places("Cardiff")


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, backwards=False):
    """Press Tab (or Shift+Tab) until `locator` has the focus, as a keyboard user would."""
    expect(locator).to_be_visible()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if is_focused(locator):
            return locator
        page.keyboard.press(key)
    pytest.fail(f"Could not reach {locator} with {key} on {page.url}")


def activate(page, locator):
    """Tab to a link or button and press Enter."""
    tab_to(page, locator)
    page.keyboard.press("Enter")


def tick(page, locator):
    tab_to(page, locator)
    page.keyboard.press("Space")
    expect(locator).to_be_checked()


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def question(page, text):
    expect(heading(page, text)).to_be_visible()
    assert_accessible(page)


def continue_(page):
    activate(page, page.get_by_role("button", name="Continue"))


def test_find_support_sign_up_join_and_rsvp_by_keyboard(page):
    grief = TopicFactory(name="Bereavement")
    TopicFactory(name="Anxiety")
    cardiff = places.resolve_place("Cardiff")
    hall = VenueFactory(
        name="Riverside Hall",
        latitude=cardiff.latitude + 2 / 69.05,  # 2 miles north
        longitude=cardiff.longitude,
        features=["step_free", "hearing_loop"],
    )
    VenueFactory(name="Upstairs Room", features=["hearing_loop"])  # no step-free access
    group = GroupFactory(
        name="Riverside Grief Circle",
        kind=GroupKind.SUPPORT,
        purpose="We meet to talk about living with grief.",
        mode=MeetingMode.IN_PERSON,
        venue=hall,
    )
    group.topics.set([grief])
    start = (timezone.localtime() + timedelta(days=8)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    while start.weekday() != 1:  # a Tuesday
        start += timedelta(days=1)
    meeting = MeetingFactory(
        group=group,
        title="Tuesday circle",
        mode=MeetingMode.IN_PERSON,
        venue=hall,
        join_url="",
        first_start=start,
    )
    occurrence = OccurrenceFactory(meeting=meeting)

    # 1. The home page leads to the finder.
    page.goto("/")
    assert_accessible(page)
    activate(page, page.get_by_role("banner").get_by_role("link", name="Find support"))
    question(page, "Find support that's right for you")
    expect(page.get_by_text("You don't need an account.")).to_be_visible()
    activate(page, page.get_by_role("link", name="Start"))

    # 2. One question a page.
    question(page, "What's on your mind?")
    tick(page, page.get_by_label("Bereavement"))
    type_into(page, page.get_by_label("In your own words (optional)"), "I lost my mum in May.")
    continue_(page)

    question(page, "Would you like to meet in a group or one to one?")
    tick(page, page.get_by_label("In a group"))
    continue_(page)

    question(page, "How would you like to connect?")
    tick(page, page.get_by_label("In person"))
    continue_(page)

    question(page, "When are you usually free?")
    tick(page, page.get_by_role("checkbox", name="Evening on Tuesday"))
    continue_(page)

    # The town is misspelt first: the error names close spellings and keeps the rest.
    question(page, "Where are you?")
    type_into(page, page.get_by_role("combobox", name="Your town or city"), "Cardif")
    type_into(page, page.get_by_label("How far can you travel?"), "5")
    expect(page.get_by_role("radio", name="Miles")).to_be_checked()
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Did you mean Cardiff")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    # Back from the error summary to the field, by Shift+Tab.
    town = page.get_by_role("combobox", name="Your town or city")
    tab_to(page, town, backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("Cardiff")
    expect(page.get_by_label("How far can you travel?")).to_have_value("5")
    continue_(page)

    question(page, "Which languages can you use?")
    tick(page, page.get_by_label("English", exact=True))
    continue_(page)

    question(page, "Is there anything that makes it hard to take part?")
    tick(page, page.get_by_label("Step-free access"))
    continue_(page)

    # 3. Check the answers, then see what's available.
    question(page, "Check your answers")
    answers = page.locator("dl.summary-list")
    expect(answers).to_contain_text("Bereavement")
    expect(answers).to_contain_text("Tuesday evening")
    expect(answers).to_contain_text("Cardiff, Wales, United Kingdom")
    expect(answers).to_contain_text("Up to 5 miles")
    expect(answers).to_contain_text("Step-free access")
    activate(page, page.get_by_role("link", name="See what's available"))

    question(page, "Support that might suit you")
    option = page.locator(".finder-option", has_text="Riverside Grief Circle")
    expect(option).to_contain_text("Support group")
    expect(option).to_contain_text("2 miles away")
    expect(option).to_contain_text("Why it might suit you:")
    expect(option).to_contain_text("step-free")
    expect(page.get_by_role("link", name="Create an account to save these answers")).to_be_visible()

    # 4. The group's page, then sign up from the header.
    activate(page, page.get_by_role("link", name="Riverside Grief Circle", exact=True))
    expect(heading(page, "Riverside Grief Circle")).to_be_visible()
    assert_accessible(page)
    activate(page, page.get_by_role("banner").get_by_role("link", name="Sign up"))
    expect(heading(page, "Sign Up")).to_be_visible()
    assert_accessible(page)
    type_into(page, page.get_by_label("Display name"), "River")
    type_into(page, page.get_by_label("Email"), EMAIL)
    type_into(page, page.get_by_label(re.compile(r"^Password:?$")), PASSWORD)
    type_into(page, page.get_by_label("Password (again)"), PASSWORD)
    activate(page, page.get_by_role("button", name="Sign Up"))
    expect(heading(page, "Verify Your Email Address")).to_be_visible()
    assert_accessible(page)

    # The link in the email (opened from the mail program, so by its address).
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(urlsplit(link).path)
    expect(heading(page, "Confirm Email Address")).to_be_visible()
    assert_accessible(page)
    activate(page, page.get_by_role("button", name="Confirm"))
    expect(page.get_by_role("link", name="Your profile (River)")).to_be_visible()
    assert_accessible(page)

    # 5. The answers are still there after signing up.
    activate(page, page.get_by_role("banner").get_by_role("link", name="Find support"))
    question(page, "Find support that's right for you")
    activate(page, page.get_by_role("link", name="Continue"))
    question(page, "Check your answers")
    expect(page.locator("dl.summary-list")).to_contain_text("Cardiff, Wales, United Kingdom")
    activate(page, page.get_by_role("link", name="See what's available"))
    question(page, "Support that might suit you")
    expect(page.get_by_role("button", name="Save these answers to my profile")).to_be_visible()

    # 6. Join the group, accepting its agreement.
    activate(page, page.get_by_role("link", name="Riverside Grief Circle", exact=True))
    expect(heading(page, "Riverside Grief Circle")).to_be_visible()
    assert_accessible(page)
    activate(page, page.get_by_role("link", name="Join this group"))
    expect(heading(page, "Join Riverside Grief Circle")).to_be_visible()
    assert_accessible(page)
    tick(page, page.get_by_label("I have read the group agreement and I accept it"))
    activate(page, page.get_by_role("button", name="Join Riverside Grief Circle"))
    expect(page.get_by_role("status")).to_contain_text("You've joined Riverside Grief Circle")
    assert_accessible(page)

    # 7. Its next meeting: say "I'm going".
    activate(page, page.get_by_role("link", name=re.compile("Tuesday circle")))
    expect(heading(page, "Tuesday circle")).to_be_visible()
    assert_accessible(page)
    tick(page, page.get_by_label("I'm going"))
    activate(page, page.get_by_role("button", name="Save my answer"))
    expect(page.get_by_text("You're going.", exact=True)).to_be_visible()
    assert_accessible(page)

    river = User.objects.get(email=EMAIL)
    assert Rsvp.objects.get(occurrence=occurrence, user=river).status == RsvpStatus.GOING


def test_nothing_found_is_never_a_dead_end(page):
    """Worrying words bring support at once; when nothing fits, the page says why, shows the
    closest option and leads to contact us with the answers attached. Keyboard only."""
    cardiff = places.resolve_place("Cardiff")
    far_hall = VenueFactory(
        name="Far Hall", latitude=cardiff.latitude + 40 / 69.05, longitude=cardiff.longitude
    )
    group = GroupFactory(name="Faraway Circle", mode=MeetingMode.IN_PERSON, venue=far_hall)
    meeting = MeetingFactory(group=group, mode=MeetingMode.IN_PERSON, venue=far_hall, join_url="")
    OccurrenceFactory(meeting=meeting)

    page.goto("/find/topics/")
    question(page, "What's on your mind?")
    type_into(
        page,
        page.get_by_label("In your own words (optional)"),
        "I feel hopeless and I want to die.",
    )
    continue_(page)
    question(page, "Would you like to meet in a group or one to one?")
    tick(page, page.get_by_label("In a group"))
    continue_(page)

    # A group by forum only doesn't fit: the error summary's link leads to the first box,
    # and Back shows the earlier answer as it was.
    question(page, "How would you like to connect?")
    tick(page, page.get_by_label("Online forum"))
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Groups meet in person, by video or by phone")
    assert_accessible(page)
    activate(page, page.get_by_role("alert").get_by_role("link"))
    expect(page.get_by_label("In person")).to_be_focused()
    tab_to(page, page.get_by_role("link", name="Back", exact=True), backwards=True)
    page.keyboard.press("Enter")
    question(page, "Would you like to meet in a group or one to one?")
    expect(page.get_by_label("In a group")).to_be_checked()
    continue_(page)

    question(page, "How would you like to connect?")
    expect(page.get_by_label("Online forum")).not_to_be_checked()
    tick(page, page.get_by_label("In person"))
    continue_(page)
    question(page, "When are you usually free?")
    continue_(page)

    # In person only and no town: explained on this page, nothing lost.
    question(page, "Where are you?")
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("we need your town")
    assert_accessible(page)
    town = page.get_by_role("combobox", name="Your town or city")
    tab_to(page, town, backwards=True)
    page.keyboard.type("Cardiff")
    type_into(page, page.get_by_label("How far can you travel?"), "3")
    continue_(page)
    question(page, "Which languages can you use?")
    continue_(page)
    question(page, "Is there anything that makes it hard to take part?")
    continue_(page)
    question(page, "Check your answers")
    expect(page.locator("dl.summary-list")).to_contain_text("In person")
    activate(page, page.get_by_role("link", name="See what's available"))

    question(page, "We couldn't find a close fit")
    expect(page.get_by_role("heading", name="Support for you now")).to_be_visible()
    expect(page.get_by_role("heading", name="The closest options")).to_be_visible()
    closest = page.locator(".finder-option", has_text="Faraway Circle")
    expect(closest).to_contain_text("What might not suit you:")

    activate(page, page.get_by_role("link", name="Talk to us about your support needs"))
    expect(page).to_have_url(re.compile(r"/contact/\?from=finder$"))
    assert_accessible(page)
    expect(page.get_by_role("main")).to_contain_text("Cardiff, Wales, United Kingdom")
