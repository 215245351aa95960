"""What the moderation actions share: the refusal they raise, how content is named, and
the locks and checks every action starts with (the item locked with select_for_update,
then: is it still open, and is it claimed by this moderator?)."""

from alongside.accounts.models import Profile
from alongside.common.audit import record_audit
from alongside.community.choices import ContentStatus, NotificationKind, RoomKind
from alongside.community.models import (
    CopingComment,
    CopingStrategy,
    Message,
    Post,
)
from alongside.community.notifications import notify
from alongside.matching.models import (
    CheckIn,
    MatchFeedback,
    MatchReflection,
    SupporterProfile,
    SupportRequest,
)
from alongside.safety.choices import AlertStatus, ModerationActionKind
from alongside.safety.models import SafetyAlert
from alongside.safety.moderation.queue import content_url_for_writer


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
    SupportRequest: "request for support",
    SupporterProfile: "supporter application",
    CheckIn: "check-in note",
    MatchFeedback: "feedback",
    MatchReflection: "reflection",
}
# Content with no status whose free text is held with a flag (`text_held`) instead.
HELD_BY_FLAG = (Profile, SupportRequest, SupporterProfile)
# Writing inside a match, private to the match and coordinators: never held or hidden.
PRIVATE_MATCH_WRITING = (CheckIn, MatchFeedback, MatchReflection)


def content_name(content) -> str:
    return CONTENT_NAMES.get(type(content), "content")


def name_of(user) -> str:
    return user.profile.display_name if user is not None else "a moderator"


def content_data(content) -> dict:
    """For the audit log: what the content is, never what it says."""
    return {"content_type": content._meta.label_lower, "content_id": content.pk}


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


def noun(item) -> str:
    return "alert" if isinstance(item, SafetyAlert) else "report"


def locked_item(item):
    """The item again, locked for this transaction, with its claimer's name at hand."""
    return (
        type(item)
        .objects.select_for_update(of=("self",))
        .select_related("claimed_by__profile", "resolved_by__profile")
        .get(pk=item.pk)
    )


def check_not_resolved(item) -> None:
    if item.status == AlertStatus.RESOLVED:
        raise ModerationError(
            f"This {noun(item)} was already resolved by {name_of(item.resolved_by)}."
        )


def check_claimed_by(item, moderator) -> None:
    """Acting on an item needs it claimed by you, so that nobody else works on it too."""
    check_not_resolved(item)
    if item.claimed_by_id is None:
        raise ModerationError(f"Claim this {noun(item)} first, so that nobody else takes it too.")
    if item.claimed_by_id != moderator.pk:
        raise ModerationError(
            f"{name_of(item.claimed_by)} has claimed this {noun(item)}. "
            "Ask them, or wait until they release it."
        )


def item_kwargs(item) -> dict:
    if isinstance(item, SafetyAlert):
        return {"alert": item, "member": item.member}
    return {"report": item, "member": item.reported_member}


def locked_content(content):
    return type(content).objects.select_for_update(of=("self",)).get(pk=content.pk)


def save_content(content, *fields: str) -> None:
    if hasattr(content, "updated_at"):
        fields = (*fields, "updated_at")
    content.save(update_fields=list(fields))


def is_held(content) -> bool:
    if isinstance(content, HELD_BY_FLAG):
        return content.text_held
    if isinstance(content, PRIVATE_MATCH_WRITING):
        return False
    return content.status == ContentStatus.HELD


def awaits_decision(alert: SafetyAlert, content) -> bool:
    """Held, and nobody has decided yet. (A hidden profile stays held: its hide action is
    the decision.)"""
    if not is_held(content):
        return False
    return not alert.actions.filter(kind=ModerationActionKind.HIDE).exists()


def is_hidden(alert: SafetyAlert, content) -> bool:
    if isinstance(content, HELD_BY_FLAG):
        return content.text_held and not awaits_decision(alert, content)
    if isinstance(content, PRIVATE_MATCH_WRITING):
        return False
    return content.status == ContentStatus.HIDDEN


def content_state(alert: SafetyAlert, content) -> str:
    """The content's state for a moderator: hidden, held, or its own status (visible, for
    content that has none)."""
    if is_hidden(alert, content):
        return "hidden"
    if isinstance(content, HELD_BY_FLAG):
        return "held" if content.text_held else "visible"
    if isinstance(content, PRIVATE_MATCH_WRITING):
        return "visible"
    return content.status


def tell_writer(*, writer, moderator, content, text: str) -> None:
    if writer is not None:
        notify(
            user=writer,
            kind=NotificationKind.MODERATION,
            text=text,
            url=content_url_for_writer(content),
            actor=moderator,
        )
