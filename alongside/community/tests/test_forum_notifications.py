"""Replies, mentions and reactions tell the right people, in words from names and titles
only; muting a thread stops reply notifications."""

import pytest

from alongside.accounts.tests.factories import UserFactory
from alongside.community.actions import forum as actions
from alongside.community.actions.forum.mentions import MAX_MENTIONS, find_mentioned_users
from alongside.community.choices import NotificationKind, ReactionKind
from alongside.community.models import Notification, Reaction, ThreadMute
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by

pytestmark = pytest.mark.django_db


def test_the_thread_author_hears_of_a_reply(member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space, title="Bad week")
    post = reply_by(other_member, thread, body="My secret details here.")
    note = Notification.objects.get(user=member)
    assert note.kind == NotificationKind.REPLY
    assert note.text == "Sam replied to your thread \u201cBad week\u201d."
    assert "secret" not in note.text
    assert note.url.endswith(f"/community/threads/{thread.pk}/#post-{post.pk}")
    assert note.actor == other_member


def test_no_notification_for_your_own_reply_or_a_muted_thread(member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    reply_by(member, thread)
    assert not Notification.objects.exists()
    actions.mute_thread(user=member, thread=thread)
    assert ThreadMute.objects.filter(user=member, thread=thread).exists()
    reply_by(other_member, thread)
    assert not Notification.objects.exists()
    actions.unmute_thread(user=member, thread=thread)
    reply_by(other_member, thread)
    assert Notification.objects.filter(user=member).count() == 1


def test_mentions_match_the_longest_display_name(member, other_member):
    sam_lee = UserFactory(profile__display_name="Sam Lee")
    found = find_mentioned_users("Thanks @sam lee, and @Sam! Also @nobody and @Robin.")
    assert found == [sam_lee, other_member, member]


def test_mentions_need_a_word_boundary_and_are_capped(db):
    UserFactory(profile__display_name="Jo")
    assert find_mentioned_users("email jo@example.org or @Joanna") == []
    people = [UserFactory(profile__display_name=f"Friend{n}") for n in range(12)]
    text = " ".join(f"@Friend{n}" for n in range(12))
    assert find_mentioned_users(text) == people[:MAX_MENTIONS]


def test_mentioned_members_are_notified_once(member, other_member, peer_supporter):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space, title="Tips")
    reply_by(other_member, thread, body="@Alex you might know. @Robin @robin")
    assert Notification.objects.get(user=peer_supporter).text == (
        "Sam mentioned you in \u201cTips\u201d."
    )
    # Robin is told of the reply, not again of the mention.
    assert Notification.objects.filter(user=member).count() == 1


def test_reactions_toggle_and_tell_the_writer(member, other_member):
    thread = thread_by(member, title="Day one")
    post = thread.posts.get()
    actions.add_reaction(user=other_member, post=post, kind=ReactionKind.ME_TOO)
    actions.add_reaction(user=other_member, post=post, kind=ReactionKind.ME_TOO)
    assert Reaction.objects.filter(post=post).count() == 1
    note = Notification.objects.get(user=member)
    assert note.text == "Sam reacted \u201cMe too\u201d to your post in \u201cDay one\u201d."
    actions.remove_reaction(user=other_member, post=post, kind=ReactionKind.ME_TOO)
    assert not Reaction.objects.exists()


def test_taking_a_reaction_back_and_giving_it_again_notifies_once(member, other_member):
    post = thread_by(member, title="Day two").posts.get()
    for _ in range(3):
        actions.add_reaction(user=other_member, post=post, kind=ReactionKind.SUPPORT)
        actions.remove_reaction(user=other_member, post=post, kind=ReactionKind.SUPPORT)
    actions.add_reaction(user=other_member, post=post, kind=ReactionKind.SUPPORT)
    assert Notification.objects.filter(user=member).count() == 1
