"""Between members: 1:1 conversations, blocking, notifications and reports. `access_*`
fetches and authorises in one step and answers 404 where the thing is private (someone
else's conversation or notification, a post the reporter can't see)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.accounts.models import User
from alongside.common.http import parse_id
from alongside.community.choices import ContentStatus
from alongside.community.models import (
    Conversation,
    CopingComment,
    CopingStrategy,
    Message,
    Notification,
    Post,
)
from alongside.community.permissions.roles import is_signed_in
from alongside.community.permissions.rooms import can_read_room
from alongside.safety.choices import ReportTarget

# The largest id a database column holds: anything bigger can't exist (and would make the
# database raise instead of finding nothing).
MAX_ID = 2**63 - 1


def access_member_by_id(*, user, member_id) -> User:
    """Another active member, to block, message or report. 404 for anyone else."""
    member = (
        User.objects.select_related("profile")
        .filter(pk=parse_id(member_id), is_active=True)
        .first()
    )
    if member is None or not is_signed_in(user):
        raise Http404("No such member.")
    return member


def check_block_member_permission(user, member) -> None:
    if member.pk == user.pk:
        raise PermissionDenied("You can't block yourself.")


def access_conversation_by_id(*, user, conversation_id) -> Conversation:
    """A conversation, for one of its two participants only; 404 for everyone else."""
    conversation = (
        Conversation.objects.select_related("room", "first_user__profile", "second_user__profile")
        .filter(pk=parse_id(conversation_id))
        .first()
    )
    if conversation is None or user.pk not in conversation.participant_ids():
        raise Http404("No such conversation.")
    return conversation


def access_notification_by_id(*, user, notification_id) -> Notification:
    notification = Notification.objects.filter(pk=parse_id(notification_id), user=user).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification


def _visible_post(user, object_id):
    post = (
        Post.objects.select_related("thread__space", "author__profile")
        .filter(
            pk=object_id,
            status=ContentStatus.VISIBLE,
            thread__status=ContentStatus.VISIBLE,
            thread__space__is_archived=False,
        )
        .first()
    )
    return post


def _visible_message(user, object_id):
    message = (
        Message.objects.select_related("room__space", "room__group", "room__conversation")
        .select_related("author__profile")
        .filter(pk=object_id, status=ContentStatus.VISIBLE)
        .first()
    )
    if message is None or not can_read_room(user, message.room):
        return None
    return message


def _visible_strategy(user, object_id):
    return (
        CopingStrategy.objects.select_related("author__profile")
        .filter(pk=object_id, status=ContentStatus.VISIBLE)
        .first()
    )


def _visible_comment(user, object_id):
    return (
        CopingComment.objects.select_related("author__profile", "strategy")
        .filter(
            pk=object_id,
            status=ContentStatus.VISIBLE,
            strategy__status=ContentStatus.VISIBLE,
        )
        .first()
    )


def _member(user, object_id):
    return User.objects.select_related("profile").filter(pk=object_id, is_active=True).first()


FINDERS = {
    ReportTarget.POST: _visible_post,
    ReportTarget.MESSAGE: _visible_message,
    ReportTarget.MEMBER: _member,
    ReportTarget.COPING_STRATEGY: _visible_strategy,
    ReportTarget.COPING_COMMENT: _visible_comment,
}


def access_reportable_by_id(*, user, target: str, object_id):
    """The thing to report, if `user` can see it; 404 otherwise (and for yourself)."""
    if not is_signed_in(user) or target not in ReportTarget.values:
        raise Http404("Nothing to report here.")
    found = FINDERS[ReportTarget(target)](user, parse_id(object_id))
    if found is None or (target == ReportTarget.MEMBER and found.pk == user.pk):
        raise Http404("Nothing to report here.")
    return found
