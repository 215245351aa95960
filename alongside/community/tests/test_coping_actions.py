"""The coping actions: what they store, what they refuse, and that a refusal changes
nothing."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from alongside.accounts.tests.factories import TopicFactory, UserFactory
from alongside.common.models import AuditLogEntry
from alongside.community.actions import coping as actions
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.errors import CommunityActionError
from alongside.community.models import CopingStrategy, CopingStrategyHelped, Notification
from alongside.community.tests.factories_coping import CopingStrategyFactory


def details(**overrides) -> actions.StrategyDetails:
    values = {
        "title": "  Box   breathing ",
        "what_it_is": "Breathe in for **four**, hold for four, out for four.",
        "when_it_helps": "Before a phone call.",
        "topics": (),
    }
    values.update(overrides)
    return actions.StrategyDetails(**values)


def test_sharing_stores_tidied_and_rendered_text(member):
    topic = TopicFactory(name="Anxiety")
    strategy = actions.share_coping_strategy(author=member, details=details(topics=(topic,)))
    assert strategy.title == "Box breathing"
    assert "<strong>four</strong>" in strategy.what_it_is_html
    assert list(strategy.topics.all()) == [topic]
    entry = AuditLogEntry.objects.get(verb="coping_strategy.shared")
    assert entry.data == {}


def test_markup_in_a_strategy_is_sanitised(member):
    strategy = actions.share_coping_strategy(
        author=member,
        details=details(what_it_is="<script>alert(1)</script> [x](javascript:alert(1))"),
    )
    assert "<script" not in strategy.what_it_is_html
    assert 'href="javascript' not in strategy.what_it_is_html


def test_empty_text_is_refused_against_its_field_and_nothing_is_stored(member):
    with pytest.raises(ValidationError) as caught:
        actions.share_coping_strategy(author=member, details=details(when_it_helps=" \x00 "))
    assert "when_it_helps" in caught.value.message_dict
    assert not CopingStrategy.objects.exists()


def test_posting_too_quickly_is_refused_plainly(member):
    for _ in range(10):
        actions.share_coping_strategy(author=member, details=details())
    with pytest.raises(CommunityActionError, match="posting very quickly"):
        actions.share_coping_strategy(author=member, details=details())
    assert CopingStrategy.objects.count() == 10


def test_editing_keeps_the_strategy_and_what_it_said_before(member):
    strategy = actions.share_coping_strategy(author=member, details=details())
    before = strategy.title
    actions.edit_coping_strategy(
        strategy=strategy, editor=member, details=details(title="Square breathing")
    )
    strategy.refresh_from_db()
    assert strategy.title == "Square breathing"
    assert strategy.edited_at is not None
    assert [revision.title for revision in strategy.revisions.all()] == [before]


def test_deleting_is_soft(member):
    strategy = CopingStrategyFactory(author=member)
    actions.delete_coping_strategy(strategy=strategy, actor=member)
    strategy.refresh_from_db()
    assert strategy.status == ContentStatus.DELETED
    assert strategy.deleted_at is not None


def test_helped_counts_once_per_member_and_can_be_taken_back(member, other_member):
    strategy = CopingStrategyFactory(author=member)
    assert actions.mark_coping_strategy_helped(strategy=strategy, user=other_member)
    assert not actions.mark_coping_strategy_helped(strategy=strategy, user=other_member)
    strategy.refresh_from_db()
    assert strategy.helped_count == 1
    assert actions.unmark_coping_strategy_helped(strategy=strategy, user=other_member)
    assert not actions.unmark_coping_strategy_helped(strategy=strategy, user=other_member)
    strategy.refresh_from_db()
    assert strategy.helped_count == 0


@pytest.mark.django_db(transaction=True)
def test_helped_count_stays_right_under_concurrent_clicks():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL (the CI's 2nd run).")
    strategy = CopingStrategyFactory()
    members = [UserFactory() for _ in range(6)]
    clickers = members + members[:3]  # three members double-click
    barrier = threading.Barrier(len(clickers))

    def click(user):
        try:
            barrier.wait()
            actions.mark_coping_strategy_helped(strategy=strategy, user=user)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(user,)) for user in clickers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    strategy.refresh_from_db()
    assert strategy.helped_count == 6
    assert CopingStrategyHelped.objects.filter(strategy=strategy).count() == 6


def test_a_comment_notifies_the_strategy_author_by_name_and_title(member, other_member):
    strategy = CopingStrategyFactory(author=member, title="Cold water on my face")
    comment = actions.comment_on_coping_strategy(
        strategy=strategy, author=other_member, body="Private *details* here"
    )
    assert "<em>details</em>" in comment.body_html
    notification = Notification.objects.get(user=member)
    assert notification.kind == NotificationKind.COMMENT
    assert notification.text == "Sam commented on \u201cCold water on my face\u201d."
    assert "details" not in notification.text
    assert notification.url.endswith(f"#comment-{comment.pk}")


def test_commenting_on_your_own_strategy_notifies_nobody(member):
    strategy = CopingStrategyFactory(author=member)
    actions.comment_on_coping_strategy(strategy=strategy, author=member, body="An update.")
    assert not Notification.objects.exists()


def test_a_comment_of_50000_characters_is_refused(member, other_member):
    strategy = CopingStrategyFactory(author=member)
    with pytest.raises(ValidationError) as caught:
        actions.comment_on_coping_strategy(
            strategy=strategy, author=other_member, body="a" * 50_000
        )
    assert "shorten it to 5,000" in caught.value.message_dict["body"][0]
    assert not strategy.comments.exists()
