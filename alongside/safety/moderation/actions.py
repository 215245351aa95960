"""What moderators do with an alert or a report: claim, release, approve, hide, edit and
resolve. Each action locks the item (select_for_update) so that two moderators, or one
moderator's double click, can't act on it at once; a refusal raises ModerationError with a
message the moderator can read, and changes nothing. Every action is recorded with
`record_moderation` (the item's history and the audit log)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Profile
from alongside.common.audit import record_audit
from alongside.community.actions.chat import publish_released_message
from alongside.community.choices import ContentStatus, NotificationKind, RoomKind
from alongside.community.models import (
    MESSAGE_MAX_LENGTH,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    CopingComment,
    CopingStrategy,
    CopingStrategyRevision,
    Message,
    Post,
    PostRevision,
    Thread,
)
from alongside.community.notifications import notify
from alongside.community.permissions.roles import is_coordinator
from alongside.community.text import TextPurpose, prepare_member_field
from alongside.safety.choices import AlertStatus, ModerationActionKind
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation.queue import content_url_for_writer
from alongside.safety.moderation.record import record_moderation


class ModerationError(Exception):
    """The action can't be done as things stand (someone else has the item, it was
    already resolved, the content is still held...). The message says why, plainly."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# What each kind of content is called, for moderators and in notifications to its writer.
CONTENT_NAMES = {
    Post: "post",
    Message: "message",
    CopingStrategy: "coping strategy",
    CopingComment: "comment",
    Profile: "profile",
}


def content_name(content) -> str:
    return CONTENT_NAMES.get(type(content), "content")


def _name_of(user) -> str:
    return user.profile.display_name if user is not None else "a moderator"


def _content_data(content) -> dict:
    """For the audit log: what the content is, never what it says."""
    return {"content_type": content._meta.label_lower, "content_id": content.pk}


# ---- Reading a private message ------------------------------------------------------------


def is_private_message(content) -> bool:
    return isinstance(content, Message) and content.room.kind == RoomKind.CONVERSATION


def note_private_message_read(*, moderator, alert=None, report=None) -> None:
    """A moderator opened an alert or report whose content is a direct message: private
    conversations are read by moderators only on the record (DESIGN.md, privacy)."""
    item = alert or report
    record_audit(
        actor=moderator,
        verb="moderation.private_message_read",
        target=item,
        data={"message_id": item.message_id},
    )


# ---- Claiming and releasing (alerts and reports alike) ----------------------------------


def _noun(item) -> str:
    return "alert" if isinstance(item, SafetyAlert) else "report"


def _locked(item):
    """The item again, locked for this transaction, with its claimer's name at hand."""
    return (
        type(item)
        .objects.select_for_update(of=("self",))
        .select_related("claimed_by__profile", "resolved_by__profile")
        .get(pk=item.pk)
    )


def _check_not_resolved(item) -> None:
    if item.status == AlertStatus.RESOLVED:
        raise ModerationError(
            f"This {_noun(item)} was already resolved by {_name_of(item.resolved_by)}."
        )


def _check_claimed_by(item, moderator) -> None:
    """Acting on an item needs it claimed by you, so that nobody else works on it too."""
    _check_not_resolved(item)
    if item.claimed_by_id is None:
        raise ModerationError(f"Claim this {_noun(item)} first, so that nobody else takes it too.")
    if item.claimed_by_id != moderator.pk:
        raise ModerationError(
            f"{_name_of(item.claimed_by)} has claimed this {_noun(item)}. "
            "Ask them, or wait until they release it."
        )


def _item_kwargs(item) -> dict:
    if isinstance(item, SafetyAlert):
        return {"alert": item, "member": item.member}
    return {"report": item, "member": item.reported_member}


@transaction.atomic
def claim_item(*, moderator, item):
    """Take an alert or report: only if nobody has it (claiming your own again is fine)."""
    item = _locked(item)
    _check_not_resolved(item)
    if item.claimed_by_id == moderator.pk:
        return item
    if item.claimed_by_id is not None:
        raise ModerationError(
            f"{_name_of(item.claimed_by)} has already claimed this {_noun(item)}."
        )
    item.status = AlertStatus.CLAIMED
    item.claimed_by = moderator
    item.claimed_at = timezone.now()
    item.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    record_moderation(moderator=moderator, kind=ModerationActionKind.CLAIM, **_item_kwargs(item))
    return item


@transaction.atomic
def release_item(*, moderator, item):
    """Put an alert or report back in the queue. Its claimer may; a coordinator may too
    (someone went home with it)."""
    item = _locked(item)
    _check_not_resolved(item)
    if item.claimed_by_id is None:
        raise ModerationError(f"This {_noun(item)} isn't claimed, so there is nothing to release.")
    if item.claimed_by_id != moderator.pk and not is_coordinator(moderator):
        raise ModerationError(
            f"{_name_of(item.claimed_by)} has claimed this {_noun(item)}; only they or a "
            "coordinator can release it."
        )
    item.status = AlertStatus.OPEN
    item.claimed_by = None
    item.claimed_at = None
    item.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    record_moderation(moderator=moderator, kind=ModerationActionKind.RELEASE, **_item_kwargs(item))
    return item


# ---- Content ----------------------------------------------------------------------------


def _locked_content(content):
    return type(content).objects.select_for_update(of=("self",)).get(pk=content.pk)


def _save(content, *fields: str) -> None:
    if hasattr(content, "updated_at"):
        fields = (*fields, "updated_at")
    content.save(update_fields=list(fields))


def is_held(content) -> bool:
    if isinstance(content, Profile):
        return content.text_held
    return content.status == ContentStatus.HELD


def awaits_decision(alert: SafetyAlert, content) -> bool:
    """Held, and nobody has decided yet. (A hidden profile stays held: its hide action is
    the decision.)"""
    if not is_held(content):
        return False
    return not alert.actions.filter(kind=ModerationActionKind.HIDE).exists()


def is_hidden(alert: SafetyAlert, content) -> bool:
    if isinstance(content, Profile):
        return content.text_held and not awaits_decision(alert, content)
    return content.status == ContentStatus.HIDDEN


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


def _tell_writer(*, writer, moderator, content, text: str) -> None:
    if writer is not None:
        notify(
            user=writer,
            kind=NotificationKind.MODERATION,
            text=text,
            url=content_url_for_writer(content),
            actor=moderator,
        )


def _approve(*, moderator, content, writer):
    content = _locked_content(content)
    name = content_name(content)
    if not is_held(content):
        raise ModerationError(f"This {name} isn't held, so there is nothing to approve.")
    if isinstance(content, Profile):
        content.text_held = False
        _save(content, "text_held")
        text = "Your profile is showing in full again."
    else:
        content.status = ContentStatus.VISIBLE
        _save(content, "status")
        text = f"Your {name} is now showing."
    if isinstance(content, Post):
        _show_post_in_thread(content)
    if isinstance(content, Message):
        # The room hears of it as of any new message (and, in a conversation, the other
        # member is told), after commit.
        message = Message.objects.select_related("author__profile", "room").get(pk=content.pk)
        publish_released_message(message)
    _tell_writer(writer=writer, moderator=moderator, content=content, text=text)
    return content


def _hide(*, moderator, content, writer):
    content = _locked_content(content)
    name = content_name(content)
    if isinstance(content, Profile):
        # A profile has no status: hiding keeps its free text from other members.
        content.text_held = True
        _save(content, "text_held")
        text = "A moderator has hidden some of the writing on your profile from other members."
    else:
        if content.status == ContentStatus.HIDDEN:
            raise ModerationError(f"This {name} is already hidden.")
        if content.status == ContentStatus.DELETED:
            raise ModerationError(f"Its writer deleted this {name}, so there is nothing to hide.")
        was_held = content.status == ContentStatus.HELD
        content.status = ContentStatus.HIDDEN
        _save(content, "status")
        if isinstance(content, Post) and was_held:
            _set_thread_status(
                content, from_status=ContentStatus.HELD, to_status=ContentStatus.HIDDEN
            )
        text = (
            f"A moderator has hidden your {name} from other members. If you'd like to talk "
            "about it, you can reply to a message from our moderators."
        )
    _tell_writer(writer=writer, moderator=moderator, content=content, text=text)
    return content


@transaction.atomic
def approve_alert_content(*, moderator, alert: SafetyAlert):
    """The held content is fine to show: show it, and tell its writer (without quoting)."""
    alert = _locked(alert)
    _check_claimed_by(alert, moderator)
    content = _approve(moderator=moderator, content=alert.content, writer=alert.member)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.APPROVE,
        alert=alert,
        member=alert.member,
        data=_content_data(content),
    )
    return content


@transaction.atomic
def hide_alert_content(*, moderator, alert: SafetyAlert, reason: str):
    alert = _locked(alert)
    _check_claimed_by(alert, moderator)
    if isinstance(alert.content, Profile) and is_hidden(alert, alert.content):
        raise ModerationError("The writing on this profile is already hidden.")
    content = _hide(moderator=moderator, content=alert.content, writer=alert.member)
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.HIDE,
        alert=alert,
        member=alert.member,
        reason=reason,
        data=_content_data(content),
    )
    return content


@transaction.atomic
def hide_reported_content(*, moderator, report: Report, reason: str):
    report = _locked(report)
    _check_claimed_by(report, moderator)
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
        data=_content_data(content),
    )
    return content


# ---- Editing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EditableField:
    name: str
    label: str
    purpose: TextPurpose
    max_length: int
    markdown: bool = True

    @property
    def html_field(self) -> str:
        return "body_html" if self.name == "body" else f"{self.name}_html"


EDITABLE_FIELDS = {
    Post: [EditableField("body", "Post", TextPurpose.POST, POST_MAX_LENGTH)],
    Message: [EditableField("body", "Message", TextPurpose.MESSAGE, MESSAGE_MAX_LENGTH)],
    CopingStrategy: [
        EditableField("title", "Title", TextPurpose.TITLE, TITLE_MAX_LENGTH, markdown=False),
        EditableField(
            "what_it_is",
            "What it is",
            TextPurpose.COPING_STRATEGY,
            CopingStrategy._meta.get_field("what_it_is").max_length,
        ),
        EditableField(
            "when_it_helps",
            "When it helps",
            TextPurpose.COPING_STRATEGY,
            CopingStrategy._meta.get_field("when_it_helps").max_length,
        ),
    ],
    CopingComment: [
        EditableField(
            "body",
            "Comment",
            TextPurpose.COMMENT,
            CopingComment._meta.get_field("body").max_length,
        )
    ],
}


def editable_fields(content) -> list[EditableField]:
    """The fields a moderator may rewrite; none for a profile (approve or hide it)."""
    return EDITABLE_FIELDS.get(type(content), [])


def keeps_revision(content) -> bool:
    return isinstance(content, Post | CopingStrategy)


def _keep_revision(content, moderator) -> None:
    if isinstance(content, Post):
        PostRevision.objects.create(
            post=content,
            body=content.body,
            content_warning=content.content_warning,
            edited_by=moderator,
        )
    elif isinstance(content, CopingStrategy):
        CopingStrategyRevision.objects.create(
            strategy=content,
            title=content.title,
            what_it_is=content.what_it_is,
            when_it_helps=content.when_it_helps,
            edited_by=moderator,
        )
    # Messages and comments have no revision table: the history records that it changed.


@transaction.atomic
def edit_alert_content(*, moderator, alert: SafetyAlert, changes: dict[str, str], reason: str):
    """Rewrite the flagged content (the moderator's text goes through the same checks and
    limits as a member's). Raises ValidationError on a field, or ModerationError."""
    alert = _locked(alert)
    _check_claimed_by(alert, moderator)
    content = _locked_content(alert.content)
    fields = editable_fields(content)
    name = content_name(content)
    if not fields:
        raise ModerationError(f"A {name} can't be edited here: approve it or hide it instead.")
    if getattr(content, "status", None) == ContentStatus.DELETED:
        raise ModerationError(f"Its writer deleted this {name}, so it can't be edited.")
    prepared = {
        field.name: prepare_member_field(
            field.name,
            text=changes.get(field.name, ""),
            author=moderator,
            purpose=field.purpose,
            max_length=field.max_length,
            markdown=field.markdown,
        )
        for field in fields
    }
    if all(prepared[field.name].source == getattr(content, field.name) for field in fields):
        raise ModerationError(f"The {name} is the same as before: change it, or go back.")
    _keep_revision(content, moderator)
    updated = []
    for field in fields:
        setattr(content, field.name, prepared[field.name].source)
        updated.append(field.name)
        if field.markdown:
            setattr(content, field.html_field, prepared[field.name].html)
            updated.append(field.html_field)
    if hasattr(content, "edited_at"):
        content.edited_at = timezone.now()
        updated.append("edited_at")
    _save(content, *updated)
    _tell_writer(
        writer=alert.member,
        moderator=moderator,
        content=content,
        text=f"A moderator has edited your {name}.",
    )
    record_moderation(
        moderator=moderator,
        kind=ModerationActionKind.EDIT,
        alert=alert,
        member=alert.member,
        reason=reason,
        data={**_content_data(content), "fields": [field.name for field in fields]},
    )
    return content


# ---- Resolving --------------------------------------------------------------------------


def _resolve(item, *, moderator, note: str) -> None:
    item.status = AlertStatus.RESOLVED
    item.resolved_by = moderator
    item.resolved_at = timezone.now()
    item.resolution_note = note
    item.save(
        update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"]
    )
    record_moderation(
        moderator=moderator, kind=ModerationActionKind.RESOLVE, reason=note, **_item_kwargs(item)
    )


@transaction.atomic
def resolve_alert(*, moderator, alert: SafetyAlert, note: str) -> SafetyAlert:
    """Close the alert with a note. Held content must be approved or hidden first, so that
    nothing is left waiting unseen."""
    alert = _locked(alert)
    _check_claimed_by(alert, moderator)
    content = alert.content
    if awaits_decision(alert, content):
        name = content_name(content)
        raise ModerationError(
            f"This {name} is still held. Approve it or hide it before resolving the alert."
        )
    _resolve(alert, moderator=moderator, note=note)
    return alert


@transaction.atomic
def resolve_report(*, moderator, report: Report, note: str) -> Report:
    """Close the report with a note, and thank whoever made it (no details: what was done
    about someone else is not theirs to know)."""
    report = _locked(report)
    _check_claimed_by(report, moderator)
    _resolve(report, moderator=moderator, note=note)
    if report.reporter is not None:
        notify(
            user=report.reporter,
            kind=NotificationKind.MODERATION,
            text="Thank you for your report. A moderator has looked into it.",
            url=reverse("community:notifications"),
            actor=moderator,
        )
    return report
