"""Forum helpers for tests: a space whose guidelines a member has accepted, and posts
made through the real actions (so counts, visits and notifications are as in use)."""

from django.core.cache import cache

from alongside.community.actions import forum as actions
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceFactory


def space_for(*users, **extra):
    """A space whose current guidelines every one of `users` has accepted."""
    space = SpaceFactory(**extra)
    for user in users:
        GuidelinesAcceptanceFactory(space=space, user=user)
    return space


def _fresh_rate_limit():
    # Test setup posts many times in a second; the posting limit is tested on its own.
    cache.clear()


def thread_by(author, *, space=None, title="Finding my feet", body="Hello everyone.", **extra):
    space = space or space_for(author)
    _fresh_rate_limit()
    return actions.start_thread(author=author, space=space, title=title, body=body, **extra)


def reply_by(author, thread, body="Thank you for sharing this.", **extra):
    _fresh_rate_limit()
    return actions.reply_to_thread(author=author, thread=thread, body=body, **extra)
