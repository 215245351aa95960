"""1:1 conversations: direct messages between members who both allow them, and the
mentoring or befriending conversations of a match (started by the matching issue)."""

from django.db import IntegrityError, transaction

from alongside.common.audit import record_audit
from alongside.community.choices import ConversationKind, RoomKind
from alongside.community.models import Conversation, Room


def get_or_create_conversation(*, first, second, kind: ConversationKind, actor) -> Conversation:
    """The pair's one conversation of `kind`, made if it doesn't exist yet. Callers check
    who may start one first."""
    low, high = sorted((first, second), key=lambda user: user.pk)
    found = Conversation.objects.filter(first_user=low, second_user=high, kind=kind).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            room = Room.objects.create(kind=RoomKind.CONVERSATION)
            conversation = Conversation.objects.create(
                room=room, first_user=low, second_user=high, kind=kind
            )
    except IntegrityError:  # both started it at once: theirs stands
        return Conversation.objects.get(first_user=low, second_user=high, kind=kind)
    record_audit(
        actor=actor, verb="community.conversation_started", target=conversation, data={"kind": kind}
    )
    return conversation


@transaction.atomic
def start_conversation(*, actor, other) -> Conversation:
    """The direct conversation between `actor` and `other`, made if it doesn't exist yet.
    Call check_message_member_permission first."""
    return get_or_create_conversation(
        first=actor, second=other, kind=ConversationKind.DIRECT, actor=actor
    )


@transaction.atomic
def start_match_conversation(*, first, second, actor=None) -> Conversation:
    """The conversation of a mentoring or befriending match. Either can always write."""
    return get_or_create_conversation(
        first=first, second=second, kind=ConversationKind.MATCH, actor=actor
    )
