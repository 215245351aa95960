"""The safety net in live chat: what the websocket tells the writer of a flagged message,
and that nobody else in the room learns anything about a held one."""

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.models import Message
from alongside.community.tests.factories_chat import (
    connect,
    frames_until,
    fresh_channel_layer,
    next_frame,
    send,
    space_room_for,
)
from alongside.safety.models import SafetyAlert, Suspension

pytestmark = pytest.mark.django_db(transaction=True)

URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
ORDINARY = "The walk by the river helped today"


@pytest.fixture(autouse=True, scope="module")
def _loaded_once():
    # Once per process the first reverse() loads the URLs (seconds on a busy machine): not
    # inside a frame's timeout. (The risk classifier is loaded by conftest's session fixture.)
    reverse("safety:help_now")


@pytest.fixture(autouse=True)
def _fresh_layer(monkeypatch):
    fresh_channel_layer()
    # The consumer must never touch the ORM from the event loop: let Django refuse it here.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


async def frames_for_a_while(client, timeout=0.5) -> list[dict]:
    """Every frame that arrives until none has for `timeout` seconds."""
    frames = []
    while not await client.receive_nothing(timeout=timeout):
        frames.append(await client.receive_json_from())
    return frames


async def frames_until_all(client, *types) -> list[dict]:
    """Frames until one of each of `types` has arrived (in any order), then any more that
    follow within half a second."""
    frames, waiting = [], set(types)
    while waiting:
        frame = await next_frame(client, *types)
        frames.append(frame)
        waiting.discard(frame["type"])
    return frames + await frames_for_a_while(client)


def about_messages(frames) -> list[dict]:
    """The frames that could tell a member about a message (not presence or pongs)."""
    return [frame for frame in frames if frame["type"] not in ("presence", "pong")]


def test_an_urgent_message_is_held_and_only_its_writer_hears_of_it(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await frames_for_a_while(sam)  # presence, as Robin and Sam arrived
        await send(robin, {"type": "typing"})
        await next_frame(sam, "typing")
        await send(robin, {"type": "send", "body": URGENT, "client_id": "urgent-1"})
        own = await next_frame(robin, "message")
        sent = await next_frame(robin, "sent")
        support = await next_frame(robin, "support")
        heard_by_sam = about_messages(await frames_for_a_while(sam, timeout=1))
        # Sam catching up after a reconnect: still nothing.
        await send(sam, {"type": "resume", "after": 0})
        sam_resumed = await frames_until(sam, "resumed")
        await send(robin, {"type": "resume", "after": 0})
        robin_resumed = await next_frame(robin, "resumed")
        await robin.disconnect()
        await sam.disconnect()
        return own, sent, support, heard_by_sam, sam_resumed, robin_resumed

    own, sent, support, heard_by_sam, sam_resumed, robin_resumed = async_to_sync(scenario)()
    message = Message.objects.get()
    assert message.status == ContentStatus.HELD
    assert message.risk_level == "urgent"
    assert message.risk_signals and message.risk_detector_version
    alert = SafetyAlert.objects.get()
    assert (alert.message_id, alert.member_id, alert.level) == (message.pk, member.pk, "urgent")

    assert own["message"]["id"] == message.pk
    assert own["message"]["held"] is True
    assert sent == {"type": "sent", "client_id": "urgent-1", "id": message.pk, "held": True}
    assert support["client_id"] == "urgent-1"
    assert support["message_id"] == message.pk
    assert support["held"] is True
    help_now = support["support"]
    assert help_now["level"] == "urgent"
    assert "moderator will check in" in help_now["held_message"]
    assert 2 <= len(help_now["resources"]) <= 3
    assert any(resource["phone"] for resource in help_now["resources"])
    assert help_now["help_url"]

    assert heard_by_sam == []  # no message, no support frame, no typing after the send
    assert [frame["type"] for frame in about_messages(sam_resumed)] == ["resumed"]
    assert robin_resumed["latest_id"] == message.pk  # already delivered once: not repeated


def test_the_writer_gets_their_held_message_back_when_they_resume(member, other_member):
    room = space_room_for(member, other_member)
    Message.objects.create(room=room, author=other_member, body="Hi", body_html="<p>Hi</p>")

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": URGENT, "client_id": "urgent-2"})
        await next_frame(robin, "support")
        await robin.disconnect()
        again, _ = await connect(member, room)
        await send(again, {"type": "resume", "after": 0})
        frames = await frames_until(again, "resumed")
        messages = [frame["message"] for frame in frames if frame["type"] == "message"]
        await again.disconnect()
        return messages

    messages = async_to_sync(scenario)()
    assert [(m["body_html"].strip(), m["held"]) for m in messages] == [
        ("<p>Hi</p>", False),
        (f"<p>{URGENT}</p>", True),
    ]


def test_a_concern_is_posted_to_all_with_gentle_support_for_the_writer_only(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(robin, {"type": "send", "body": CONCERN, "client_id": "concern-1"})
        robin_frames = await frames_until_all(robin, "message", "sent", "support")
        sam_frames = await frames_until_all(sam, "message")
        await robin.disconnect()
        await sam.disconnect()
        return robin_frames, sam_frames

    robin_frames, sam_frames = async_to_sync(scenario)()
    message = Message.objects.get()
    assert message.status == ContentStatus.VISIBLE
    assert message.risk_level == "concern"
    assert SafetyAlert.objects.get().level == "concern"

    robin_types = sorted(frame["type"] for frame in about_messages(robin_frames))
    assert robin_types == ["message", "sent", "support"]
    (support,) = [frame for frame in robin_frames if frame["type"] == "support"]
    assert support["held"] is False
    assert support["support"]["level"] == "concern"
    assert support["support"]["held_message"] == ""
    assert support["support"]["help_url"]

    sam_about = about_messages(sam_frames)
    assert [frame["type"] for frame in sam_about] == ["message"]
    assert sam_about[0]["message"]["body_html"].strip() == f"<p>{CONCERN}</p>"


def test_an_ordinary_message_brings_no_support_frame(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": ORDINARY, "client_id": "plain-1"})
        frames = await frames_until_all(robin, "message", "sent")
        await robin.disconnect()
        return frames

    frames = async_to_sync(scenario)()
    assert sorted(frame["type"] for frame in about_messages(frames)) == ["message", "sent"]
    assert not SafetyAlert.objects.exists()
    assert Message.objects.get().risk_level == "none"


def test_resending_an_urgent_message_stores_it_once_and_supports_again(member):
    room = space_room_for(member)

    async def scenario():
        robin, _ = await connect(member, room)
        supports = []
        for _ in range(2):
            await send(robin, {"type": "send", "body": URGENT, "client_id": "retry-1"})
            supports.append(await next_frame(robin, "support"))
        await robin.disconnect()
        return supports

    first, second = async_to_sync(scenario)()
    message = Message.objects.get()
    assert first["message_id"] == second["message_id"] == message.pk
    assert SafetyAlert.objects.count() == 1


def test_a_suspended_member_is_told_why_and_nothing_is_stored(member, moderator):
    room = space_room_for(member)
    Suspension.objects.create(member=member, suspended_by=moderator, reason="Unkind replies")

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": CONCERN, "client_id": "paused-1"})
        error = await next_frame(robin, "error")
        await robin.disconnect()
        return error

    error = async_to_sync(scenario)()
    assert error["code"] == "forbidden"
    assert error["client_id"] == "paused-1"
    assert "paused your posting and messages" in error["message"]
    assert "Unkind replies" not in error["message"]
    assert not Message.objects.exists()
    assert not SafetyAlert.objects.exists()
