"""Forum actions: threads, replies, quotes, edits, soft deletes, guidelines, rate limits."""

import pytest
from django.core.exceptions import ValidationError

from alongside.common.models import AuditLogEntry
from alongside.community.actions import forum as actions
from alongside.community.actions.forum.posts import GuidelinesNotAccepted
from alongside.community.choices import ContentStatus
from alongside.community.errors import CommunityActionError
from alongside.community.models import (
    GuidelinesAcceptance,
    Post,
    PostRevision,
    Thread,
    ThreadVisit,
)
from alongside.community.tests.factories import SpaceFactory
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by

pytestmark = pytest.mark.django_db


def test_starting_a_thread_stores_the_opening_post_and_a_visit(member):
    space = space_for(member)
    thread = actions.start_thread(
        author=member,
        space=space,
        title="  Sleepless   nights ",
        body="Does anyone else *lie awake*?",
        content_warning="Talk of insomnia",
    )
    assert thread.title == "Sleepless nights"
    post = thread.posts.get()
    assert post.body_html == "<p>Does anyone else <em>lie awake</em>?</p>\n"
    assert post.content_warning == "Talk of insomnia"
    assert thread.reply_count == 0
    assert ThreadVisit.objects.get(thread=thread, user=member).last_seen_post_id == post.pk
    entry = AuditLogEntry.objects.get(verb="community.thread_started")
    assert "Sleepless" not in str(entry.data) and "Sleepless" not in entry.target_label


def test_a_first_post_needs_the_guidelines_accepted(member):
    space = SpaceFactory()
    with pytest.raises(GuidelinesNotAccepted):
        actions.start_thread(author=member, space=space, title="Hi", body="Hello")
    assert not Thread.objects.exists()
    thread = actions.start_thread(
        author=member, space=space, title="Hi", body="Hello", accepted_guidelines_version=1
    )
    assert thread.pk
    assert GuidelinesAcceptance.objects.get(user=member, space=space).version == 1


def test_changed_guidelines_must_be_accepted_again(member, coordinator):
    space = space_for(member)
    actions.update_space(
        actor=coordinator, space=space, details={"guidelines": "Be kind. New: no advice."}
    )
    assert space.guidelines_version == 2
    with pytest.raises(GuidelinesNotAccepted):
        thread_by(member, space=space)
    with pytest.raises(CommunityActionError, match="changed while you were reading"):
        actions.accept_guidelines(user=member, space=space, version=1)
    actions.accept_guidelines(user=member, space=space, version=2)
    assert thread_by(member, space=space).pk


def test_replies_keep_the_thread_counts_and_quote(member, other_member):
    thread = thread_by(member)
    space = thread.space
    actions.accept_guidelines(user=other_member, space=space, version=1)
    opening = thread.posts.get()
    before = thread.last_posted_at
    reply = reply_by(other_member, thread, quoted_post=opening)
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_posted_at >= before
    assert reply.quoted_post == opening


def test_quoting_a_post_from_another_thread_is_refused(member):
    first = thread_by(member)
    second = thread_by(member, space=first.space)
    with pytest.raises(ValidationError) as caught:
        reply_by(member, second, quoted_post=first.posts.get())
    assert "quoted_post" in caught.value.message_dict
    assert second.posts.count() == 1


def test_a_locked_thread_refuses_replies(member):
    thread = thread_by(member)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    thread.refresh_from_db()
    with pytest.raises(CommunityActionError, match="locked"):
        reply_by(member, thread)
    assert thread.posts.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something in your post first."),
        ("   \n  ", "Write something in your post first."),
        ("x" * 50_000, "Your post is 50,000 characters long"),
    ],
)
def test_empty_and_huge_posts_give_a_plain_error_and_store_nothing(member, body, message):
    space = space_for(member)
    with pytest.raises(ValidationError) as caught:
        actions.start_thread(author=member, space=space, title="Hello", body=body)
    assert message in caught.value.message_dict["body"][0]
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_a_too_long_title_or_content_warning_is_refused(member):
    space = space_for(member)
    with pytest.raises(ValidationError) as caught:
        actions.start_thread(author=member, space=space, title="t" * 151, body="Hi")
    assert "title" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.start_thread(
            author=member, space=space, title="Hi", body="Hi", content_warning="c" * 121
        )
    assert "content_warning" in caught.value.message_dict
    assert not Thread.objects.exists()


def test_editing_keeps_the_previous_version(member):
    thread = thread_by(member, body="First words.")
    post = thread.posts.get()
    actions.edit_post(actor=member, post=post, body="Better words.", content_warning="Grief")
    post.refresh_from_db()
    assert post.body == "Better words." and post.edited_at is not None
    revision = PostRevision.objects.get(post=post)
    assert revision.body == "First words." and revision.content_warning == ""
    # Saving without a change adds no revision.
    actions.edit_post(actor=member, post=post, body="Better words.", content_warning="Grief")
    assert PostRevision.objects.count() == 1


def test_deleting_is_soft_and_keeps_the_thread(member, other_member):
    thread = thread_by(member)
    opening = thread.posts.get()
    actions.accept_guidelines(user=other_member, space=thread.space, version=1)
    reply_by(other_member, thread, quoted_post=opening)
    actions.delete_post(actor=member, post=opening)
    opening.refresh_from_db()
    assert opening.status == ContentStatus.DELETED and opening.deleted_at is not None
    assert Thread.objects.filter(pk=thread.pk).exists()
    assert thread.posts.count() == 2


def test_posting_too_quickly_is_refused_with_a_wait(member):
    space = space_for(member)
    thread = thread_by(member, space=space)
    for _ in range(9):
        actions.reply_to_thread(author=member, thread=thread, body="Again")
    with pytest.raises(CommunityActionError, match=r"posting very quickly\. Please wait \d+"):
        actions.reply_to_thread(author=member, thread=thread, body="Again")
    assert thread.posts.count() == 10


def test_archiving_stops_posting(member, coordinator):
    space = space_for(member)
    actions.archive_space(actor=coordinator, space=space)
    with pytest.raises(CommunityActionError, match="archived"):
        thread_by(member, space=space)
    assert AuditLogEntry.objects.filter(verb="community.space_archived").exists()


def test_a_refused_post_leaves_no_guidelines_acceptance_behind(member):
    space = SpaceFactory()
    other_space = space_for(member)
    for n in range(10):
        actions.start_thread(author=member, space=other_space, title=f"T{n}", body="Hi")
    with pytest.raises(CommunityActionError, match="posting very quickly"):
        actions.start_thread(
            author=member, space=space, title="Hi", body="Hi", accepted_guidelines_version=1
        )
    assert not GuidelinesAcceptance.objects.filter(space=space).exists()
    assert not Thread.objects.filter(space=space).exists()


def test_every_change_is_audited_without_member_text(member, other_member, coordinator):
    space = actions.create_space(
        actor=coordinator,
        details={"name": "Carers", "slug": "carers", "description": "d", "guidelines": "g"},
    )
    actions.accept_guidelines(user=member, space=space, version=1)
    actions.accept_guidelines(user=other_member, space=space, version=1)
    thread = thread_by(member, space=space, title="Private title", body="Private body")
    post = reply_by(other_member, thread, body="Private reply")
    actions.edit_post(actor=other_member, post=post, body="Private edit")
    actions.add_reaction(user=member, post=post, kind="support")
    actions.mute_thread(user=member, thread=thread)
    actions.delete_post(actor=other_member, post=post)
    verbs = set(AuditLogEntry.objects.values_list("verb", flat=True))
    assert {
        "community.space_created",
        "community.guidelines_accepted",
        "community.thread_started",
        "community.post_replied",
        "community.post_edited",
        "community.reaction_added",
        "community.thread_muted",
        "community.post_deleted",
    } <= verbs
    for entry in AuditLogEntry.objects.all():
        assert "Private" not in f"{entry.data} {entry.target_label}"
