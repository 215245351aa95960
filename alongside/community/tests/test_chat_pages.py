"""Chat room pages without JavaScript: reading, sending, errors, history, who may see what."""

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.community.models import Message, Room, RoomPresence
from alongside.community.tests.factories import (
    GroupRoomFactory,
    MessageFactory,
    SpaceFactory,
    SpaceRoomFactory,
)
from alongside.community.tests.factories_chat import space_room_for
from alongside.groups.tests.factories import GroupFactory, MembershipFactory


def space_url(room):
    return reverse("community:chat_space", kwargs={"slug": room.space.slug})


def send_url(room):
    return reverse("community:chat_send", kwargs={"room_id": room.pk})


def test_a_spaces_room_is_made_on_the_first_visit(client_for, member):
    space = SpaceFactory(name="Night owls")
    response = client_for(member).get(reverse("community:chat_space", kwargs={"slug": space.slug}))
    assert response.status_code == 200
    room = Room.objects.get(space=space)
    html = response.content.decode()
    assert "<h1>Chat: Night owls</h1>" in html
    assert f'data-chat-room="{room.pk}"' in html
    assert f'data-ws-path="/ws/rooms/{room.pk}/"' in html
    assert 'role="log"' in html
    # Guidelines not accepted yet: no form, a way to read them instead.
    assert 'class="chat-form"' not in html
    assert "accept this space" in html


def test_the_room_shows_the_latest_50_messages_oldest_first(client_for, member, other_member):
    room = space_room_for(member)
    messages = [MessageFactory(room=room, author=other_member, body=f"m{n}") for n in range(55)]
    RoomPresence.objects.create(
        room=room, user=other_member, channel_name="c1", last_seen_at=timezone.now()
    )
    response = client_for(member).get(space_url(room))
    html = response.content.decode()
    shown = response.context["chat_messages"]
    assert [m.pk for m in shown] == [m.pk for m in messages[5:]]
    assert f'id="message-{messages[4].pk}"' not in html
    assert html.index(f"message-{messages[5].pk}") < html.index(f"message-{messages[54].pk}")
    assert f"?before={messages[5].pk}" in html  # "Load older messages"
    assert f'data-user-id="{other_member.pk}">Sam</li>' in html
    assert 'name="body"' in html and 'name="client_id"' in html


def test_the_room_page_query_count_does_not_grow_with_messages(
    client_for, member, other_member, django_assert_max_num_queries
):
    room = space_room_for(member)
    for n in range(50):
        MessageFactory(room=room, author=other_member if n % 2 else member)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.get(space_url(room))
    assert len(response.context["chat_messages"]) == 50


def test_sending_without_javascript_redirects_back_to_the_message(client_for, member):
    room = space_room_for(member)
    response = client_for(member).post(
        send_url(room), {"body": "Hello from a plain form", "client_id": "abc"}
    )
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{space_url(room)}#message-{message.pk}"
    assert message.body == "Hello from a plain form"


def test_a_resubmitted_form_is_stored_once(client_for, member):
    room = space_room_for(member)
    client = client_for(member)
    for _ in range(2):
        client.post(send_url(room), {"body": "Once only", "client_id": "same-form"})
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    "body, words",
    [("", "Write something in your message first."), ("x" * 4001, "4,001 characters")],
)
def test_a_bad_message_shows_the_error_next_to_the_box(client_for, member, body, words):
    room = space_room_for(member)
    response = client_for(member).post(send_url(room), {"body": body, "client_id": "k"})
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert 'aria-invalid="true"' in html
    assert 'value="k"' in html  # the retry keeps its client id
    assert not Message.objects.exists()


def test_sending_is_refused_until_the_guidelines_are_accepted(client_for, member):
    room = SpaceRoomFactory()
    response = client_for(member).post(send_url(room), {"body": "Hi", "client_id": "z"})
    assert response.status_code == 403
    assert "accept this space" in response.content.decode()
    assert not Message.objects.exists()


def test_a_private_groups_room_is_404_to_outsiders(client_for, member, other_member):
    room = GroupRoomFactory()
    MembershipFactory(group=room.group, user=member)
    MessageFactory(room=room, body="Only for members")
    outsider = client_for(other_member)
    page = outsider.get(reverse("community:chat_group", kwargs={"slug": room.group.slug}))
    history = outsider.get(reverse("community:chat_history", kwargs={"room_id": room.pk}))
    sending = outsider.post(send_url(room), {"body": "Let me in", "client_id": "o"})
    assert page.status_code == history.status_code == sending.status_code == 404
    assert Message.objects.count() == 1


def test_group_members_see_and_write_in_their_groups_room(client_for, member):
    group = GroupFactory(name="Tuesday walkers")
    MembershipFactory(group=group, user=member)
    client = client_for(member)
    response = client.get(reverse("community:chat_group", kwargs={"slug": group.slug}))
    assert response.status_code == 200
    assert 'class="chat-form"' in response.content.decode()
    room = Room.objects.get(group=group)
    client.post(send_url(room), {"body": "See you Tuesday", "client_id": "t"})
    assert room.messages.get().body == "See you Tuesday"
    detail = client.get(reverse("groups:detail", kwargs={"slug": group.slug}))
    assert reverse("community:chat_group", kwargs={"slug": group.slug}) in detail.content.decode()


def test_visitors_are_sent_to_log_in(client, db):
    space = SpaceFactory()
    response = client.get(reverse("community:chat_space", kwargs={"slug": space.slug}))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_space_is_404(client_for, member):
    response = client_for(member).get(
        reverse("community:chat_space", kwargs={"slug": "no-such-space"})
    )
    assert response.status_code == 404


def test_the_history_page_shows_50_older_messages(client_for, member):
    room = space_room_for(member)
    messages = [MessageFactory(room=room, body=f"m{n}") for n in range(120)]
    url = reverse("community:chat_history", kwargs={"room_id": room.pk})
    client = client_for(member)
    response = client.get(url, {"before": messages[100].pk})
    assert [m.pk for m in response.context["chat_messages"]] == [m.pk for m in messages[50:100]]
    assert f"?before={messages[50].pk}" in response.content.decode()
    last = client.get(url, {"before": messages[10].pk})
    assert [m.pk for m in last.context["chat_messages"]] == [m.pk for m in messages[:10]]
    assert 'class="chat-older"' not in last.content.decode()
    # Nonsense in the query string is ignored, never an error.
    assert client.get(url, {"before": "soon"}).status_code == 200
    assert client.get(url, {"before": "-4"}).status_code == 200


def test_an_outsider_opening_a_groups_chat_creates_no_room(client_for, other_member):
    from alongside.community.models import Room
    from alongside.groups.tests.factories import GroupFactory

    group = GroupFactory()
    response = client_for(other_member).get(f"/community/chat/group/{group.slug}/")
    assert response.status_code == 404
    assert not Room.objects.exists()


def test_other_members_messages_can_be_reported_from_the_room(client_for, member, other_member):
    from alongside.community.tests.factories import MessageFactory
    from alongside.community.tests.factories_chat import space_room_for

    room = space_room_for(member, other_member)
    theirs = MessageFactory(room=room, author=other_member)
    mine = MessageFactory(room=room, author=member)
    page = client_for(member).get(f"/community/chat/space/{room.space.slug}/").content.decode()
    assert f'href="/community/report/message/{theirs.pk}/"' in page
    assert f'href="/community/report/message/{mine.pk}/"' not in page
