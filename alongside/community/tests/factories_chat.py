"""Helpers for chat tests: rooms members may write in, and websocket clients logged in
through a real session cookie against the real ASGI application."""

import json

from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceRoomFactory

ORIGIN = (b"origin", b"http://localhost")
TIMEOUT = 10  # generous: a loaded CI machine, a cold Redis pool


def space_room_for(*users):
    """A space's room where each of `users` has accepted the guidelines (so may write)."""
    room = SpaceRoomFactory()
    for user in users:
        GuidelinesAcceptanceFactory(space=room.space, user=user)
    return room


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def fresh_channel_layer() -> None:
    """Forget the layer built in another test's event loop."""
    channel_layers.backends = {}


def communicator(user, path: str) -> WebsocketCommunicator:
    from config.asgi import application

    headers = [ORIGIN]
    if user is not None:
        cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie(user)}"
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def connect(user, room):
    """Connect `user` to `room`; returns (communicator, welcome frame)."""
    # The session is made in Django's sync thread, as the consumer's own queries are.
    client = await database_sync_to_async(communicator)(user, f"/ws/rooms/{room.pk}/")
    connected, _ = await client.connect(timeout=TIMEOUT)
    assert connected, "the connection was refused"
    welcome = await client.receive_json_from(timeout=TIMEOUT)
    assert welcome["type"] == "welcome"
    return client, welcome


async def next_frame(client, *types, timeout=TIMEOUT) -> dict:
    """The next frame of one of `types`, skipping others (presence, typing)."""
    while True:
        frame = await client.receive_json_from(timeout=timeout)
        if frame["type"] in types:
            return frame


async def frames_until(client, last_type, timeout=TIMEOUT) -> list[dict]:
    """Every frame up to and including the first of `last_type`."""
    frames = []
    while True:
        frame = await client.receive_json_from(timeout=timeout)
        frames.append(frame)
        if frame["type"] == last_type:
            return frames


async def send(client, frame: dict) -> None:
    await client.send_to(text_data=json.dumps(frame))


async def presence_names(client, expected: set[str], timeout=TIMEOUT) -> set[str]:
    """Presence frames until one lists exactly `expected` (returns the last names seen)."""
    names: set[str] = set()
    while names != expected:
        frame = await next_frame(client, "presence", timeout=timeout)
        names = {person["name"] for person in frame["present"]}
    return names
