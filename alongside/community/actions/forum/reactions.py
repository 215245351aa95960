"""Reactions ("me too", "this helped me", "sending support") and muting a thread."""

from django.db import transaction

from alongside.common.audit import record_audit
from alongside.community.choices import NotificationKind, ReactionKind
from alongside.community.models import Notification, Post, Reaction, Thread, ThreadMute
from alongside.community.notifications import notify
from alongside.community.selectors.forum import post_anchor_url


@transaction.atomic
def add_reaction(*, user, post: Post, kind: ReactionKind) -> Reaction:
    """React to a post (again: no change). The post's writer hears who, never a count."""
    kind = ReactionKind(kind)
    reaction, created = Reaction.objects.get_or_create(post=post, user=user, kind=kind)
    if created:
        record_audit(
            actor=user, verb="community.reaction_added", target=post, data={"kind": kind.value}
        )
        if post.author is not None and not _already_told(post=post, user=user):
            notify(
                user=post.author,
                kind=NotificationKind.REACTION,
                text=f"{user} reacted \u201c{kind.label}\u201d to your post in "
                f"\u201c{post.thread.title}\u201d.",
                url=post_anchor_url(post),
                actor=user,
            )
    return reaction


def _already_told(*, post: Post, user) -> bool:
    """Whether the writer still has an unread notice of `user` reacting to this post, so
    that taking a reaction back and giving it again doesn't notify them twice."""
    return Notification.objects.filter(
        user=post.author,
        actor=user,
        kind=NotificationKind.REACTION,
        url=post_anchor_url(post),
        read_at__isnull=True,
    ).exists()


@transaction.atomic
def remove_reaction(*, user, post: Post, kind: ReactionKind) -> None:
    kind = ReactionKind(kind)
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        record_audit(
            actor=user, verb="community.reaction_removed", target=post, data={"kind": kind.value}
        )


@transaction.atomic
def mute_thread(*, user, thread: Thread) -> ThreadMute:
    """No more reply notifications from this thread."""
    mute, created = ThreadMute.objects.get_or_create(thread=thread, user=user)
    if created:
        record_audit(actor=user, verb="community.thread_muted", data={"thread_id": thread.pk})
    return mute


@transaction.atomic
def unmute_thread(*, user, thread: Thread) -> None:
    deleted, _ = ThreadMute.objects.filter(thread=thread, user=user).delete()
    if deleted:
        record_audit(actor=user, verb="community.thread_unmuted", data={"thread_id": thread.pk})
