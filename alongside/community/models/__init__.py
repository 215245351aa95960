"""Online community models: topic spaces with threads and posts, reactions, the coping
strategies library, chat rooms (space, group and 1:1), and each member's self-protection
settings and notifications. One module per area; everything is importable from here.

Member text is stored twice: `body` as the member wrote it (markdown source, shown to them
when they edit) and `body_html`, rendered and sanitised once by `community.text`."""

from alongside.community.models.chat import (
    Conversation,
    Message,
    MessageQuerySet,
    ReadMarker,
    Room,
    RoomPresence,
)
from alongside.community.models.coping import (
    CopingComment,
    CopingStrategy,
    CopingStrategyHelped,
    CopingStrategyRevision,
)
from alongside.community.models.forum import (
    GuidelinesAcceptance,
    Post,
    PostRevision,
    Reaction,
    Space,
    Thread,
    ThreadVisit,
)
from alongside.community.models.limits import (
    CONTENT_WARNING_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from alongside.community.models.members import (
    Block,
    CommunitySettings,
    Notification,
    ThreadMute,
)

__all__ = [
    "CONTENT_WARNING_MAX_LENGTH",
    "MESSAGE_MAX_LENGTH",
    "POST_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "Block",
    "CommunitySettings",
    "Conversation",
    "CopingComment",
    "CopingStrategy",
    "CopingStrategyHelped",
    "CopingStrategyRevision",
    "GuidelinesAcceptance",
    "Message",
    "MessageQuerySet",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "ReadMarker",
    "Room",
    "RoomPresence",
    "Space",
    "Thread",
    "ThreadMute",
    "ThreadVisit",
]
