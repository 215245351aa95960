"""The chat websocket under bad input, floods, blocks and mutes: nothing a client sends
closes the socket or stores anything it shouldn't."""

import pytest
from asgiref.sync import async_to_sync

from alongside.accounts.tests.factories import UserFactory
from alongside.community.models import Block, CommunitySettings, Message
from alongside.community.tests.factories import SpaceRoomFactory
from alongside.community.tests.factories_chat import (
    connect,
    frames_until,
    fresh_channel_layer,
    next_frame,
    presence_names,
    send,
    space_room_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_layer(monkeypatch):
    fresh_channel_layer()
    # The consumer must never touch the ORM from the event loop: let Django refuse it here.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


async def still_answers(client) -> bool:
    await send(client, {"type": "ping"})
    return (await next_frame(client, "pong")) == {"type": "pong"}


@pytest.mark.parametrize(
    "frame",
    [
        {"text_data": "this is not json"},
        {"text_data": "[1, 2, 3]"},
        {"text_data": '{"type": "dance"}'},
        {"text_data": '{"no_type": true}'},
        {"text_data": '{"type": "send", "client_id": "no-body"}'},
        {"text_data": '{"type": "send", "body": 42}'},
        {"text_data": '{"type": "resume", "after": "yesterday"}'},
        {"text_data": '{"type": "read", "up_to": true}'},
        {"text_data": '{"type": "send", "body": "' + "x" * 20_000 + '"}'},
        {"text_data": "[" * 50_000},
        {"bytes_data": b"\x00\x01binary"},
    ],
    ids=[
        "not-json", "array", "unknown-type", "no-type", "missing-body", "number-body",
        "bad-after", "bool-up-to", "20kb", "deep-nesting", "bytes",
    ],
)  # fmt: skip
def test_malformed_frames_get_an_error_and_the_connection_stays(member, frame):
    room = space_room_for(member)

    async def scenario():
        robin, _ = await connect(member, room)
        await robin.send_to(**frame)
        error = await next_frame(robin, "error")
        alive = await still_answers(robin)
        await robin.disconnect()
        return error, alive

    error, alive = async_to_sync(scenario)()
    assert error["code"] == "malformed"
    assert error["message"]
    assert alive
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 4_001])
def test_empty_or_overlong_messages_are_refused_in_plain_words(member, body):
    room = space_room_for(member)

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": body, "client_id": "c"})
        error = await next_frame(robin, "error")
        alive = await still_answers(robin)
        await robin.disconnect()
        return error, alive

    error, alive = async_to_sync(scenario)()
    assert error["code"] == "invalid"
    assert error["client_id"] == "c"
    assert "message" in error["message"]
    assert alive
    assert not Message.objects.exists()


def test_a_huge_send_frame_is_malformed_and_stores_nothing(member):
    room = space_room_for(member)

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": "x" * 50_000, "client_id": "c"})
        error = await next_frame(robin, "error")
        alive = await still_answers(robin)
        await robin.disconnect()
        return error, alive

    error, alive = async_to_sync(scenario)()
    # Over the 16 KB frame limit, so it is never parsed; the words still say what to do.
    assert error["code"] == "malformed" and alive
    assert "shorten" in error["message"]
    assert not Message.objects.exists()


def test_a_flood_is_rate_limited_and_others_still_get_through(member, other_member):
    third = UserFactory(profile__display_name="Kai")
    room = space_room_for(member, other_member, third)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        kai, _ = await connect(third, room)
        for n in range(100):
            await send(robin, {"type": "send", "body": f"flood {n}", "client_id": f"f{n}"})
        replies = [await next_frame(robin, "sent", "error") for _ in range(100)]
        await send(sam, {"type": "send", "body": "Still here for you", "client_id": "s"})
        await next_frame(sam, "sent")
        seen_by_kai = []
        while "<p>Still here for you</p>\n" not in seen_by_kai:
            frame = await next_frame(kai, "message")
            seen_by_kai.append(frame["message"]["body_html"])
        alive = await still_answers(robin)
        for client in (robin, sam, kai):
            await client.disconnect()
        return replies, alive

    replies, alive = async_to_sync(scenario)()
    limited = [reply for reply in replies if reply["type"] == "error"]
    assert len(limited) >= 80
    assert {reply["code"] for reply in limited} == {"rate_limited"}
    assert "wait" in limited[0]["message"]
    assert alive
    assert Message.objects.filter(author=member).count() == 100 - len(limited)
    assert Message.objects.filter(author=other_member).count() == 1


def test_writing_needs_the_spaces_guidelines_accepted(member):
    room = SpaceRoomFactory()  # readable by any member, guidelines not accepted

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": "Hi", "client_id": "g"})
        error = await next_frame(robin, "error")
        await robin.disconnect()
        return error

    error = async_to_sync(scenario)()
    assert error["code"] == "forbidden"
    assert "guidelines" in error["message"]
    assert not Message.objects.exists()


def test_a_blocked_members_messages_arrive_collapsed_and_their_typing_and_presence_hidden(
    member, other_member
):
    room = space_room_for(member, other_member)
    Block.objects.create(blocker=member, blocked=other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, sam_welcome = await connect(other_member, room)
        robin_names = await presence_names(robin, {"Robin"})
        await send(sam, {"type": "typing"})
        await send(sam, {"type": "send", "body": "Can you hear me?", "client_id": "b"})
        frame = await next_frame(robin, "message", "typing")
        await robin.disconnect()
        await sam.disconnect()
        return robin_names, sam_welcome, frame

    robin_names, sam_welcome, frame = async_to_sync(scenario)()
    assert robin_names == {"Robin"}
    # Neither side of a block sees the other as here.
    assert {person["name"] for person in sam_welcome["present"]} == {"Sam"}
    assert frame["type"] == "message"  # no typing frame came first
    assert frame["message"]["collapsed"] == "You blocked this member."
    assert "Can you hear me?" in frame["message"]["body_html"]


def test_a_muted_word_collapses_a_message(member, other_member):
    room = space_room_for(member, other_member)
    CommunitySettings.objects.create(user=member, muted_words=["relapse"])

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(
            sam, {"type": "send", "body": "Talking about **relapse** today", "client_id": "m"}
        )
        robin_frame = await next_frame(robin, "message")
        sam_frame = await next_frame(sam, "message")
        await robin.disconnect()
        await sam.disconnect()
        return robin_frame, sam_frame

    robin_frame, sam_frame = async_to_sync(scenario)()
    assert robin_frame["message"]["collapsed"] == "This contains a word you muted."
    assert sam_frame["message"]["collapsed"] == ""


def random_value(rng, depth=0):
    kinds = ["int", "big", "float", "str", "bool", "none"]
    if depth < 3:
        kinds += ["list", "dict"]
    kind = rng.choice(kinds)
    if kind == "int":
        return rng.randint(-5, 10**6)
    if kind == "big":
        return rng.choice([2**64, -(2**70), 10**30])
    if kind == "float":
        return rng.choice([1.5, -0.0, 1e308])
    if kind == "str":
        alphabet = "ab \x00\n\u202e\U0001f600<>&\"'\\"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "list":
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if kind == "dict":
        return {str(random_value(rng, 3)): random_value(rng, depth + 1) for _ in range(2)}
    return None


def test_random_frames_never_break_the_connection(member):
    """Fuzzing: frames of every known type with random fields, and random JSON."""
    import json
    import random

    rng = random.Random(4)
    room = space_room_for(member)
    types = ["resume", "send", "typing", "read", "ping", "welcome", None, 7]
    fields = ["after", "body", "client_id", "up_to", "type"]
    frames = []
    for _ in range(150):
        frame = {"type": rng.choice(types)}
        for field in rng.sample(fields, rng.randint(0, 3)):
            frame[field] = random_value(rng)
        frames.append(json.dumps(frame))
        frames.append(json.dumps(random_value(rng)))

    async def scenario():
        robin, _ = await connect(member, room)
        for text in frames:
            await robin.send_to(text_data=text)
        await send(robin, {"type": "ping"})
        replies = await frames_until(robin, "pong")
        await robin.disconnect()
        return replies

    replies = async_to_sync(scenario)()
    codes = {reply.get("code") for reply in replies if reply["type"] == "error"}
    assert "malformed" in codes
    assert "server_error" not in codes
