"""Live chat between two real browsers (Robin and Sam) over real websockets, served by uvicorn
in this process (asgi_live_server): typing, sending both ways, who is here now, and catching
up after a dropped connection without losing or repeating a message."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alongside.common.testing import asgi_server
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible
from alongside.community.actions.chat import room_for_space
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceFactory

pytestmark = BROWSER_TEST
asgi_live_server = asgi_server.asgi_live_server  # the fixtures, for this module
open_page = asgi_server.open_page


@pytest.fixture
def space(member, other_member):
    space = SpaceFactory(name="Living with anxiety")
    GuidelinesAcceptanceFactory(space=space, user=member)
    GuidelinesAcceptanceFactory(space=space, user=other_member)
    room_for_space(space)
    return space


def open_room(page, space):
    page.goto(reverse("community:chat_space", kwargs={"slug": space.slug}))
    # The welcome frame has arrived once the page lists its own member as here.
    expect(page.locator(".chat-present")).to_contain_text("(you)")


def send(page, text: str) -> None:
    box = page.get_by_label("Message", exact=True)
    box.fill(text)
    page.get_by_role("button", name="Send").click()
    expect(box).to_have_value("")


def shown_messages(page) -> list[str]:
    return [
        text.strip() for text in page.locator(".chat-messages > li .chat-body").all_inner_texts()
    ]


def test_two_members_chat_live_and_catch_up_after_going_offline(
    open_page, space, member, other_member
):
    robin = open_page(member)
    sam = open_page(other_member)
    open_room(robin, space)
    open_room(sam, space)
    assert_accessible(robin)
    assert_accessible(sam)

    # Sam sees Robin arrive, and sees Robin typing.
    expect(sam.locator(".chat-present")).to_contain_text("Robin")
    robin.get_by_label("Message", exact=True).press_sequentially("Hello")
    expect(sam.get_by_role("status")).to_contain_text("Robin is typing…")

    # Robin's message appears on Sam's page without a reload, and the other way round.
    send(robin, "Hello, is anyone around tonight?")
    sam_messages = sam.locator(".chat-messages > li")
    expect(sam_messages.last).to_contain_text("Hello, is anyone around tonight?")
    expect(sam_messages.last).to_contain_text("Robin")
    # A live message from someone else can be reported; your own can't.
    expect(sam_messages.last.get_by_role("link", name="Report this message")).to_be_visible()
    expect(sam.get_by_role("status")).not_to_contain_text("typing")
    send(sam, "I'm here. How are you doing?")
    expect(robin.locator(".chat-messages > li").last).to_contain_text("How are you doing?")
    robin_own = robin.locator(".chat-messages > li").first
    expect(robin_own.get_by_role("link", name="Report this message")).to_have_count(0)
    assert_accessible(robin)

    # Sam's connection drops; Robin carries on; Sam's page catches up by itself.
    # Close first, while the close handshake can still complete (offline, Chromium may hold
    # the close back); the page waits at least half a second before reconnecting, by which
    # time it is offline.
    drop_socket(sam)
    sam.context.set_offline(True)
    expect(sam.get_by_role("status")).to_contain_text(re.compile("Reconnecting|Connection lost"))
    send(robin, "Not great, honestly.")
    send(robin, "But talking helps.")
    expect(robin.locator(".chat-messages > li")).to_have_count(4)
    expect(sam_messages).to_have_count(2)
    sam.context.set_offline(False)
    expect(sam_messages).to_have_count(4, timeout=20_000)
    assert shown_messages(sam) == [
        "Hello, is anyone around tonight?",
        "I'm here. How are you doing?",
        "Not great, honestly.",
        "But talking helps.",
    ]
    assert shown_messages(sam) == shown_messages(robin)
    expect(sam.get_by_role("status")).not_to_contain_text(re.compile("Reconnecting|lost"))


def drop_socket(page) -> None:
    """Close the page's websocket as a network drop would. Going offline stops new
    connections, but Chromium may keep an already-open websocket alive."""
    page.evaluate(
        """() => {
            const room = document.querySelector("section.chat-room").chatRoom;
            if (room && room.socket) { room.socket.close(); }
        }"""
    )


def test_a_member_who_may_not_read_a_private_room_cannot_join_it(
    open_page, asgi_live_server, member, other_member
):
    """The handshake is refused (403) for a room one may not read: nothing is revealed."""
    from alongside.accounts.tests.factories import UserFactory
    from alongside.community.tests.factories import conversation_between

    private_room = conversation_between(other_member, UserFactory()).room
    robin = open_page(member)
    robin.goto("/help-now/")
    outcome = robin.evaluate(
        """(path) => new Promise((resolve) => {
            const socket = new WebSocket("ws://" + location.host + path);
            socket.addEventListener("open", () => resolve("open"));
            socket.addEventListener("close", () => resolve("refused"));
        })""",
        f"/ws/rooms/{private_room.pk}/",
    )
    assert outcome == "refused"
