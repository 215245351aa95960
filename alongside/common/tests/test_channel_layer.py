"""A message sent through the channel layer arrives: in memory by default, Redis with REDIS_URL."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


async def _send_and_receive(layer, message):
    channel = await layer.new_channel()
    await layer.send(channel, message)
    return await asyncio.wait_for(layer.receive(channel), timeout=5)


async def _group_round_trip(layer, group, message):
    channel = await layer.new_channel()
    await layer.group_add(group, channel)
    try:
        await layer.group_send(group, message)
        return await asyncio.wait_for(layer.receive(channel), timeout=5)
    finally:
        await layer.group_discard(group, channel)


def test_a_message_sent_to_a_new_channel_is_received():
    message = {"type": "room.message", "text": "Hello, Robin \N{WAVING HAND SIGN}"}

    received = async_to_sync(_send_and_receive)(get_channel_layer(), message)

    assert received == message


def test_a_message_sent_to_a_group_reaches_its_members():
    message = {"type": "room.message", "text": "Welcome to the group"}

    received = async_to_sync(_group_round_trip)(get_channel_layer(), "test-group", message)

    assert received == message
