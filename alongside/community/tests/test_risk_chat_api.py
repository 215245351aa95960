"""The safety net in the chat API: the `safety` payload when sending, held messages listed
for their writer only, a suspended member refused, and a released message reaching the
other member as any other would."""

from django.utils import timezone

from alongside.community.actions.chat import publish_released_message
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.models import Conversation, Message, Notification
from alongside.community.tests.factories import conversation_between
from alongside.community.tests.factories_chat import space_room_for
from alongside.community.tests.factories_members import allow_messages
from alongside.safety.models import SafetyAlert, Suspension

ROOMS = "/api/v1/community/rooms"
CONVERSATIONS = "/api/v1/community/conversations"
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_an_urgent_message_is_held_and_the_response_carries_support(client_for, member):
    room = space_room_for(member)
    response = post(client_for(member), f"{ROOMS}/{room.pk}/messages", {"body": URGENT})
    assert response.status_code == 201
    body = response.json()
    assert body["held"] is True
    assert body["message"]["held"] is True
    safety = body["safety"]
    assert safety["level"] == "urgent"
    assert safety["held"] is True
    assert "moderator will check in" in safety["held_message"]
    assert 2 <= len(safety["resources"]) <= 3
    assert safety["help_url"] == "/help-now/"
    assert safety["has_safety_plan"] is False and safety["safety_plan_url"] == ""
    message = Message.objects.get()
    assert message.status == ContentStatus.HELD
    assert SafetyAlert.objects.get(message=message).level == "urgent"


def test_a_concern_is_posted_with_gentle_support(client_for, member):
    room = space_room_for(member)
    body = post(client_for(member), f"{ROOMS}/{room.pk}/messages", {"body": CONCERN}).json()
    assert body["held"] is False
    assert body["safety"]["level"] == "concern"
    assert body["safety"]["held_message"] == ""
    assert Message.objects.get().status == ContentStatus.VISIBLE


def test_an_ordinary_message_has_no_safety_payload(client_for, member):
    room = space_room_for(member)
    body = post(client_for(member), f"{ROOMS}/{room.pk}/messages", {"body": "Good morning"})
    assert body.json()["safety"] is None
    assert not SafetyAlert.objects.exists()


def test_the_schema_documents_the_safety_payload(client):
    schema = client.get("/api/v1/openapi.json").json()
    sent = schema["components"]["schemas"]["SentOut"]["properties"]["safety"]
    assert "null" in sent["description"]
    assert "SafetyOut" in str(sent)


def test_held_messages_are_listed_for_their_writer_only(client_for, member, other_member):
    room = space_room_for(member, other_member)
    client = client_for(member)
    post(client, f"{ROOMS}/{room.pk}/messages", {"body": "Hello"})
    post(client, f"{ROOMS}/{room.pk}/messages", {"body": URGENT})
    mine = client.get(f"{ROOMS}/{room.pk}/messages").json()["messages"]
    assert [m["held"] for m in mine] == [False, True]
    mine_after = client.get(f"{ROOMS}/{room.pk}/messages", {"after": 0}).json()["messages"]
    assert [m["held"] for m in mine_after] == [False, True]

    other = client_for(other_member)
    theirs = other.get(f"{ROOMS}/{room.pk}/messages").json()["messages"]
    assert [m["held"] for m in theirs] == [False]
    theirs_after = other.get(f"{ROOMS}/{room.pk}/messages", {"after": 0}).json()["messages"]
    assert len(theirs_after) == 1
    visible = Message.objects.get(body="Hello")
    assert other.get(f"{ROOMS}/{room.pk}").json()["latest_id"] == visible.pk


def test_a_held_direct_message_is_the_writers_alone(client_for, member, other_member):
    allow_messages(member, other_member)
    conversation = conversation_between(member, other_member)
    client = client_for(member)
    body = post(client, f"{ROOMS}/{conversation.room_id}/messages", {"body": URGENT}).json()
    assert body["held"] is True
    mine = client.get(f"{CONVERSATIONS}/{conversation.pk}").json()
    assert [m["held"] for m in mine["messages"]] == [True]
    assert mine["seen_message_id"] is None

    other = client_for(other_member)
    theirs = other.get(f"{CONVERSATIONS}/{conversation.pk}").json()
    assert theirs["messages"] == []
    assert theirs["unread"] == 0
    assert [c["unread"] for c in other.get(CONVERSATIONS).json()] == [0]
    assert theirs["last_message_at"] is None
    assert not Notification.objects.filter(user=other_member).exists()


def test_a_suspended_member_gets_403_and_nothing_is_stored(client_for, member, moderator):
    room = space_room_for(member)
    Suspension.objects.create(
        member=member,
        suspended_by=moderator,
        reason="Spam",
        ends_at=timezone.now() + timezone.timedelta(days=2),
    )
    client = client_for(member)
    response = post(client, f"{ROOMS}/{room.pk}/messages", {"body": "Hello"})
    assert response.status_code == 403
    assert "paused your posting and messages until" in response.json()["detail"]
    assert not Message.objects.exists()
    info = client.get(f"{ROOMS}/{room.pk}").json()
    assert info["can_send"] is False
    assert "paused your posting" in info["send_refusal"]


def test_a_lifted_suspension_lets_them_send_again(client_for, member, moderator):
    room = space_room_for(member)
    Suspension.objects.create(
        member=member, suspended_by=moderator, reason="Spam", lifted_at=timezone.now()
    )
    response = post(client_for(member), f"{ROOMS}/{room.pk}/messages", {"body": "Hello"})
    assert response.status_code == 201


def test_a_released_direct_message_reaches_the_other_member(client_for, member, other_member):
    allow_messages(member, other_member)
    conversation = conversation_between(member, other_member)
    post(client_for(member), f"{ROOMS}/{conversation.room_id}/messages", {"body": URGENT})
    message = Message.objects.get()
    message.status = ContentStatus.VISIBLE  # as a moderator's approval does
    message.save(update_fields=["status"])
    publish_released_message(message)

    assert Conversation.objects.get().last_message_at == message.created_at
    assert Notification.objects.filter(user=other_member, kind=NotificationKind.MESSAGE).exists()
    theirs = client_for(other_member).get(f"{CONVERSATIONS}/{conversation.pk}").json()
    assert [(m["id"], m["held"]) for m in theirs["messages"]] == [(message.pk, False)]
    assert theirs["unread"] == 1
