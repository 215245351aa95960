"""A member who leaves or is removed from a group stops receiving its chat at once."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from alongside.community.actions.chat import room_for_group
from alongside.community.tests.factories_chat import connect, fresh_channel_layer, next_frame, send
from alongside.groups.actions import leave_group, remove_member
from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_layer():
    fresh_channel_layer()


@pytest.fixture
def group_room(member, other_member):
    group = GroupFactory()
    for user in (member, other_member):
        MembershipFactory(group=group, user=user, status=MembershipStatus.ACTIVE)
    return room_for_group(group)


def _membership(room, user):
    return room.group.memberships.get(user=user)


@pytest.mark.parametrize("how", ["leaves", "is removed"])
def test_the_connection_closes_and_no_later_message_arrives(
    how, group_room, member, other_member, coordinator
):
    async def scenario():
        robin, _ = await connect(member, group_room)
        sam, _ = await connect(other_member, group_room)
        membership = await database_sync_to_async(_membership)(group_room, other_member)
        if how == "leaves":
            await database_sync_to_async(leave_group)(membership=membership)
        else:
            await database_sync_to_async(remove_member)(
                membership=membership, actor=coordinator, reason="Asked to leave"
            )
        closed = await sam.receive_output(timeout=5)
        while closed["type"] == "websocket.send":  # presence frames sent before leaving
            closed = await sam.receive_output(timeout=5)
        await send(robin, {"type": "send", "body": "Only for members now", "client_id": "r1"})
        await next_frame(robin, "sent")
        left_over = await sam.receive_nothing(timeout=0.5)
        await robin.disconnect()
        return closed, left_over

    closed, nothing_more = async_to_sync(scenario)()
    assert closed == {"type": "websocket.close", "code": 4403}
    assert nothing_more


def test_a_resume_after_leaving_is_refused_even_if_the_close_was_missed(
    group_room, member, other_member
):
    def leave_without_telling_anyone():
        Membership.objects.filter(group=group_room.group, user=other_member).update(
            status=MembershipStatus.LEFT
        )

    async def scenario():
        sam, _ = await connect(other_member, group_room)
        await database_sync_to_async(leave_without_telling_anyone)()
        await send(sam, {"type": "resume", "after": 0})
        frame = await sam.receive_output(timeout=5)
        while frame["type"] == "websocket.send":
            frame = await sam.receive_output(timeout=5)
        return frame

    assert async_to_sync(scenario)() == {"type": "websocket.close", "code": 4403}
