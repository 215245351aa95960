"""Chat across two real uvicorn processes sharing Redis and PostgreSQL: what "scale out by
adding workers" rests on. A message sent through one process reaches a member connected to
the other, and is stored once.

Separate processes can't see SQLite's in-memory test database, so this runs only when the
suite runs on PostgreSQL with Redis (.ci/run's second pass); elsewhere it is skipped, saying
why. If REDIS_URL is set but Redis doesn't answer, it fails rather than skipping."""

import asyncio
import json
import uuid

import pytest
import websockets
from django.conf import settings
from django.test import Client

from alongside.accounts.tests.factories import UserFactory
from alongside.common.testing.asgi_server import uvicorn_subprocess
from alongside.community.actions.chat import room_for_space
from alongside.community.models import Message
from alongside.community.tests.factories import (
    GuidelinesAcceptanceFactory,
    SpaceFactory,
    conversation_between,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Generous: two processes on a busy 2-core machine, each with a cold first request.
FRAME_TIMEOUT_S = 15


@pytest.fixture
def shared_services():
    """The PostgreSQL test database's URL, once we know Redis answers; skip without both."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis: .ci/run runs it in its second pass")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        pytest.fail(f"REDIS_URL is set to {settings.REDIS_URL} but Redis is unreachable: {error}")
    database = settings.DATABASES["default"]
    # Once the db fixture is active, NAME is the test database's name.
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    user = database.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def session_cookie_for(user) -> str:
    """A real session, stored in the test database, as a browser would send it."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def connect(server, room, cookie):
    socket = await websockets.connect(
        f"{server.ws_url}/ws/rooms/{room.pk}/",
        origin=server.url,
        additional_headers={"Cookie": cookie},
        open_timeout=FRAME_TIMEOUT_S,
    )
    welcome = await next_frame(socket, "welcome")
    assert welcome["room"] == room.pk
    return socket


async def next_frame(socket, kind: str, matching=lambda frame: True) -> dict:
    """The next frame of type `kind` that `matching` accepts, passing over others (presence,
    typing, the member's own earlier messages)."""
    async with asyncio.timeout(FRAME_TIMEOUT_S):
        while True:
            frame = json.loads(await socket.recv())
            if frame["type"] == kind and matching(frame):
                return frame
            assert frame["type"] != "error", frame


async def send_and_hear(sender, listener, body: str) -> tuple[dict, dict]:
    client_id = str(uuid.uuid4())
    await sender.send(json.dumps({"type": "send", "body": body, "client_id": client_id}))
    sent = await next_frame(sender, "sent")
    assert sent["client_id"] == client_id
    heard = await next_frame(listener, "message", lambda f: f["message"]["id"] == sent["id"])
    return sent, heard["message"]


def test_a_message_sent_through_one_process_reaches_a_member_on_the_other_and_is_stored(
    shared_services, member, other_member
):
    space = SpaceFactory()
    GuidelinesAcceptanceFactory(space=space, user=member)
    GuidelinesAcceptanceFactory(space=space, user=other_member)
    room = room_for_space(space)
    private_room = conversation_between(other_member, UserFactory()).room
    robin_cookie = session_cookie_for(member)
    sam_cookie = session_cookie_for(other_member)
    env = {"DATABASE_URL": shared_services, "REDIS_URL": settings.REDIS_URL}

    async def conversation(server_a, server_b):
        # Refused at the handshake, as for a room that doesn't exist: nothing is revealed.
        with pytest.raises(websockets.InvalidStatus) as refusal:
            await websockets.connect(
                f"{server_b.ws_url}/ws/rooms/{private_room.pk}/",
                origin=server_b.url,
                additional_headers={"Cookie": robin_cookie},
                open_timeout=FRAME_TIMEOUT_S,
            )
        assert refusal.value.response.status_code == 403
        robin = await connect(server_a, room, robin_cookie)  # on process A
        sam = await connect(server_b, room, sam_cookie)  # on process B
        try:
            from_b = await send_and_hear(sam, robin, "Hello from process B")
            from_a = await send_and_hear(robin, sam, "And hello from process A")
        finally:
            await robin.close()
            await sam.close()
        return from_b, from_a

    with uvicorn_subprocess(env=env) as server_a, uvicorn_subprocess(env=env) as server_b:
        try:
            (sent_b, heard_on_a), (sent_a, heard_on_b) = asyncio.run(
                conversation(server_a, server_b)
            )
        except BaseException:
            print("process A:\n" + server_a.log_tail())
            print("process B:\n" + server_b.log_tail())
            raise

    assert heard_on_a["id"] == sent_b["id"]
    assert heard_on_a["author"]["name"] == "Sam"
    assert "Hello from process B" in heard_on_a["body_html"]
    assert heard_on_b["id"] == sent_a["id"]
    assert heard_on_b["author"]["name"] == "Robin"
    assert "And hello from process A" in heard_on_b["body_html"]
    stored = list(Message.objects.filter(room=room).order_by("pk").values_list("author", "body"))
    assert stored == [
        (other_member.pk, "Hello from process B"),
        (member.pk, "And hello from process A"),
    ]
