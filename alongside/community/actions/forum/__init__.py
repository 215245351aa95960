"""Forum actions: spaces, threads and posts, reactions, mutes. One function per verb."""

from alongside.community.actions.forum.posts import (
    delete_post,
    edit_post,
    record_thread_visit,
    reply_to_thread,
    start_thread,
)
from alongside.community.actions.forum.reactions import (
    add_reaction,
    mute_thread,
    remove_reaction,
    unmute_thread,
)
from alongside.community.actions.forum.spaces import (
    accept_guidelines,
    archive_space,
    create_space,
    update_space,
)

__all__ = [
    "accept_guidelines",
    "add_reaction",
    "archive_space",
    "create_space",
    "delete_post",
    "edit_post",
    "mute_thread",
    "record_thread_visit",
    "remove_reaction",
    "reply_to_thread",
    "start_thread",
    "unmute_thread",
    "update_space",
]
