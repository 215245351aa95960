"""In-app notifications. Actions call `notify` inside their transaction."""

from django.urls import reverse

from alongside.community.choices import ContentStatus, DigestFrequency, NotificationKind
from alongside.community.models import Block, Conversation, Message, Notification
from alongside.community.selectors.protections import settings_for
from alongside.community.tasks import schedule_digest_after_commit


def notify(*, user, kind: NotificationKind, text: str, url: str, actor=None):
    """Tell `user` something happened. Nobody is notified of their own doing, or of
    anything done by a member they blocked. Returns the notification, or None.

    A member who chose an email digest gets one queued for their next digest time."""
    if actor is not None and actor.pk == user.pk:
        return None
    if actor is not None and Block.objects.filter(blocker=user, blocked=actor).exists():
        return None
    notification = Notification.objects.create(
        user=user, kind=kind, text=text[:300], url=url, actor=actor
    )
    _schedule_digest(user)
    return notification


def _schedule_digest(user) -> None:
    if settings_for(user).email_digest != DigestFrequency.NEVER:
        schedule_digest_after_commit(user)


def conversation_url(conversation: Conversation) -> str:
    return reverse("community:conversation", args=[conversation.pk])


def notify_new_message(*, conversation: Conversation, message: Message) -> None:
    """Tell the other participant, at most once while they have an unread "new message"
    notification for this conversation, so they don't pile up."""
    if message.status != ContentStatus.VISIBLE or message.author is None:
        return
    other_id = conversation.other_participant_id(message.author_id)
    other = (
        conversation.first_user
        if other_id == conversation.first_user_id
        else conversation.second_user
    )
    url = conversation_url(conversation)
    if Notification.objects.filter(
        user=other, kind=NotificationKind.MESSAGE, url=url, read_at__isnull=True
    ).exists():
        return
    name = message.author.profile.display_name
    notify(
        user=other,
        kind=NotificationKind.MESSAGE,
        text=f"{name} sent you a message",
        url=url,
        actor=message.author,
    )
