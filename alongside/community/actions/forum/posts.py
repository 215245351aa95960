"""Starting threads, replying, editing and deleting posts, and remembering what a member
has seen. Every piece of member text goes through `prepare_member_text`; its risk is stored
with the post (`apply_risk`, which holds urgent posts for a moderator) and any alert is
raised in the same transaction. Held posts never notify anyone and don't move the thread's
counts: to everyone but their writer and the moderators they aren't there yet."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.actions.forum.mentions import find_mentioned_users
from alongside.community.actions.forum.spaces import accept_guidelines
from alongside.community.actions.rates import check_posting_rate
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.errors import CommunityActionError
from alongside.community.models import (
    CONTENT_WARNING_MAX_LENGTH,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Post,
    PostRevision,
    Space,
    Thread,
    ThreadMute,
    ThreadVisit,
)
from alongside.community.notifications import notify
from alongside.community.permissions.rooms import has_accepted_guidelines
from alongside.community.selectors.forum import post_anchor_url
from alongside.community.text import TextPurpose, prepare_member_field
from alongside.safety.alerts import raise_alert
from alongside.safety.risk.stored import RISK_FIELDS, apply_risk, combine
from alongside.safety.suspensions import check_not_suspended


class GuidelinesNotAccepted(CommunityActionError):
    """The member hasn't accepted this space's current guidelines yet."""


def _body_and_warning(*, author, body: str, content_warning: str):
    body_text = prepare_member_field(
        "body", text=body, author=author, purpose=TextPurpose.POST, max_length=POST_MAX_LENGTH
    )
    warning = prepare_member_field(
        "content_warning",
        text=content_warning,
        author=author,
        purpose=TextPurpose.CONTENT_WARNING,
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        markdown=False,
    )
    return body_text, warning


def _check_can_post(*, author, space: Space, accepted_guidelines_version: int | None) -> None:
    if space.is_archived:
        raise CommunityActionError("This space is archived, so it isn't taking new posts.")
    if accepted_guidelines_version is not None:
        accept_guidelines(user=author, space=space, version=accepted_guidelines_version)
    elif not has_accepted_guidelines(author, space):
        raise GuidelinesNotAccepted(
            "Please read this space's community guidelines and tick the box to say you'll "
            "follow them."
        )


def _saw_own_post(post: Post) -> None:
    ThreadVisit.objects.update_or_create(
        thread_id=post.thread_id, user=post.author, defaults={"last_seen_post_id": post.pk}
    )


def _notify_about_post(*, post: Post, thread: Thread, already: set[int]) -> None:
    """Mentions: members named with @ in the post (never the post's text itself)."""
    if post.status != ContentStatus.VISIBLE:
        return
    url = post_anchor_url(post)
    for user in find_mentioned_users(post.body):
        if user.pk in already:
            continue
        notify(
            user=user,
            kind=NotificationKind.MENTION,
            text=f"{post.author} mentioned you in \u201c{thread.title}\u201d.",
            url=url,
            actor=post.author,
        )


@transaction.atomic
def start_thread(
    *,
    author,
    space: Space,
    title: str,
    body: str,
    content_warning: str = "",
    accepted_guidelines_version: int | None = None,
) -> Thread:
    """A new thread and its opening post. Pass `accepted_guidelines_version` when the
    member ticked "I'll follow these guidelines" with this post. The opening post carries
    the risk of the title and the body together."""
    title_text = prepare_member_field(
        "title",
        text=title,
        author=author,
        purpose=TextPurpose.TITLE,
        max_length=TITLE_MAX_LENGTH,
        markdown=False,
    )
    body_text, warning = _body_and_warning(
        author=author, body=body, content_warning=content_warning
    )
    risk = combine(title_text.risk, body_text.risk)
    check_not_suspended(author, risk=risk)
    _check_can_post(
        author=author, space=space, accepted_guidelines_version=accepted_guidelines_version
    )
    check_posting_rate(author)
    now = timezone.now()
    post = Post(
        author=author,
        body=body_text.source,
        body_html=body_text.html,
        content_warning=warning.source,
    )
    apply_risk(post, risk)
    # An urgent opening post holds its thread too: its title isn't listed until a
    # moderator has looked.
    thread = Thread.objects.create(
        space=space,
        title=title_text.source,
        author=author,
        last_posted_at=now,
        status=ContentStatus.HELD if post.status == ContentStatus.HELD else ContentStatus.VISIBLE,
    )
    post.thread = thread
    post.save()
    raise_alert(content=post, member=author)
    _saw_own_post(post)
    # The target is the post, not the thread: a thread's label is its (member-written) title.
    record_audit(
        actor=author,
        verb="community.thread_started",
        target=post,
        data={"thread_id": thread.pk, "space_id": space.pk},
    )
    _notify_about_post(post=post, thread=thread, already=set())
    return thread


@transaction.atomic
def reply_to_thread(
    *,
    author,
    thread: Thread,
    body: str,
    content_warning: str = "",
    quoted_post: Post | None = None,
    accepted_guidelines_version: int | None = None,
) -> Post:
    body_text, warning = _body_and_warning(
        author=author, body=body, content_warning=content_warning
    )
    check_not_suspended(author, risk=body_text.risk)
    if thread.is_locked:
        raise CommunityActionError("This thread is locked, so it isn't taking replies.")
    if thread.status != ContentStatus.VISIBLE:
        raise CommunityActionError("This thread isn't taking replies.")
    if quoted_post is not None and (
        quoted_post.thread_id != thread.pk or quoted_post.status != ContentStatus.VISIBLE
    ):
        raise ValidationError({"quoted_post": ["You can only quote a visible post here."]})
    _check_can_post(
        author=author, space=thread.space, accepted_guidelines_version=accepted_guidelines_version
    )
    check_posting_rate(author)
    post = Post(
        thread=thread,
        author=author,
        body=body_text.source,
        body_html=body_text.html,
        content_warning=warning.source,
        quoted_post=quoted_post,
    )
    apply_risk(post, body_text.risk)
    post.save()
    raise_alert(content=post, member=author)
    if post.status == ContentStatus.VISIBLE:
        Thread.objects.filter(pk=thread.pk).update(
            last_posted_at=post.created_at, reply_count=F("reply_count") + 1
        )
        thread.refresh_from_db(fields=["last_posted_at", "reply_count"])
    _saw_own_post(post)
    record_audit(
        actor=author,
        verb="community.post_replied",
        target=post,
        data={"thread_id": thread.pk, "quoted_post_id": getattr(quoted_post, "pk", None)},
    )
    notified = set()
    if (
        post.status == ContentStatus.VISIBLE
        and thread.author is not None
        and not ThreadMute.objects.filter(thread=thread, user=thread.author).exists()
    ):
        notify(
            user=thread.author,
            kind=NotificationKind.REPLY,
            text=f"{author} replied to your thread \u201c{thread.title}\u201d.",
            url=post_anchor_url(post),
            actor=author,
        )
        notified.add(thread.author_id)
    _notify_about_post(post=post, thread=thread, already=notified)
    return post


@transaction.atomic
def edit_post(*, actor, post: Post, body: str, content_warning: str = "") -> Post:
    """Change a post, keeping what it said before as a PostRevision (for moderators).
    The writer's own edit is risk-checked like a new post: one that becomes urgent is held
    again (with its thread, if it opens one). A held post stays held until a moderator
    has looked, however it is changed."""
    by_writer = actor.pk == post.author_id
    body_text, warning = _body_and_warning(author=actor, body=body, content_warning=content_warning)
    if by_writer:
        check_not_suspended(actor, risk=body_text.risk)
    if post.status == ContentStatus.DELETED:
        raise CommunityActionError("This post was deleted, so it can't be changed.")
    if body_text.source == post.body and warning.source == post.content_warning:
        return post
    PostRevision.objects.create(
        post=post, body=post.body, content_warning=post.content_warning, edited_by=actor
    )
    post.body = body_text.source
    post.body_html = body_text.html
    post.content_warning = warning.source
    post.edited_at = timezone.now()
    fields = ["body", "body_html", "content_warning", "edited_at", "updated_at"]
    if by_writer:
        was_held = post.status == ContentStatus.HELD
        apply_risk(post, body_text.risk)
        fields += [*RISK_FIELDS, "status"]
    post.save(update_fields=fields)
    if by_writer:
        if post.status == ContentStatus.HELD and not was_held:
            _hold_thread_if_opened_by(post)
        raise_alert(content=post, member=actor)
    record_audit(actor=actor, verb="community.post_edited", target=post)
    return post


def _hold_thread_if_opened_by(post: Post) -> None:
    """A held opening post holds its thread: the title isn't listed meanwhile."""
    opening = Post.objects.filter(thread_id=post.thread_id).order_by("id")
    if opening.values_list("id", flat=True).first() == post.pk:
        Thread.objects.filter(pk=post.thread_id, status=ContentStatus.VISIBLE).update(
            status=ContentStatus.HELD
        )


@transaction.atomic
def delete_post(*, actor, post: Post) -> Post:
    """Soft delete: the post stays in place as "deleted by its writer", so replies that
    quote it still make sense. A deleted opening post keeps its thread."""
    if post.status == ContentStatus.DELETED:
        return post
    post.status = ContentStatus.DELETED
    post.deleted_at = timezone.now()
    post.save(update_fields=["status", "deleted_at", "updated_at"])
    record_audit(actor=actor, verb="community.post_deleted", target=post)
    return post


def record_thread_visit(*, user, thread: Thread, up_to_post_id: int) -> None:
    """Remember the newest post `user` has seen in `thread`. Only ever moves forward.
    Not audited: it records reading, not a change anyone made."""
    visit, created = ThreadVisit.objects.get_or_create(
        thread=thread, user=user, defaults={"last_seen_post_id": up_to_post_id}
    )
    if not created and up_to_post_id > visit.last_seen_post_id:
        ThreadVisit.objects.filter(pk=visit.pk).update(
            last_seen_post_id=up_to_post_id, visited_at=timezone.now()
        )
