"""Chat pages in a real browser, checked with axe-core. The test server speaks HTTP only, so
chat.js finds no websocket here: this checks the pages, the fallback form post, and loading
older messages. The live websocket path is covered by test_chat_browser_* (realtime-infra)."""

from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.community.models import Message
from alongside.community.tests.factories import MessageFactory, SpaceFactory
from alongside.community.tests.factories_chat import space_room_for

pytestmark = BROWSER_TEST


def test_a_member_reads_scrolls_back_and_sends_in_a_space_room(page, db):
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")
    sam = UserFactory(profile__display_name="Sam")
    room = space_room_for(robin)
    room.space.name = "Night owls"
    room.space.save()
    messages = [MessageFactory(room=room, author=sam, body=f"Message {n}") for n in range(60)]

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto(f"/community/chat/space/{room.space.slug}/")
    expect(page.get_by_role("heading", level=1, name="Chat: Night owls")).to_be_visible()
    expect(page.locator(f"#message-{messages[-1].pk}")).to_be_visible()
    assert_accessible(page)

    # Scrolling to the top of the log loads the ten older messages above the others.
    page.locator(".chat-log").evaluate("log => { log.scrollTop = 0; }")
    expect(page.locator(f"#message-{messages[0].pk}")).to_be_attached()
    ids = page.locator(".chat-messages > li").evaluate_all(
        "items => items.map(item => Number(item.dataset.messageId))"
    )
    assert ids == [m.pk for m in messages]
    expect(page.get_by_text("This is the start of the conversation.")).to_be_visible()

    # No websocket here: the form posts and the page comes back with the message.
    page.get_by_label("Message").fill("Hello from *Robin*")
    page.get_by_role("button", name="Send").click()
    new = Message.objects.latest("id")
    expect(page.locator(f"#message-{new.pk}")).to_contain_text("Hello from Robin")
    assert_accessible(page)

    # An empty message: the error is next to the box.
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Write something in your message first.")).to_be_visible()
    assert_accessible(page)


def test_history_and_a_read_only_room_are_accessible(page, db):
    UserFactory(profile__display_name="Robin", email="robin@example.org")
    space = SpaceFactory(name="Quiet corner")
    room = space_room_for()
    room.space = space
    room.save()
    for n in range(60):
        MessageFactory(room=room, body=f"Message {n}")

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.goto(f"/community/chat/space/{space.slug}/")
    expect(page.get_by_text("accept this space's community guidelines")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/community/chat/rooms/{room.pk}/history/")
    expect(
        page.get_by_role("heading", level=1, name="Older messages: Quiet corner")
    ).to_be_visible()
    assert_accessible(page)
