"""In two real browsers over real websockets (asgi_live_server), with axe-core: Robin writes
something urgent in a space's chat and at once sees a calm support panel by the message
box, their message kept for a moderator; Sam, in the same room, sees nothing of it. Then a
concern: posted to both, with a gentle note for Robin only."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alongside.common.testing import asgi_server
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible
from alongside.community.actions.chat import room_for_space
from alongside.community.models import Message
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceFactory
from alongside.safety.models import SafetyAlert, SafetyPlan

pytestmark = BROWSER_TEST
asgi_live_server = asgi_server.asgi_live_server  # the fixtures, for this module
open_page = asgi_server.open_page

URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
WAITING = "Waiting for a moderator: only you can see this."


@pytest.fixture
def space(member, other_member):
    space = SpaceFactory(name="Getting through the night")
    GuidelinesAcceptanceFactory(space=space, user=member)
    GuidelinesAcceptanceFactory(space=space, user=other_member)
    room_for_space(space)
    return space


def open_room(page, space):
    page.goto(reverse("community:chat_space", kwargs={"slug": space.slug}))
    expect(page.locator(".chat-present")).to_contain_text("(you)")


def send(page, text: str) -> None:
    box = page.get_by_label("Message", exact=True)
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")


def test_an_urgent_message_brings_calm_support_and_others_see_nothing(
    open_page, space, member, other_member
):
    SafetyPlan.objects.create(owner=member, reasons_to_live="My sister and my cat")
    robin = open_page(member)
    sam = open_page(other_member)
    open_room(robin, space)
    open_room(sam, space)

    send(robin, "Evening, everyone")
    sam_messages = sam.locator(".chat-messages > li")
    expect(sam_messages).to_have_count(1)

    send(robin, URGENT)
    panel = robin.get_by_role("region", name="Support is here for you")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("You don't have to face this alone")
    expect(panel).to_contain_text("A moderator will check in with you")
    call = panel.get_by_role("link", name="Samaritans: call 116 123")
    expect(call).to_have_attribute("href", "tel:116123")
    expect(panel.get_by_role("link", name="Shout: text SHOUT to 85258")).to_have_attribute(
        "href", "sms:85258"
    )
    expect(panel.get_by_role("link", name="Open your safety plan")).to_have_attribute(
        "href", reverse("safety:plan")
    )
    expect(panel.get_by_role("listitem").filter(has=robin.locator("strong"))).to_have_count(3)
    expect(robin.locator(".chat-status")).to_contain_text("waiting for a moderator")
    held = robin.locator(".chat-messages > li").last
    expect(held).to_contain_text(URGENT)
    expect(held).to_contain_text(WAITING)
    assert_accessible(robin)

    # By keyboard: back from the message box to the panel's close button, and close it.
    box = robin.get_by_label("Message", exact=True)
    box.focus()
    box.press("Shift+Tab")
    close = panel.get_by_role("button", name="Close this support message")
    expect(close).to_be_focused()
    close.press("Enter")
    expect(panel).to_have_count(0)
    expect(box).to_be_focused()

    # Stored, held and raised; Sam saw nothing, live or after a reload.
    message = Message.objects.get(body=URGENT)
    assert message.status == "held"
    assert SafetyAlert.objects.get(message=message).level == "urgent"
    expect(sam_messages).to_have_count(1)
    expect(sam.locator("body")).not_to_contain_text("kill myself")
    expect(sam.get_by_role("status").first).not_to_contain_text("typing")
    sam.reload()
    expect(sam.locator(".chat-messages > li")).to_have_count(1)
    expect(sam.locator("body")).not_to_contain_text("Waiting for a moderator")

    # Robin's own page still shows it, marked as waiting.
    robin.reload()
    expect(robin.locator(".chat-messages > li").last).to_contain_text(WAITING)
    assert_accessible(robin)

    # A concern: posted to both; Robin alone gets a gentle note with a way to help.
    send(robin, CONCERN)
    expect(sam.locator(".chat-messages > li").last).to_contain_text(CONCERN)
    note = robin.get_by_role("region", name="A gentle note")
    expect(note).to_contain_text("Thank you for sharing this")
    expect(note.get_by_role("link", name="I need help now")).to_have_attribute("href", "/help-now/")
    expect(sam.get_by_role("region", name="A gentle note")).to_have_count(0)
    assert_accessible(robin)
