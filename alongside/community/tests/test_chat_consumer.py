"""The chat websocket: welcome, presence, sending, resuming, idempotent client ids."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from alongside.community.models import Message, RoomPresence
from alongside.community.tests.factories import GroupRoomFactory, MessageFactory
from alongside.community.tests.factories_chat import (
    TIMEOUT,
    communicator,
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


def test_welcome_names_the_member_and_who_is_here(member, other_member):
    room = space_room_for(member, other_member)
    latest = MessageFactory(room=room)

    async def scenario():
        robin, welcome = await connect(member, room)
        assert welcome["room"] == room.pk
        assert welcome["you"] == {"id": member.pk, "name": "Robin"}
        assert welcome["latest_id"] == latest.pk
        assert welcome["present"] == [{"id": member.pk, "name": "Robin"}]

        sam, welcome = await connect(other_member, room)
        assert {p["name"] for p in welcome["present"]} == {"Robin", "Sam"}
        assert await presence_names(robin, {"Robin", "Sam"}) == {"Robin", "Sam"}

        await sam.disconnect()
        assert await presence_names(robin, {"Robin"}) == {"Robin"}
        await robin.disconnect()

    async_to_sync(scenario)()
    assert not RoomPresence.objects.exists()


def test_a_message_reaches_everyone_and_is_stored_first(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(robin, {"type": "send", "body": "Hello *all*", "client_id": "abc-1"})
        sent = await next_frame(robin, "sent")
        mine = await next_frame(robin, "message")
        theirs = await next_frame(sam, "message")
        await robin.disconnect()
        await sam.disconnect()
        return sent, mine, theirs

    sent, mine, theirs = async_to_sync(scenario)()
    stored = Message.objects.get()
    assert sent == {"type": "sent", "client_id": "abc-1", "id": stored.pk, "held": False}
    assert theirs["message"]["id"] == stored.pk
    assert theirs["message"]["body_html"] == "<p>Hello <em>all</em></p>\n"
    assert theirs["message"]["author"] == {"id": member.pk, "name": "Robin"}
    assert theirs["message"]["collapsed"] == ""
    assert mine["message"] == theirs["message"]


def test_the_message_row_exists_when_the_broadcast_arrives(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(robin, {"type": "send", "body": "Stored before sent", "client_id": "x"})
        frame = await next_frame(sam, "message")
        exists = await database_sync_to_async(
            Message.objects.filter(pk=frame["message"]["id"]).exists
        )()
        await robin.disconnect()
        await sam.disconnect()
        return exists

    assert async_to_sync(scenario)() is True


def test_resume_returns_exactly_the_missed_messages_in_order(member, other_member):
    room = space_room_for(member)
    seen = MessageFactory(room=room)
    missed = [MessageFactory(room=room, body=f"Missed {n}") for n in range(5)]

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "resume", "after": seen.pk})
        frames = await frames_until(robin, "resumed")
        # Asking again with an overlapping id never repeats what this connection has.
        await send(robin, {"type": "resume", "after": seen.pk})
        again = await frames_until(robin, "resumed")
        await robin.disconnect()
        return frames, again

    frames, again = async_to_sync(scenario)()
    ids = [frame["message"]["id"] for frame in frames if frame["type"] == "message"]
    assert ids == [message.pk for message in missed]
    assert frames[-1] == {"type": "resumed", "latest_id": missed[-1].pk, "more": False}
    assert [frame["type"] for frame in again if frame["type"] != "presence"] == ["resumed"]


def test_resume_comes_in_batches_of_200(member):
    room = space_room_for(member)
    Message.objects.bulk_create(
        Message(room=room, author=member, body="hi", body_html="<p>hi</p>") for _ in range(230)
    )

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "resume", "after": 0})
        first = await frames_until(robin, "resumed")
        await send(robin, {"type": "resume", "after": first[-1]["latest_id"]})
        second = await frames_until(robin, "resumed")
        await robin.disconnect()
        return first, second

    first, second = async_to_sync(scenario)()
    first_ids = [f["message"]["id"] for f in first if f["type"] == "message"]
    second_ids = [f["message"]["id"] for f in second if f["type"] == "message"]
    assert len(first_ids) == 200 and first[-1]["more"] is True
    assert len(second_ids) == 30 and second[-1]["more"] is False
    ids = first_ids + second_ids
    assert ids == sorted(ids) and len(set(ids)) == 230


def test_a_resume_racing_a_broadcast_never_duplicates(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(sam, {"type": "send", "body": "One", "client_id": "1"})
        await next_frame(sam, "sent")
        # Robin's broadcast copy is queued; he also asks to resume from before it.
        await send(robin, {"type": "resume", "after": 0})
        frames = await frames_until(robin, "resumed")
        assert await robin.receive_nothing(timeout=0.3)
        await robin.disconnect()
        await sam.disconnect()
        return frames

    frames = async_to_sync(scenario)()
    assert [f["message"]["body_html"] for f in frames if f["type"] == "message"] == ["<p>One</p>\n"]


def test_the_same_client_id_twice_stores_one_message(member):
    room = space_room_for(member)

    async def scenario():
        robin, _ = await connect(member, room)
        for _ in range(2):
            await send(robin, {"type": "send", "body": "Only once", "client_id": "same"})
        first = await next_frame(robin, "sent")
        second = await next_frame(robin, "sent")
        await robin.disconnect()
        return first, second

    first, second = async_to_sync(scenario)()
    assert Message.objects.count() == 1
    assert first["id"] == second["id"] == Message.objects.get().pk


def test_typing_reaches_others_not_the_typist(member, other_member):
    room = space_room_for(member, other_member)

    async def scenario():
        robin, _ = await connect(member, room)
        sam, _ = await connect(other_member, room)
        await send(robin, {"type": "typing"})
        await send(robin, {"type": "typing"})  # within 2 s: not relayed again
        typing = await next_frame(sam, "typing")
        assert await sam.receive_nothing(timeout=0.3)
        await send(robin, {"type": "ping"})
        assert await next_frame(robin, "pong", "typing") == {"type": "pong"}
        await robin.disconnect()
        await sam.disconnect()
        return typing

    assert async_to_sync(scenario)() == {
        "type": "typing",
        "user": {"id": member.pk, "name": "Robin"},
    }


def test_read_moves_the_read_marker(member):
    room = space_room_for(member)
    message = MessageFactory(room=room)

    async def scenario():
        robin, _ = await connect(member, room)
        await send(robin, {"type": "read", "up_to": 10**9})  # capped at the newest message
        await send(robin, {"type": "ping"})
        await next_frame(robin, "pong")
        await robin.disconnect()

    async_to_sync(scenario)()
    assert room.read_markers.get(user=member).last_read_message_id == message.pk


def test_anonymous_visitors_are_refused(db):
    room = space_room_for()

    async def scenario():
        client = await database_sync_to_async(communicator)(None, f"/ws/rooms/{room.pk}/")
        connected, _ = await client.connect(timeout=TIMEOUT)
        return connected

    assert async_to_sync(scenario)() is False


def test_an_absurd_room_id_is_refused_like_any_missing_room(member):
    async def scenario():
        client = await database_sync_to_async(communicator)(member, f"/ws/rooms/{10**30}/")
        connected, _ = await client.connect(timeout=TIMEOUT)
        return connected

    assert async_to_sync(scenario)() is False


def test_a_private_groups_room_refuses_outsiders_like_a_missing_room(member, other_member):
    from alongside.groups.tests.factories import MembershipFactory

    room = GroupRoomFactory()
    MembershipFactory(group=room.group, user=member)

    async def scenario():
        outsider = await database_sync_to_async(communicator)(other_member, f"/ws/rooms/{room.pk}/")
        refused, code = await outsider.connect(timeout=TIMEOUT)
        missing = await database_sync_to_async(communicator)(other_member, "/ws/rooms/999999/")
        refused_missing, code_missing = await missing.connect(timeout=TIMEOUT)
        robin, _ = await connect(member, room)
        await send(robin, {"type": "send", "body": "Members only", "client_id": "m"})
        await next_frame(robin, "message")
        await robin.disconnect()
        return refused, code, refused_missing, code_missing

    refused, code, refused_missing, code_missing = async_to_sync(scenario)()
    assert refused is False and refused_missing is False
    assert code == code_missing
    assert not RoomPresence.objects.filter(user=other_member).exists()
