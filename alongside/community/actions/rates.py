"""How fast a member may post: the one check for threads, replies, coping strategies and
comments (chat has its own, quicker limit in actions.chat)."""

from alongside.common.ratelimit import POSTING
from alongside.community.errors import CommunityActionError


def check_posting_rate(user) -> None:
    wait = POSTING.hit(str(user.pk))
    if wait:
        raise CommunityActionError(
            f"You're posting very quickly. Please wait {wait} seconds and try again."
        )
