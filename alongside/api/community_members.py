"""/community: between members. Settings, blocks, 1:1 conversations, reports and
notifications. Input is checked by the same forms as the pages; actions make every change."""

from datetime import datetime
from typing import Literal

from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from alongside.api.errors import FormErrors
from alongside.api.refusals import refusals_as_conflicts
from alongside.api.schemas import ERRORS, REFUSED
from alongside.community.actions import protection
from alongside.community.actions.conversations import start_conversation
from alongside.community.actions.notifications import (
    mark_all_notifications_read,
    mark_notification_read,
)
from alongside.community.actions.protection import BREAK_LENGTHS
from alongside.community.choices import ContentStatus, DigestFrequency
from alongside.community.forms_members import CommunitySettingsForm
from alongside.community.permissions.members import (
    access_conversation_by_id,
    access_member_by_id,
    access_notification_by_id,
    access_reportable_by_id,
    check_block_member_permission,
)
from alongside.community.permissions.rooms import check_message_member_permission
from alongside.community.realtime import message_payload
from alongside.community.selectors.conversations import (
    conversation_messages,
    conversations_for,
    seen_by_other,
    unread_in_conversation,
)
from alongside.community.selectors.notifications import notifications_for
from alongside.community.selectors.protections import blocked_members, protections_for, settings_for
from alongside.safety.actions import report_content
from alongside.safety.choices import ReportTarget
from alongside.safety.forms import ReportForm

router = Router(tags=["community: members"])


# ---- Schemas ----------------------------------------------------------------------------


class SettingsOut(Schema):
    allow_direct_messages: bool
    muted_words: list[str]
    email_digest: DigestFrequency
    break_until: datetime | None = Field(description="While on a break, when it ends.")


class SettingsPatch(Schema):
    """Only the fields you send are changed. `break_for` starts a break ("none" ends it)."""

    model_config = ConfigDict(extra="forbid")

    allow_direct_messages: bool | None = None
    muted_words: list[str] | None = Field(None, description="Up to 50, each up to 40 characters.")
    email_digest: DigestFrequency | None = None
    break_for: Literal["1d", "3d", "1w", "2w", "1m", "none"] | None = None


class MemberOut(Schema):
    id: int
    display_name: str


class BlockIn(Schema):
    model_config = ConfigDict(extra="forbid")
    member_id: int


class ConversationOut(Schema):
    id: int
    kind: str
    other_member: MemberOut
    last_message_at: datetime | None
    unread: int


class MessageAuthorOut(Schema):
    id: int | None
    name: str


class MessageOut(Schema):
    id: int
    room: int
    author: MessageAuthorOut
    body_html: str
    created_at: str
    client_id: str
    collapsed: str = Field(description='Why it is folded away for you ("" if it isn\'t).')
    held: bool = Field(
        False,
        description="Only ever true on your own messages: waiting for a moderator, and the "
        "other member can't see it. Show it to its writer marked as waiting.",
    )


class ConversationDetailOut(ConversationOut):
    room: int
    messages: list[MessageOut] = Field(description="Up to 50, oldest first.")
    seen_message_id: int | None = Field(
        description="Your newest message here that the other member has read."
    )


class ConversationIn(Schema):
    model_config = ConfigDict(extra="forbid")
    with_member_id: int


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")
    target: ReportTarget
    object_id: int
    reason: str = Field(description="One of the report reasons, e.g. worried, unkind, spam.")
    details: str = Field("", max_length=5000, description="Up to 2,000 characters.")


class ReportOut(Schema):
    id: int
    target: str
    reason: str
    status: str


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class ReadAllOut(Schema):
    marked: int


# ---- Settings ---------------------------------------------------------------------------


def _settings_out(user) -> dict:
    row = settings_for(user)
    on_break = protections_for(user).is_on_break
    return {
        "allow_direct_messages": row.allow_direct_messages,
        "muted_words": list(row.muted_words or []),
        "email_digest": row.email_digest,
        "break_until": row.break_until if on_break else None,
    }


@router.get("/settings", response={200: SettingsOut, **ERRORS}, summary="Your community settings")
def read_settings(request):
    return _settings_out(request.auth)


@router.patch(
    "/settings",
    response={200: SettingsOut, **ERRORS},
    summary="Change your community settings",
    description="Validated as on the settings page. New members don't accept direct messages "
    "until they turn them on.",
)
def update_settings(request, payload: SettingsPatch):
    user = request.auth
    changes = payload.model_dump(exclude_unset=True)
    break_for = changes.pop("break_for", None)
    data = {**CommunitySettingsForm.initial_for(settings_for(user))}
    if "muted_words" in changes:
        data["muted_words"] = "\n".join(str(word) for word in changes.pop("muted_words") or [])
    data.update({key: value for key, value in changes.items() if value is not None})
    if not data["allow_direct_messages"]:
        data.pop("allow_direct_messages")  # an unticked box is an absent one
    form = CommunitySettingsForm(data)
    if not form.is_valid():
        raise FormErrors(form)
    protection.update_community_settings(actor=user, **form.cleaned_data)
    if break_for == "none":
        protection.end_break(actor=user)
    elif break_for in BREAK_LENGTHS:
        protection.take_break(actor=user, length=break_for)
    return _settings_out(user)


# ---- Blocks -----------------------------------------------------------------------------


def _member_out(user) -> dict:
    return {"id": user.pk, "display_name": user.profile.display_name}


@router.get("/blocks", response={200: list[MemberOut], **ERRORS}, summary="Members you blocked")
def list_blocks(request):
    return [_member_out(member) for member in blocked_members(request.auth)]


@router.post(
    "/blocks",
    response={201: MemberOut, **ERRORS},
    summary="Block a member",
    description="They aren't told. Blocking someone already blocked changes nothing.",
)
def create_block(request, payload: BlockIn):
    member = access_member_by_id(user=request.auth, member_id=payload.member_id)
    check_block_member_permission(request.auth, member)
    protection.block_member(actor=request.auth, member=member)
    return Status(201, _member_out(member))


@router.delete("/blocks/{user_id}", response={204: None, **ERRORS}, summary="Unblock a member")
def delete_block(request, user_id: int):
    member = access_member_by_id(user=request.auth, member_id=user_id)
    protection.unblock_member(actor=request.auth, member=member)
    return Status(204, None)


# ---- Conversations ----------------------------------------------------------------------


def _conversation_out(conversation, user, unread: int = 0) -> dict:
    other = (
        conversation.second_user
        if conversation.first_user_id == user.pk
        else conversation.first_user
    )
    return {
        "id": conversation.pk,
        "kind": conversation.kind,
        "other_member": _member_out(other),
        "last_message_at": conversation.last_message_at,
        "unread": getattr(conversation, "unread", unread),
    }


@router.get(
    "/conversations",
    response={200: list[ConversationOut], **ERRORS},
    summary="Your 1:1 conversations",
    description="Newest first, with how many of the other member's messages you haven't read.",
)
def list_conversations(request):
    user = request.auth
    return [_conversation_out(item, user) for item in conversations_for(user=user)]


@router.post(
    "/conversations",
    response={201: ConversationOut, **ERRORS},
    summary="Start (or find) a conversation with a member",
    description="Both of you must allow direct messages, and neither may have blocked the "
    "other (403 with the reason otherwise).",
)
def create_conversation(request, payload: ConversationIn):
    member = access_member_by_id(user=request.auth, member_id=payload.with_member_id)
    check_message_member_permission(request.auth, member.pk)
    conversation = start_conversation(actor=request.auth, other=member)
    return Status(201, _conversation_out(conversation, request.auth))


@router.get(
    "/conversations/{conversation_id}",
    response={200: ConversationDetailOut, **ERRORS},
    summary="One conversation and its newest messages",
    description="404 unless you are one of its two members. `before` pages back by message "
    "id. Reading doesn't move your read marker; the websocket's read frame does. Your own "
    "messages waiting for a moderator are included, marked `held`; the other member's are "
    "not. Send with POST /community/rooms/{room}/messages.",
)
def read_conversation(request, conversation_id: int, before: int | None = None):
    user = request.auth
    conversation = access_conversation_by_id(user=user, conversation_id=conversation_id)
    shown = conversation_messages(conversation=conversation, before=before, viewer=user)
    protections = protections_for(user)
    messages = [
        {
            **message_payload(message),
            "collapsed": protections.collapse_reason(
                author_id=message.author_id, text=message.body
            ),
            "held": message.status == ContentStatus.HELD,
        }
        for message in shown
    ]
    unread = unread_in_conversation(conversation=conversation, user=user)
    return {
        **_conversation_out(conversation, user, unread),
        "room": conversation.room_id,
        "messages": messages,
        "seen_message_id": seen_by_other(conversation=conversation, user=user, messages=shown),
    }


# ---- Reports ----------------------------------------------------------------------------


@router.post(
    "/reports",
    response={201: ReportOut, **ERRORS, **REFUSED},
    summary="Report a post, message, coping strategy, comment or member",
    description="Only what you can see can be reported (404 otherwise). 409 if your earlier "
    "report of the same thing is still open, or after too many reports in an hour.",
)
def create_report(request, payload: ReportIn):
    thing = access_reportable_by_id(
        user=request.auth, target=payload.target, object_id=payload.object_id
    )
    form = ReportForm({"reason": payload.reason, "details": payload.details})
    if not form.is_valid():
        raise FormErrors(form)
    with refusals_as_conflicts():
        report = report_content(
            reporter=request.auth,
            target=payload.target,
            thing=thing,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
    return Status(
        201,
        {"id": report.pk, "target": report.target, "reason": report.reason, "status": "open"},
    )


# ---- Notifications ----------------------------------------------------------------------


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **ERRORS},
    summary="Your notifications",
    description="Newest first, up to 50. `unread=1` for unread ones only. Empty while you're "
    "on a break (they are kept).",
)
def list_notifications(request, unread: bool = False):
    user = request.auth
    if protections_for(user).is_on_break:
        return []
    return notifications_for(user=user, unread_only=unread)


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **ERRORS},
    summary="Mark one notification as read",
)
def read_notification(request, notification_id: int):
    notification = access_notification_by_id(user=request.auth, notification_id=notification_id)
    return mark_notification_read(user=request.auth, notification=notification)


@router.post(
    "/notifications/read-all",
    response={200: ReadAllOut, **ERRORS},
    summary="Mark all your notifications as read",
)
def read_all_notifications(request):
    return {"marked": mark_all_notifications_read(user=request.auth)}
