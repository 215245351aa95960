"""/api/v1/community/rooms: room info, messages for resync and history, sending, reading."""

import pytest

from alongside.community.models import Block, Message, ReadMarker
from alongside.community.tests.factories import GroupRoomFactory, MessageFactory, SpaceRoomFactory
from alongside.community.tests.factories_chat import space_room_for
from alongside.groups.tests.factories import MembershipFactory

API = "/api/v1/community/rooms"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_room_info_says_whether_you_can_write(client_for, member):
    room = SpaceRoomFactory(space__name="Night owls")
    MessageFactory(room=room)
    latest = MessageFactory(room=room)
    body = client_for(member).get(f"{API}/{room.pk}").json()
    assert body["title"] == "Night owls"
    assert body["latest_id"] == latest.pk
    assert body["ws_path"] == f"/ws/rooms/{room.pk}/"
    assert body["can_send"] is False
    assert "guidelines" in body["send_refusal"]


def test_messages_after_an_id_are_the_missed_ones_oldest_first(client_for, member, other_member):
    room = space_room_for(member)
    seen = MessageFactory(room=room)
    missed = [MessageFactory(room=room, author=other_member) for _ in range(3)]
    Block.objects.create(blocker=member, blocked=other_member)
    body = client_for(member).get(f"{API}/{room.pk}/messages", {"after": seen.pk}).json()
    assert [m["id"] for m in body["messages"]] == [m.pk for m in missed]
    assert body["has_more"] is False
    assert body["messages"][0]["collapsed"] == "You blocked this member."
    assert body["messages"][0]["author"] == {"id": other_member.pk, "name": "Sam"}


def test_messages_before_an_id_page_through_history(
    client_for, member, django_assert_max_num_queries
):
    room = space_room_for(member)
    messages = [MessageFactory(room=room) for _ in range(30)]
    client = client_for(member)
    with django_assert_max_num_queries(10):
        body = client.get(
            f"{API}/{room.pk}/messages", {"before": messages[20].pk, "limit": 10}
        ).json()
    assert [m["id"] for m in body["messages"]] == [m.pk for m in messages[10:20]]
    assert body["has_more"] is True


@pytest.mark.parametrize(
    "query, field",
    [({"limit": 0}, "limit"), ({"limit": 500}, "limit"), ({"after": 1, "before": 5}, "after"),
     ({"before": -1}, "before")],
)  # fmt: skip
def test_bad_paging_is_a_clear_422(client_for, member, query, field):
    room = space_room_for(member)
    response = client_for(member).get(f"{API}/{room.pk}/messages", query)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_sending_stores_once_per_client_id(client_for, member):
    room = space_room_for(member)
    client = client_for(member)
    first = post(client, f"{API}/{room.pk}/messages", {"body": "Hi *there*", "client_id": "a"})
    again = post(client, f"{API}/{room.pk}/messages", {"body": "Hi *there*", "client_id": "a"})
    assert first.status_code == again.status_code == 201
    assert first.json()["message"]["body_html"] == "<p>Hi <em>there</em></p>\n"
    assert first.json()["message"]["id"] == again.json()["message"]["id"]
    assert Message.objects.count() == 1


@pytest.mark.parametrize("body", ["", "x" * 50_000])
def test_empty_or_overlong_messages_are_422_and_nothing_is_stored(client_for, member, body):
    room = space_room_for(member)
    response = post(client_for(member), f"{API}/{room.pk}/messages", {"body": body})
    assert response.status_code == 422
    assert response.json()["errors"]["body"]
    assert not Message.objects.exists()


def test_sending_too_fast_is_429(client_for, member):
    room = space_room_for(member)
    client = client_for(member)
    codes = [
        post(client, f"{API}/{room.pk}/messages", {"body": f"n{n}"}).status_code for n in range(20)
    ]
    assert 429 in codes
    assert Message.objects.count() == codes.count(201)


def test_writing_without_the_guidelines_is_403(client_for, member):
    room = SpaceRoomFactory()
    response = post(client_for(member), f"{API}/{room.pk}/messages", {"body": "Hi"})
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_a_private_groups_room_is_404_to_outsiders(client_for, member, other_member):
    room = GroupRoomFactory()
    MembershipFactory(group=room.group, user=member)
    client = client_for(other_member)
    assert client.get(f"{API}/{room.pk}").status_code == 404
    assert client.get(f"{API}/{room.pk}/messages").status_code == 404
    assert post(client, f"{API}/{room.pk}/messages", {"body": "x"}).status_code == 404
    assert post(client, f"{API}/{room.pk}/read", {"up_to": 1}).status_code == 404
    assert client.get(f"{API}/999999").status_code == 404


def test_reading_moves_the_marker_forward_only(client_for, member):
    room = space_room_for(member)
    first, second = MessageFactory(room=room), MessageFactory(room=room)
    client = client_for(member)
    assert post(client, f"{API}/{room.pk}/read", {"up_to": second.pk}).status_code == 204
    post(client, f"{API}/{room.pk}/read", {"up_to": first.pk})
    assert ReadMarker.objects.get(room=room, user=member).last_read_message_id == second.pk


def test_visitors_are_401(client, db):
    room = SpaceRoomFactory()
    assert client.get(f"{API}/{room.pk}").status_code == 401


def test_absurd_ids_are_never_a_server_error(client_for, member):
    room = space_room_for(member)
    client = client_for(member)
    huge = 10**30
    assert client.get(f"{API}/{huge}").status_code in (404, 422)
    for query in ({"after": huge}, {"before": huge}, {"after": 2**63}):
        assert client.get(f"{API}/{room.pk}/messages", query).status_code in (200, 422)
    assert post(client, f"{API}/{room.pk}/read", {"up_to": huge}).status_code in (204, 422)
    bad_client_id = post(client, f"{API}/{room.pk}/messages", {"body": "x", "client_id": "a\x00b"})
    assert bad_client_id.status_code == 422
