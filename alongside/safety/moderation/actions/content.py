"""Deciding about flagged or reported content: approve held content (show it) or hide
it from other members. The writer is told, kindly, never with the moderator's reason."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts.models import Profile
from alongside.community.actions.chat import publish_released_message
from alongside.community.choices import ContentStatus
from alongside.community.models import (
    Message,
    Post,
    Thread,
)
from alongside.matching.models import SupporterProfile, SupportRequest
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation.actions.common import (
    HELD_BY_FLAG,
    PRIVATE_MATCH_WRITING,
    ModerationError,
    check_claimed_by,
    content_data,
    content_name,
    is_held,
    is_hidden,
    locked_content,
    locked_item,
    save_content,
    tell_writer,
)
from alongside.safety.moderation.record import record_moderation

# What the writer is told when their held text is shown again, or kept hidden.
APPROVED_TEXT = {
    Profile: "Your profile is showing in full again.",
    SupportRequest: "Thank you for waiting. Your request is back on our list, and we'll let "
    "you know when we've found someone.",
    SupporterProfile: "Thank you for waiting. Your application is back with our coordinators.",
}
HIDDEN_TEXT = {
    Profile: "A moderator has hidden some of the writing on your profile from other members.",
    SupportRequest: "A moderator has kept what you wrote in your request private for now. If "
    "you'd like to talk about it, you can reply to a message from our moderators.",
    SupporterProfile: "A moderator has kept what you wrote in your application private for "
    "now. If you'd like to talk about it, you can reply to a message from our moderators.",
}


def _is_opening_post(post: Post) -> bool:
    first_id = Post.objects.filter(thread_id=post.thread_id).order_by("id").values("id")[:1]
    return Post.objects.filter(pk=post.pk, id__in=first_id).exists()


def _set_thread_status(post: Post, *, from_status: str, to_status: str) -> None:
    """A held opening post holds its thread: the thread follows the post's decision."""
    if _is_opening_post(post):
        Thread.objects.filter(pk=post.thread_id, status=from_status).update(
            status=to_status, updated_at=timezone.now()
        )


def _show_post_in_thread(post: Post) -> None:
    """An approved opening post shows its thread; an approved reply counts in the thread
    (held replies were left out of its counts), never moving its last post time back."""
    if _is_opening_post(post):
        _set_thread_status(post, from_status=ContentStatus.HELD, to_status=ContentStatus.VISIBLE)
        return
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
    Thread.objects.filter(pk=post.thread_id, last_posted_at__lt=post.created_at).update(
        last_posted_at=post.created_at
    )


def _approve(*, moderator, content, writer):
    content = locked_content(content)
    name = content_name(content)
    if not is_held(content):
        raise ModerationError(f"This {name} isn't held, so there is nothing to approve.")
    if isinstance(content, HELD_BY_FLAG):
        content.text_held = False
        save_content(content, "text_held")
        text = APPROVED_TEXT[type(content)]
    else:
        content.status = ContentStatus.VISIBLE
        save_content(content, "status")
        text = f"Your {name} is now showing."
    if isinstance(content, Post):
        _show_post_in_thread(content)
    if isinstance(content, Message):
        # The room hears of it as of any new message (and, in a conversation, the other
        # member is told), after commit.
        message = Message.objects.select_related("author__profile", "room").get(pk=content.pk)
        publish_released_message(message)
    tell_writer(writer=writer, moderator=moderator, content=content, text=text)
    return content


def _hide(*, moderator, content, writer):
    content = locked_content(content)
    name = content_name(content)
    if isinstance(content, PRIVATE_MATCH_WRITING):
        raise ModerationError(
            f"This {name} is private to the match, so there is nothing to hide. Contact the "
            "writer, or open a safeguarding case, if they need support."
        )
    if isinstance(content, HELD_BY_FLAG):
        # No status: hiding keeps its free text from other people.
        content.text_held = True
        save_content(content, "text_held")
        text = HIDDEN_TEXT[type(content)]
    else:
        if content.status == ContentStatus.HIDDEN:
            raise ModerationError(f"This {name} is already hidden.")
        if content.status == ContentStatus.DELETED:
            raise ModerationError(f"Its writer deleted this {name}, so there is nothing to hide.")
        was_held = content.status == ContentStatus.HELD
        content.status = ContentStatus.HIDDEN
        save_content(content, "status")
        if isinstance(content, Post) and was_held:
            _set_thread_status(
                content, from_status=ContentStatus.HELD, to_status=ContentStatus.HIDDEN
            )
        text = (
            f"A moderator has hidden your {name} from other members. If you'd like to talk "
            "about it, you can reply to a message from our moderators."
        )
    tell_writer(writer=writer, moderator=moderator, content=content, text=text)
    return content


@transaction.atomic
def approve_alert_content(*, moderator, alert: SafetyAlert):
    """The held content is fine to show: show it, and tell its writer (without quoting)."""
    alert = locked_item(alert)
    check_claimed_by(alert, moderator)
    content = _approve(moderator=moderator, content=alert.content, writer=alert.member)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.APPROVE,
        alert=alert,
        member=alert.member,
        data=content_data(content),
    )
    return content


@transaction.atomic
def hide_alert_content(*, moderator, alert: SafetyAlert, reason: str):
    alert = locked_item(alert)
    check_claimed_by(alert, moderator)
    if isinstance(alert.content, HELD_BY_FLAG) and is_hidden(alert, alert.content):
        raise ModerationError(
            f"The writing on this {content_name(alert.content)} is already hidden."
        )
    content = _hide(moderator=moderator, content=alert.content, writer=alert.member)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.HIDE,
        alert=alert,
        member=alert.member,
        reason=reason,
        data=content_data(content),
    )
    return content


@transaction.atomic
def hide_reported_content(*, moderator, report: Report, reason: str):
    report = locked_item(report)
    check_claimed_by(report, moderator)
    content = report.reported_object
    if report.member_id is not None or content is None:
        raise ModerationError(
            "This report is about a member, not something they wrote: there is nothing to hide."
        )
    content = _hide(moderator=moderator, content=content, writer=report.reported_member)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.HIDE,
        report=report,
        member=report.reported_member,
        reason=reason,
        data=content_data(content),
    )
    return content
