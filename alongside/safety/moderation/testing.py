"""For tests: flagged content made the way the community actions make it (the risk check's
result stored with `apply_risk`, then `raise_alert`), without their rate limits and
guideline checks getting in the way of a test that needs several items."""

from alongside.accounts.tests.factories import UserFactory
from alongside.community.choices import ContentStatus
from alongside.community.models import CopingComment, CopingStrategy, Message, Post, Thread
from alongside.community.tests.factories import (
    CopingStrategyFactory,
    PostFactory,
    SpaceRoomFactory,
    ThreadFactory,
)
from alongside.community.text import render_markdown
from alongside.safety.alerts import raise_alert
from alongside.safety.risk import RiskContext, assess_risk
from alongside.safety.risk.stored import apply_risk

URGENT = "I am going to kill myself tonight, I have the pills ready"
URGENT_LOWER = "I want to end my life this weekend, I wrote a note"
CONCERN = "I feel so hopeless and worthless"
CALM = "Some days are hard, but the walk by the river helped today."


def _assessed(content, text: str, purpose: str = "post"):
    apply_risk(content, assess_risk(text, RiskContext(purpose=purpose)))
    return content


def flagged_post(*, text: str = URGENT, author=None, thread: Thread | None = None) -> Post:
    """An opening post (a new thread) or, with `thread`, a reply; held if urgent."""
    author = author or UserFactory()
    post = PostFactory.build(
        thread=thread or ThreadFactory(author=author),
        author=author,
        body=text,
        body_html=render_markdown(text),
    )
    _assessed(post, text)
    if thread is None and post.status == ContentStatus.HELD:
        Thread.objects.filter(pk=post.thread.pk).update(status=ContentStatus.HELD)
        post.thread.status = ContentStatus.HELD
    post.save()
    raise_alert(content=post, member=author)
    return post


def flagged_message(*, text: str = URGENT, author=None, room=None) -> Message:
    """A chat message in a space's room (or in `room`, a conversation's for instance)."""
    author = author or UserFactory()
    message = Message(
        room=room or SpaceRoomFactory(), author=author, body=text, body_html=render_markdown(text)
    )
    _assessed(message, text, "message")
    message.save()
    raise_alert(content=message, member=author)
    return message


def flagged_strategy(*, text: str = URGENT, author=None) -> CopingStrategy:
    author = author or UserFactory()
    strategy = CopingStrategy(
        author=author,
        title="Getting through the evening",
        what_it_is=text,
        what_it_is_html=render_markdown(text),
        when_it_helps="Late at night.",
        when_it_helps_html=render_markdown("Late at night."),
    )
    _assessed(strategy, text, "coping_strategy")
    strategy.save()
    raise_alert(content=strategy, member=author)
    return strategy


def flagged_comment(*, text: str = URGENT, author=None) -> CopingComment:
    author = author or UserFactory()
    comment = CopingComment(
        strategy=CopingStrategyFactory(), author=author, body=text, body_html=render_markdown(text)
    )
    _assessed(comment, text, "comment")
    comment.save()
    raise_alert(content=comment, member=author)
    return comment


def flagged_profile(*, text: str = URGENT, member=None):
    member = member or UserFactory()
    profile = member.profile
    profile.could_offer = text
    _assessed(profile, text, "profile")
    profile.save()
    raise_alert(content=profile, member=member)
    return profile
