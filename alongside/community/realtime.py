"""What goes out over the channel layer. Sent only after the transaction that stored the
thing has committed (see actions), so a client never hears of a message it can't fetch."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from alongside.community.models import Message, Room

DELETED_MEMBER = "deleted member"


def message_payload(message: Message) -> dict:
    """A chat message as clients receive it (websocket and API alike)."""
    author = message.author
    return {
        "id": message.pk,
        "room": message.room_id,
        "author": {
            "id": author.pk if author else None,
            "name": author.profile.display_name if author else DELETED_MEMBER,
        },
        "body_html": message.body_html,
        "created_at": message.created_at.isoformat(),
        "client_id": message.client_id,
    }


def broadcast_message(message: Message) -> None:
    """Fan a stored message out to everyone connected to its room, on every worker. The
    frame most members get is serialised once, here, rather than once per connection."""
    payload = message_payload(message)
    frame = json.dumps({"type": "message", "message": {**payload, "collapsed": ""}})
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(
        message.room.channel_group,
        {"type": "chat.message", "message": payload, "frame": frame},
    )


def shut_member_out_of_room(room_id: int, user_id: int) -> None:
    """Close every open connection `user_id` has to the room (they left or were removed
    from its group). Call after commit."""
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(
        Room.channel_group_of(room_id), {"type": "chat.revoke", "user_id": user_id}
    )
