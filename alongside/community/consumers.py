"""The chat room websocket: /ws/rooms/<room_id>/. Protocol: docs/realtime.md.

The consumer parses frames, authorises and calls the same permissions, actions and
selectors as the pages and the API (through the functions in consumer_db, each run with
database_sync_to_async: no ORM here). Nothing a client sends may close the socket or
raise: bad frames are answered with an error frame."""

import asyncio
import html
import json
import logging
import time
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.html import strip_tags

from alongside.community import consumer_db as db
from alongside.community.consumer_db import error_frame
from alongside.community.forms_chat import SendMessageForm
from alongside.community.selectors.chat import RESUME_BATCH

logger = logging.getLogger(__name__)

MAX_FRAME_CHARACTERS = 16 * 1024
# Frames of any kind per connection: a burst of FRAME_BURST, then FRAME_RATE a second.
FRAME_BURST = 120
FRAME_RATE = 20.0
# "Who is here now": at most one broadcast per room per worker in this many seconds.
PRESENCE_EVERY = 1.0
# Close code for a member who may no longer read the room (left or removed from the group).
NO_LONGER_ALLOWED = 4403
TYPING_EVERY_SECONDS = 2.0
# Ids delivered on this connection, so that a resume racing a broadcast never repeats one.
RECENT_IDS_KEPT = 1000

MALFORMED = "That message couldn't be understood, so it was ignored."
TOO_BIG = "That message is too long to send. Please shorten it to 4,000 characters or fewer."
SERVER_ERROR = "Something went wrong on our side. Please try sending that again."
TOO_FAST = "That's a lot very quickly, so some of it was ignored. Please slow down."


# ---- "Who is here now" ----------------------------------------------------------------------


# Rooms with a "who is here now" broadcast already scheduled by this worker process.
_presence_broadcasts: dict[int, asyncio.Task] = {}


def schedule_presence_broadcast(room, channel_layer) -> None:
    """Tell the room who is here, once, PRESENCE_EVERY seconds from now. Joins and leaves
    in between share that one broadcast: a room filling up with N members costs about N
    welcome lists and a broadcast a second, not N broadcasts of N names to N members."""
    loop = asyncio.get_running_loop()
    pending = _presence_broadcasts.get(room.pk)
    if pending is not None and not pending.done() and pending.get_loop() is loop:
        return
    _presence_broadcasts[room.pk] = loop.create_task(_broadcast_presence_soon(room, channel_layer))


async def _broadcast_presence_soon(room, channel_layer) -> None:
    try:
        await asyncio.sleep(PRESENCE_EVERY)
        # Let the next join or leave schedule another broadcast from here on, so that
        # none is missed while this one reads the database.
        _presence_broadcasts.pop(room.pk, None)
        present = await database_sync_to_async(db.present)(room)
        await channel_layer.group_send(room.channel_group, {"type": "chat.presence", **present})
    except Exception:  # presence is a courtesy: never let it break anything else
        logger.exception("Presence broadcast failed for room %s", room.pk)


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


# ---- The consumer ---------------------------------------------------------------------


class RoomConsumer(AsyncWebsocketConsumer):
    room = None
    shut = False

    async def connect(self):
        self.user = self.scope.get("user")
        room_id = self.scope["url_route"]["kwargs"]["room_id"]
        self.room, self.protections, self.me = await database_sync_to_async(db.open_room)(
            self.user, room_id
        )
        if self.room is None:
            # Refused before accept (HTTP 403), exactly as for a room that doesn't exist.
            await self.close()
            return
        self.group = self.room.channel_group
        self.delivered_max = 0
        self.recent_ids: deque[int] = deque(maxlen=RECENT_IDS_KEPT)
        self.recent_set: set[int] = set()
        self.last_typing = 0.0
        self.allowance, self.allowance_at = float(FRAME_BURST), time.monotonic()
        await self.channel_layer.group_add(self.group, self.channel_name)
        latest_id, present = await database_sync_to_async(db.join)(
            self.room, self.user, self.channel_name
        )
        await self.accept()
        await self.send_frame(
            {
                "type": "welcome",
                "room": self.room.pk,
                "you": self.me,
                "latest_id": latest_id,
                "present": self.visible_present(present["present"]),
                "more": present["more"],
            }
        )
        schedule_presence_broadcast(self.room, self.channel_layer)

    async def disconnect(self, code):
        if self.room is None:
            return
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await database_sync_to_async(db.leave)(self.channel_name)
            schedule_presence_broadcast(self.room, self.channel_layer)
        except Exception:  # the row goes stale and is swept; nothing else to do
            logger.exception("Chat disconnect cleanup failed for room %s", self.room.pk)

    # ---- Frames from the client ---------------------------------------------------------

    def take_frame_allowance(self) -> bool:
        """A token bucket over every frame, so no kind of frame can flood the database."""
        now = time.monotonic()
        self.allowance = min(FRAME_BURST, self.allowance + (now - self.allowance_at) * FRAME_RATE)
        self.allowance_at = now
        if self.allowance < 1:
            return False
        self.allowance -= 1
        return True

    async def receive(self, text_data=None, bytes_data=None):
        if not self.take_frame_allowance():
            await self.send_frame(error_frame("rate_limited", TOO_FAST))
            return
        if isinstance(text_data, str) and len(text_data) > MAX_FRAME_CHARACTERS:
            await self.send_frame(error_frame("malformed", TOO_BIG))
            return
        frame = self.parse(text_data)
        if frame is None:
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        handler = {
            "resume": self.on_resume,
            "send": self.on_send,
            "typing": self.on_typing,
            "read": self.on_read,
            "ping": self.on_ping,
        }.get(frame.get("type"))
        if handler is None:
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        try:
            await handler(frame)
        except Exception:
            logger.exception("Chat frame %r failed in room %s", frame.get("type"), self.room.pk)
            await self.send_frame(error_frame("server_error", SERVER_ERROR))

    @staticmethod
    def parse(text_data) -> dict | None:
        if not isinstance(text_data, str) or len(text_data) > MAX_FRAME_CHARACTERS:
            return None
        try:
            frame = json.loads(text_data)
        except ValueError:  # includes JSONDecodeError and absurdly nested input
            return None
        except RecursionError:
            return None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return None
        return frame

    async def on_resume(self, frame):
        after = frame.get("after", 0)
        if not _is_id(after):
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        payloads = await database_sync_to_async(db.messages_after_for)(self.user, self.room, after)
        if payloads is None:
            await self.shut_out()
            return
        for payload in payloads:
            await self.deliver(payload)
        latest = payloads[-1]["id"] if payloads else max(after, self.delivered_max)
        await self.send_frame(
            {"type": "resumed", "latest_id": latest, "more": len(payloads) >= RESUME_BATCH}
        )

    async def on_send(self, frame):
        body, client_id = frame.get("body"), frame.get("client_id", "")
        if not isinstance(body, str) or not isinstance(client_id, str):
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        form = SendMessageForm({"body": body, "client_id": client_id})
        if not form.is_valid():  # only the client id can be wrong here; the text is the action's
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        frames, own_held = await database_sync_to_async(db.send)(
            self.user, self.room.pk, body, client_id
        )
        if own_held is not None:
            await self.deliver(own_held)
        for reply in frames:
            await self.send_frame(reply)

    async def on_typing(self, frame):
        now = time.monotonic()
        if now - self.last_typing < TYPING_EVERY_SECONDS:
            return
        self.last_typing = now
        await self.channel_layer.group_send(
            self.group,
            {
                "type": "chat.typing",
                "user": self.me,
                "sender": self.channel_name,
            },
        )

    async def on_read(self, frame):
        up_to = frame.get("up_to")
        if not _is_id(up_to):
            await self.send_frame(error_frame("malformed", MALFORMED))
            return
        if not await database_sync_to_async(db.mark_read)(self.room, self.user, up_to):
            await self.shut_out()

    async def on_ping(self, frame):
        protections = await database_sync_to_async(db.heartbeat)(
            self.user, self.room, self.channel_name
        )
        if protections is None:  # no longer allowed in (e.g. left the group)
            await self.shut_out()
            return
        self.protections = protections
        await self.send_frame({"type": "pong"})

    # ---- Events from the channel layer ----------------------------------------------------

    async def chat_message(self, event):
        await self.deliver(event["message"], frame=event.get("frame"))

    async def chat_revoke(self, event):
        """The member left or was removed from the room's group: close at once, so that
        not one more message reaches them."""
        if event["user_id"] == self.user.pk:
            await self.shut_out()

    async def chat_typing(self, event):
        user = event["user"]
        if event.get("sender") == self.channel_name or user["id"] == self.user.pk:
            return
        if self.protections.hides_presence_of(user["id"]):
            return
        await self.send_frame({"type": "typing", "user": user})

    async def chat_presence(self, event):
        await self.send_frame(
            {
                "type": "presence",
                "present": self.visible_present(event["present"]),
                "more": event.get("more", 0),
            }
        )

    # ---- Helpers --------------------------------------------------------------------------

    def visible_present(self, present: list[dict]) -> list[dict]:
        return [
            person for person in present if not self.protections.hides_presence_of(person["id"])
        ]

    def already_delivered(self, message_id: int) -> bool:
        if message_id in self.recent_set:
            return True
        # Older than everything remembered, and not newer than what was sent: seen before.
        oldest_remembered = self.recent_ids[0] if self.recent_ids else 0
        return len(self.recent_ids) == RECENT_IDS_KEPT and message_id < oldest_remembered

    async def deliver(self, payload: dict, frame: str | None = None):
        """Send one message to this client once, collapsed if the member asked for that.
        `frame` is the message already serialised uncollapsed, as most members get it."""
        message_id = payload["id"]
        if self.already_delivered(message_id):
            return
        if len(self.recent_ids) == RECENT_IDS_KEPT:
            self.recent_set.discard(self.recent_ids[0])
        self.recent_ids.append(message_id)
        self.recent_set.add(message_id)
        self.delivered_max = max(self.delivered_max, message_id)
        collapsed = ""
        if self.protections.collapses_anything:
            text = html.unescape(strip_tags(payload["body_html"]))
            author_id = payload["author"]["id"]
            collapsed = self.protections.collapse_reason(author_id=author_id, text=text)
        if frame is not None and not collapsed:
            await self.send_text(frame)
        else:
            await self.send_frame(
                {"type": "message", "message": {**payload, "collapsed": collapsed}}
            )

    async def shut_out(self):
        """Close for a member who may no longer read the room; nothing more is sent."""
        self.shut = True
        await self.close(code=NO_LONGER_ALLOWED)

    async def send_frame(self, frame: dict):
        await self.send_text(json.dumps(frame))

    async def send_text(self, text: str):
        if self.shut:
            return
        try:
            await self.send(text_data=text)
        except (RuntimeError, OSError):
            # The client went away (or the server closed it) a moment before this frame;
            # the disconnect that follows cleans up.
            self.shut = True
