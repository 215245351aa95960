"""A moderator writes to a member privately: the member reads it in their messages (even
with direct messages off) and can reply; only moderators can start such a conversation."""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alongside.accounts.tests.helpers import error_shown_for
from alongside.common.models import AuditLogEntry
from alongside.community.actions.chat import send_message
from alongside.community.actions.moderator_contact import start_moderator_conversation
from alongside.community.choices import ContentStatus, ConversationKind, NotificationKind
from alongside.community.models import (
    MESSAGE_MAX_LENGTH,
    Block,
    Conversation,
    Message,
    Notification,
)
from alongside.community.tests.factories import MessageFactory
from alongside.safety.alerts import raise_alert
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import ModerationAction
from alongside.safety.risk import RiskContext, assess_risk
from alongside.safety.risk.stored import apply_risk

pytestmark = pytest.mark.django_db

HELLO = "Hi Robin, I'm Morgan, one of the moderators. I read your message and I'm here."


def contact_url(user, query=""):
    return reverse("safety:moderation_contact", args=[user.pk]) + query


def page_text(response) -> str:
    return unescape(response.content.decode())


def concern_alert(member):
    text = "I feel so hopeless and worthless"
    message = MessageFactory(author=member, body=text)
    apply_risk(message, assess_risk(text, RiskContext(purpose="message", author_id=member.pk)))
    message.save()
    return raise_alert(content=message, member=member)


def test_the_member_reads_the_moderators_message_and_can_reply(
    client_for, client, moderator, member, django_capture_on_commit_callbacks
):
    alert = concern_alert(member)
    staff = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(contact_url(member, f"?alert={alert.pk}"), {"body": HELLO})
    assert response.status_code == 302
    assert response["Location"] == contact_url(member, f"?alert={alert.pk}")

    conversation = Conversation.objects.get(kind=ConversationKind.MODERATOR)
    assert set(conversation.participant_ids()) == {moderator.pk, member.pk}
    notice = Notification.objects.get(user=member, kind=NotificationKind.MESSAGE)
    assert notice.text == "Morgan sent you a message"
    assert notice.url == reverse("community:conversation", args=[conversation.pk])

    # The member (direct messages off, the default) sees it in their messages...
    client.force_login(member)
    listing = page_text(client.get(reverse("community:conversations")))
    assert "Morgan" in listing
    page = client.get(notice.url)
    assert page.status_code == 200
    assert HELLO in page_text(page)

    # ...and replies like in any conversation.
    response = client.post(notice.url, {"body": "Thank you. I'm safe for now."})
    assert response.status_code == 302
    assert Message.objects.filter(room=conversation.room, author=member).exists()

    # The moderator's page shows the conversation so far.
    client.force_login(moderator)
    shown = page_text(client.get(contact_url(member)))
    assert HELLO in shown
    assert "Thank you. I'm safe for now." in shown


def test_contacting_is_recorded_against_the_alert_without_the_message_in_the_audit_log(
    client_for, moderator, member
):
    alert = concern_alert(member)
    client_for(moderator).post(contact_url(member, f"?alert={alert.pk}"), {"body": HELLO})

    action = ModerationAction.objects.get(kind=ModerationActionKind.CONTACT)
    assert (action.moderator, action.alert, action.member) == (moderator, alert, member)
    entry = AuditLogEntry.objects.get(verb="moderation.contact")
    assert entry.actor == moderator
    assert entry.data["alert_id"] == alert.pk
    assert entry.data["member_id"] == member.pk
    assert "moderator" not in entry.target_label.lower()
    assert HELLO not in str(entry.data) and HELLO not in entry.target_label


def test_a_second_message_goes_into_the_same_conversation(client_for, moderator, member):
    staff = client_for(moderator)
    staff.post(contact_url(member), {"body": HELLO})
    staff.post(contact_url(member), {"body": "Just checking in again."})

    conversation = Conversation.objects.get(kind=ConversationKind.MODERATOR)
    assert conversation.room.messages.count() == 2
    assert ModerationAction.objects.filter(kind=ModerationActionKind.CONTACT).count() == 2


def test_the_page_starts_empty(client_for, moderator, member):
    response = client_for(moderator).get(contact_url(member))
    assert response.status_code == 200
    text = page_text(response)
    assert "Contact Robin" in text
    assert "You haven't written to Robin yet." in text
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write your message to the member."),
        ("   \n ", "Write your message to the member."),
        ("x" * (MESSAGE_MAX_LENGTH + 1), "characters or fewer (you have"),
    ],
)
def test_bad_messages_are_refused_next_to_the_box(client_for, moderator, member, body, error):
    response = client_for(moderator).post(contact_url(member), {"body": body})

    assert response.status_code == 400
    assert error in error_shown_for(response.content.decode(), "body")
    assert not Message.objects.exists()
    assert not ModerationAction.objects.exists()
    assert not Conversation.objects.exists()


def test_a_moderator_cant_contact_themselves(client_for, moderator):
    staff = client_for(moderator)
    assert "This is you" in page_text(staff.get(contact_url(moderator)))

    response = staff.post(contact_url(moderator), {"body": HELLO})

    assert response.status_code == 400
    assert "You can't contact yourself" in page_text(response)
    assert not Message.objects.exists()


def test_a_member_cannot_start_a_moderator_conversation(member, moderator):
    with pytest.raises(PermissionDenied):
        start_moderator_conversation(moderator=member, member=moderator)
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_member", "peer_supporter"])
def test_only_moderators_find_the_page(request, client_for, member, who):
    person = request.getfixturevalue(who)
    target = request.getfixturevalue("other_member" if who == "member" else "member")
    visitor = client_for(person)

    assert visitor.get(contact_url(target)).status_code == 404
    assert visitor.post(contact_url(target), {"body": HELLO}).status_code == 404
    assert not Message.objects.exists()


def test_staff_without_two_factor_are_sent_to_set_it_up(
    client_for, coordinator_without_2fa, member
):
    visitor = client_for(coordinator_without_2fa)
    for response in (
        visitor.get(contact_url(member)),
        visitor.post(contact_url(member), {"body": HELLO}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/")
    assert not Message.objects.exists()


def test_signed_out_visitors_are_not_found(client, member):
    # As on the queue and case pages: nothing here tells a visitor the page exists.
    assert client.get(contact_url(member)).status_code == 404


def test_a_coordinator_can_contact_a_member(client_for, coordinator, member):
    response = client_for(coordinator).post(contact_url(member), {"body": HELLO})
    assert response.status_code == 302
    assert Message.objects.filter(author=coordinator).exists()


@pytest.mark.parametrize("query", ["?alert=abc", "?alert=0", "?report=99999999999999999999999"])
def test_nonsense_links_are_not_found(client_for, moderator, member, query):
    assert client_for(moderator).get(contact_url(member, query)).status_code == 404


def test_unknown_members_and_other_members_alerts_are_not_found(
    client_for, moderator, member, other_member
):
    staff = client_for(moderator)
    alert = concern_alert(other_member)
    assert staff.get(reverse("safety:moderation_contact", args=[999999])).status_code == 404
    assert staff.get(contact_url(member, f"?alert={alert.pk}")).status_code == 404
    member.is_active = False
    member.save()
    assert staff.get(contact_url(member)).status_code == 404


def test_a_moderator_the_member_blocked_is_told_to_ask_another(client_for, moderator, member):
    Block.objects.create(blocker=member, blocked=moderator)

    response = client_for(moderator).post(contact_url(member), {"body": HELLO})

    assert response.status_code == 400
    assert "Robin has blocked you" in page_text(response)
    assert "ask another moderator" in page_text(response)
    assert not Message.objects.exists()
    assert not Conversation.objects.exists()
    assert not ModerationAction.objects.exists()


def test_a_reply_the_risk_check_held_is_shown_to_the_moderator(client_for, moderator, member):
    staff = client_for(moderator)
    staff.post(contact_url(member), {"body": HELLO})
    conversation = Conversation.objects.get(kind=ConversationKind.MODERATOR)

    reply = send_message(
        room=conversation.room,
        author=member,
        body="I am going to kill myself tonight, I have the pills ready",
    )

    assert reply.status == ContentStatus.HELD
    shown = page_text(staff.get(contact_url(member)))
    assert "I have the pills ready" in shown
    assert "(held for review)" in shown


def test_a_suspended_member_can_still_answer_the_moderator(moderator, member, other_member):
    from alongside.community.actions.forum.posts import reply_to_thread
    from alongside.community.errors import CommunityActionError
    from alongside.community.tests.factories_forum import thread_by
    from alongside.safety.models import Suspension

    Suspension.objects.create(member=member, suspended_by=moderator, reason="Unkind replies")
    conversation = start_moderator_conversation(moderator=moderator, member=member)

    answer = send_message(room=conversation.room, author=member, body="Thank you, I understand.")

    assert answer.status == ContentStatus.VISIBLE
    with pytest.raises(CommunityActionError):
        reply_to_thread(author=member, thread=thread_by(other_member), body="Back again.")


def test_a_moderator_asking_about_safety_raises_no_alert_against_them(moderator, member):
    conversation = start_moderator_conversation(moderator=moderator, member=member)

    asked = send_message(
        room=conversation.room,
        author=moderator,
        body="Are you thinking about killing yourself tonight? I want to help you stay safe.",
    )
    answer = send_message(
        room=conversation.room, author=member, body="I want to die, I have the pills ready."
    )

    assert asked.status == ContentStatus.VISIBLE and asked.risk_level == "none"
    assert not asked.alerts.exists()
    assert answer.status == ContentStatus.HELD  # the member's own words are still checked
    assert answer.alerts.get().level == "urgent"


def test_a_moderator_being_contacted_is_still_risk_checked(moderator, coordinator):
    conversation = start_moderator_conversation(moderator=coordinator, member=moderator)

    answer = send_message(
        room=conversation.room, author=moderator, body="I want to die, I have the pills ready."
    )

    assert answer.status == ContentStatus.HELD
    assert answer.alerts.get().level == "urgent"
