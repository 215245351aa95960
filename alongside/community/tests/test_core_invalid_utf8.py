"""Bytes that aren't valid UTF-8 get a plain answer, never a server error, and store nothing."""

import pytest

from alongside.community.models import Message, Post
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, PostFactory
from alongside.community.tests.factories_chat import space_room_for

INVALID = b"\xff\xfe caf\xe9 \xc3"


@pytest.fixture
def thread(member):
    post = PostFactory()
    GuidelinesAcceptanceFactory(space=post.thread.space, user=member)
    return post.thread


def test_the_api_refuses_invalid_utf8_as_unreadable_json(client_for, member, thread):
    response = client_for(member).post(
        f"/api/v1/community/threads/{thread.pk}/posts",
        data=b'{"body": "' + INVALID + b'"}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Some fields need correcting."
    assert Post.objects.count() == 1


def test_a_form_post_with_invalid_utf8_is_stored_readably_or_refused(client_for, member, thread):
    response = client_for(member).post(
        f"/community/threads/{thread.pk}/reply/",
        data=b"body=" + INVALID.replace(b" ", b"+"),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    for post in Post.objects.all():
        post.body.encode("utf-8")  # whatever was stored is valid text


def test_a_chat_send_with_invalid_utf8_is_refused_or_stored_readably(client_for, member):
    room = space_room_for(member)
    response = client_for(member).post(
        f"/community/chat/rooms/{room.pk}/send/",
        data=b"body=" + INVALID.replace(b" ", b"+") + b"&client_id=abc",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    for message in Message.objects.all():
        message.body.encode("utf-8")
