"""A moderator writing privately to a member: a conversation of kind MODERATOR, which the
member reads and answers like any other conversation. Only a moderator can start one;
neither side needs direct messages turned on (see check_message_member_permission)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from alongside.community.actions.chat import send_message
from alongside.community.actions.conversations import get_or_create_conversation
from alongside.community.choices import ConversationKind
from alongside.community.models import Conversation, Message
from alongside.community.permissions.roles import is_moderator
from alongside.community.permissions.rooms import check_send_message_permission


def check_contact_member_permission(moderator, member) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied("Only moderators can start a conversation from a moderator.")
    if member.pk == moderator.pk:
        raise PermissionDenied("You can't send a moderator's message to yourself.")
    if not member.is_active:
        raise PermissionDenied("This member's account is closed, so they can't be contacted.")


def moderator_conversation(*, moderator, member) -> Conversation | None:
    """The conversation `moderator` already has with `member`, if any."""
    low, high = sorted((moderator, member), key=lambda user: user.pk)
    return (
        Conversation.objects.select_related("room")
        .filter(first_user=low, second_user=high, kind=ConversationKind.MODERATOR)
        .first()
    )


@transaction.atomic
def start_moderator_conversation(*, moderator, member) -> Conversation:
    """The conversation between `moderator` and `member`, made if it doesn't exist yet."""
    check_contact_member_permission(moderator, member)
    return get_or_create_conversation(
        first=moderator, second=member, kind=ConversationKind.MODERATOR, actor=moderator
    )


@transaction.atomic
def send_moderator_message(*, moderator, member, body: str) -> Message:
    """Write to `member` in the moderator conversation (made if needed). They get the usual
    new-message notification and can reply. Raises PermissionDenied (a block, say) or
    ValidationError (the text) and then stores nothing."""
    conversation = start_moderator_conversation(moderator=moderator, member=member)
    check_send_message_permission(moderator, conversation.room)
    return send_message(room=conversation.room, author=moderator, body=body)
