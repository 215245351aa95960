"""Template helpers for chat rooms (used by templates/community/chat/_room.html)."""

from django import template

register = template.Library()


@register.simple_tag
def chat_collapse_reason(message, protections) -> str:
    """Why `message` is shown collapsed to the viewer ("" if it isn't): the same rule the
    websocket consumer applies, so a page and a live connection agree."""
    if protections is None:
        return ""
    return protections.collapse_reason(author_id=message.author_id, text=message.body)
