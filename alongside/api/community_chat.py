"""/community: chat rooms. For resync and history (the websocket is the live path: see
docs/realtime.md); sending here goes through the same permission and action, and the
message is broadcast to the room's websocket clients too."""

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from alongside.api.errors import FormErrors
from alongside.api.schemas import ERRORS, SAFETY_FIELD_DESCRIPTION, ErrorOut, SafetyOut
from alongside.community.actions.chat import mark_room_read, send_message
from alongside.community.choices import ContentStatus
from alongside.community.errors import ChatRateLimited, CommunityActionError
from alongside.community.forms_chat import SendMessageForm
from alongside.community.permissions.rooms import (
    access_room_by_id,
    check_send_message_permission,
    send_refusal,
)
from alongside.community.realtime import message_payload
from alongside.community.selectors.chat import (
    latest_message_id,
    messages_after,
    messages_before,
    room_title,
)
from alongside.community.selectors.protections import protections_for
from alongside.safety.support import writer_support

router = Router(tags=["community: chat"])
MAX_LIMIT = 200


class RoomOut(Schema):
    id: int
    kind: str
    title: str
    latest_id: int = Field(description="The newest visible message's id (0 if none).")
    ws_path: str = Field(description="Connect here for live messages (see docs/realtime.md).")
    can_send: bool
    send_refusal: str = Field(description="Why you can't write here, if you can't.")


class AuthorOut(Schema):
    id: int | None
    name: str


class MessageOut(Schema):
    id: int
    room: int
    author: AuthorOut
    body_html: str = Field(description="Sanitised HTML.")
    created_at: str
    client_id: str
    collapsed: str = Field(
        description='Why it is shown collapsed to you ("" if it isn\'t): you blocked '
        "its author, or it contains a word you muted."
    )
    held: bool = Field(
        False,
        description="Only ever true on your own messages: waiting for a moderator, and "
        "nobody else can see it. Show it to its writer marked as waiting.",
    )


class MessagePageOut(Schema):
    messages: list[MessageOut] = Field(description="Oldest first.")
    has_more: bool = Field(
        description="With `after`: newer messages remain. Otherwise: older ones do."
    )


class SendIn(Schema):
    body: str = Field(max_length=100_000)
    client_id: str = Field("", max_length=64, description="Makes retries store one message.")


class SentOut(Schema):
    message: MessageOut
    held: bool = Field(description="Waiting for a moderator before others see it.")
    safety: SafetyOut | None = Field(description=SAFETY_FIELD_DESCRIPTION)


class ReadIn(Schema):
    up_to: int = Field(ge=0, description="The newest message id you have read.")


def _message_out(message, protections) -> dict:
    payload = message_payload(message)
    payload["collapsed"] = protections.collapse_reason(
        author_id=message.author_id, text=message.body
    )
    payload["held"] = message.status == ContentStatus.HELD
    return payload


@router.get(
    "/rooms/{room_id}",
    response={200: RoomOut, **ERRORS},
    summary="A chat room",
    description="404 for a room you can't read, as for one that doesn't exist.",
)
def get_room(request, room_id: int):
    room = access_room_by_id(user=request.auth, room_id=room_id)
    refusal = send_refusal(request.auth, room)
    return {
        "id": room.pk,
        "kind": room.kind,
        "title": room_title(room),
        "latest_id": latest_message_id(room),
        "ws_path": f"/ws/rooms/{room.pk}/",
        "can_send": not refusal,
        "send_refusal": refusal,
    }


@router.get(
    "/rooms/{room_id}/messages",
    response={200: MessagePageOut, **ERRORS},
    summary="A room's messages",
    description="With `after`: messages newer than that id (to catch up after a dropped "
    "connection). With `before`: older ones (history). With neither: the newest. Always "
    "oldest first, at most `limit` (1 to 200). Your own messages waiting for a moderator "
    "are included, marked `held`; nobody else's are.",
)
def list_messages(
    request, room_id: int, after: int | None = None, before: int | None = None, limit: int = 50
):
    room = access_room_by_id(user=request.auth, room_id=room_id)
    errors = {}
    if not 1 <= limit <= MAX_LIMIT:
        errors["limit"] = [f"Give a limit from 1 to {MAX_LIMIT}."]
    if after is not None and before is not None:
        errors["after"] = ["Give either after or before, not both."]
    for name, value in (("after", after), ("before", before)):
        if value is not None and value < 0:
            errors[name] = ["Give a message id of 0 or more."]
    if errors:
        raise FormErrors.from_messages(errors)
    if after is not None:
        found = messages_after(room, after=after, limit=limit + 1, viewer=request.auth)
        messages, has_more = found[:limit], len(found) > limit
    else:
        page = messages_before(room, before=before, limit=limit, viewer=request.auth)
        messages, has_more = page.messages, page.has_older
    protections = protections_for(request.auth)
    return {"messages": [_message_out(m, protections) for m in messages], "has_more": has_more}


@router.post(
    "/rooms/{room_id}/messages",
    response={201: SentOut, **ERRORS, 429: ErrorOut},
    summary="Send a message",
    description="Stored, then broadcast to everyone connected to the room. Sending the same "
    "`client_id` again returns the message already stored. Every message is risk-checked: "
    "`safety` is null, or support to show the writer at once; an urgent message is `held` "
    "for a moderator and not broadcast. 403 when you may read but not write (for example, "
    "a space's guidelines not yet accepted, or a moderator has paused your posting); 429 "
    "when sending too fast.",
)
def post_message(request, room_id: int, payload: SendIn):
    room = access_room_by_id(user=request.auth, room_id=room_id)
    form = SendMessageForm(payload.dict())
    if not form.is_valid():
        raise FormErrors(form)
    check_send_message_permission(request.auth, room)
    try:
        message = send_message(
            room=room,
            author=request.auth,
            body=form.cleaned_data["body"],
            client_id=form.cleaned_data["client_id"],
        )
    except ChatRateLimited as error:
        raise HttpError(429, " ".join(error.messages)) from error
    except CommunityActionError as error:  # a moderator has paused their posting
        raise HttpError(403, " ".join(error.messages)) from error
    except ValidationError as error:
        raise FormErrors.from_messages({"body": error.messages}) from error
    held = message.status != ContentStatus.VISIBLE
    support = writer_support(user=request.auth, risk=message.risk, held=held)
    return Status(
        201,
        {
            "message": _message_out(message, protections_for(request.auth)),
            "held": held,
            "safety": support.as_dict() if support else None,
        },
    )


@router.post(
    "/rooms/{room_id}/read",
    response={204: None, **ERRORS},
    summary="Mark messages read",
    description="Moves your read marker forward (never back) to `up_to`.",
)
def mark_read(request, room_id: int, payload: ReadIn):
    room = access_room_by_id(user=request.auth, room_id=room_id)
    mark_room_read(room=room, user=request.auth, up_to=min(payload.up_to, latest_message_id(room)))
    return Status(204, None)
