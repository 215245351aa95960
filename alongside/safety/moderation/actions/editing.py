"""A moderator rewriting flagged content. Their text goes through the same checks and
limits as a member's; posts and coping strategies keep what they said before."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alongside.community.choices import ContentStatus
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
)
from alongside.community.text import TextPurpose, prepare_member_field
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import SafetyAlert
from alongside.safety.moderation.actions.common import (
    ModerationError,
    check_claimed_by,
    content_data,
    content_name,
    locked_content,
    locked_item,
    save_content,
    tell_writer,
)
from alongside.safety.moderation.record import record_moderation


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


@transaction.atomic
def edit_alert_content(*, moderator, alert: SafetyAlert, changes: dict[str, str], reason: str):
    """Rewrite the flagged content (the moderator's text goes through the same checks and
    limits as a member's). Raises ValidationError on a field, or ModerationError."""
    alert = locked_item(alert)
    check_claimed_by(alert, moderator)
    content = locked_content(alert.content)
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
    save_content(content, *updated)
    tell_writer(
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
        data={**content_data(content), "fields": [field.name for field in fields]},
    )
    return content
