"""The forum pages as members, moderators and coordinators see them."""

import re

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import UserFactory
from alongside.community.actions import forum as actions
from alongside.community.choices import ContentStatus, ReactionKind
from alongside.community.models import Block, Post, Reaction, Space, Thread
from alongside.community.tests.factories import SpaceFactory
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    space = SpaceFactory()
    for url in [reverse("community:spaces"), reverse("community:space", args=[space.slug])]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_space_list_shows_counts_and_hides_archived(client_for, member):
    space = space_for(member, name="Carers")
    thread_by(member, space=space)
    SpaceFactory(name="Old space", is_archived=True)
    response = client_for(member).get(reverse("community:spaces"))
    html = response.content.decode()
    assert "Carers" in html and "1 thread" in html
    assert "Old space" not in html
    assert "Create a space" not in html


def test_the_space_list_takes_the_same_queries_however_many_spaces(
    client_for, member, django_assert_max_num_queries
):
    for n in range(6):
        thread_by(member, space=space_for(member, name=f"Topic {n}"))
    client = client_for(member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("community:spaces"))
    assert response.content.decode().count('<li class="forum-space">') == 6


def test_coordinators_create_edit_and_archive_spaces(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        reverse("community:space_create"),
        {"name": "Living with anxiety", "description": "For anxious days.", "guidelines": "Kind."},
    )
    space = Space.objects.get()
    assert space.slug == "living-with-anxiety"
    assert response["Location"] == reverse("community:space", args=[space.slug])
    client.post(
        reverse("community:space_edit", args=[space.slug]),
        {"name": "Living with anxiety", "description": "For anxious days.", "guidelines": "New"},
    )
    space.refresh_from_db()
    assert space.guidelines == "New" and space.guidelines_version == 2
    client.post(reverse("community:space_archive", args=[space.slug]), {"archive": "1"})
    space.refresh_from_db()
    assert space.is_archived


@pytest.mark.parametrize(
    ("name", "slug"),
    [("New", "new-space"), ("Тревога", "space-1"), ("Carers & friends", "carers-friends")],
)
def test_space_addresses_always_work(client_for, coordinator, name, slug):
    data = {"name": name, "description": "For us.", "guidelines": "Kind."}
    client_for(coordinator).post(reverse("community:space_create"), data)
    assert Space.objects.get().slug == slug
    assert client_for(coordinator).get(reverse("community:space", args=[slug])).status_code == 200


def test_a_space_form_with_mistakes_says_so(client_for, coordinator):
    SpaceFactory(name="Carers")
    response = client_for(coordinator).post(
        reverse("community:space_create"), {"name": "carers", "description": "", "guidelines": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what this space is for." in html
    assert Space.objects.count() == 1


def test_members_cannot_create_or_change_spaces(client_for, member):
    space = SpaceFactory()
    client = client_for(member)
    assert client.get(reverse("community:space_create")).status_code == 403
    data = {"name": "Mine", "description": "x", "guidelines": "y"}
    assert client.post(reverse("community:space_create"), data).status_code == 403
    assert client.post(reverse("community:space_edit", args=[space.slug]), data).status_code == 403
    archive = reverse("community:space_archive", args=[space.slug])
    assert client.post(archive, {"archive": "1"}).status_code == 403
    assert Space.objects.get().name == space.name and not Space.objects.get().is_archived


def test_an_archived_space_is_404_to_members(client_for, member):
    space = SpaceFactory(is_archived=True)
    assert client_for(member).get(reverse("community:space", args=[space.slug])).status_code == 404


def test_the_space_page_lists_threads_with_new_markers(
    client_for, member, other_member, django_assert_max_num_queries
):
    space = space_for(member, other_member)
    thread_by(member, space=space, title="Seen thread")
    unseen = thread_by(other_member, space=space, title="Unseen thread")
    for n in range(8):
        thread_by(other_member, space=space, title=f"More {n}")
    hidden = thread_by(other_member, space=space, title="Hidden one")
    Thread.objects.filter(pk=hidden.pk).update(status=ContentStatus.HIDDEN)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("community:space", args=[space.slug]))
    html = response.content.decode()
    assert "Hidden one" not in html
    seen_item = re.search(r"Seen thread</a>(.*?)</li>", html, re.S).group(1)
    unseen_item = re.search(r"Unseen thread</a>(.*?)</li>", html, re.S).group(1)
    assert ">New<" not in seen_item and ">New<" in unseen_item
    assert unseen.pk


def test_moderators_see_hidden_threads_marked(client_for, member, moderator):
    space = space_for(member)
    thread = thread_by(member, space=space, title="Needs a look")
    Thread.objects.filter(pk=thread.pk).update(status=ContentStatus.HELD, is_locked=True)
    html = client_for(moderator).get(reverse("community:space", args=[space.slug])).content
    assert b"Needs a look" in html and b"Locked" in html and b"Held for a moderator" in html


def test_the_space_page_is_paginated(client_for, member):
    space = space_for(member)
    for n in range(21):
        thread_by(member, space=space, title=f"Thread number {n}")
    client = client_for(member)
    first = client.get(reverse("community:space", args=[space.slug])).content.decode()
    assert first.count('<li class="forum-thread') == 20 and "Page 1 of 2" in first
    second = client.get(reverse("community:space", args=[space.slug]) + "?page=2").content
    assert b"Thread number 0" in second


def test_guidelines_page_accepts_and_goes_on_safely(client_for, member):
    space = SpaceFactory()
    client = client_for(member)
    url = reverse("community:space_guidelines", args=[space.slug])
    page = client.get(url)
    assert b"Be kind. Speak from your own experience." in page.content
    missing = client.post(url, {"version": 1})
    assert missing.status_code == 400
    assert b"Tick the box" in missing.content
    response = client.post(url, {"version": 1, "accept": "on", "next": "https://evil.example/"})
    assert response["Location"] == reverse("community:space", args=[space.slug])
    assert client.get(url).context["accepted"]
    chat = "/community/chat/space/x/"
    response = client.post(url, {"version": 1, "accept": "on", "next": chat})
    assert response["Location"] == chat


def test_starting_a_thread_asks_for_the_guidelines_first(client_for, member):
    space = SpaceFactory()
    client = client_for(member)
    url = reverse("community:thread_create", args=[space.slug])
    page = client.get(url).content.decode()
    assert "I&#x27;ll follow these guidelines" in page and "Be kind. Speak from" in page
    data = {"title": "Hello", "body": "First time here.", "content_warning": ""}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Tick the box to say you&#x27;ll follow" in refused.content.decode()
    assert not Thread.objects.exists()
    space.guidelines_version = 2
    space.save()
    changed = client.post(url, {**data, "accept_guidelines": "on", "guidelines_version": 1})
    assert "The guidelines changed while you were reading them" in changed.content.decode()
    assert not Thread.objects.exists()
    response = client.post(url, {**data, "accept_guidelines": "on", "guidelines_version": 2})
    thread = Thread.objects.get()
    assert response["Location"] == reverse("community:thread", args=[thread.pk])


def test_an_empty_or_huge_post_shows_the_error_by_the_field(client_for, member):
    space = space_for(member)
    client = client_for(member)
    url = reverse("community:thread_create", args=[space.slug])
    response = client.post(url, {"title": "Hi", "body": "", "content_warning": ""})
    assert response.status_code == 400
    assert 'href="#id_body">Write something in your post first.' in response.content.decode()
    response = client.post(url, {"title": "Hi", "body": "y" * 50_000, "content_warning": ""})
    assert response.status_code == 400
    assert "50,000 characters long" in response.content.decode()
    assert not Post.objects.exists()


def test_a_post_with_attacks_renders_no_script(client_for, member):
    space = space_for(member)
    body = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
    thread = thread_by(member, space=space, body=body, title="<b>bold</b>")
    stored = thread.posts.get().body_html
    html = client_for(member).get(reverse("community:thread", args=[thread.pk])).content.decode()
    for text in (stored, html):
        assert "<script>alert" not in text
        assert "onerror" not in text.replace("onerror=alert(1)&gt;", "")
        assert 'href="javascript' not in text.lower()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click me](javascript:alert(1))",
        "[click me](JaVaScRiPt:alert(1))",
        '<a href="https://example.org" onclick="steal()">hello</a>',
        "<svg onload=alert(1)>",
        '[x](https://example.org "title" onmouseover="alert(1)")',
    ],
)
def test_attacks_through_a_real_reply_store_and_render_nothing_active(
    client_for, member, other_member, attack
):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    client = client_for(other_member)
    client.post(reverse("community:thread_reply", args=[thread.pk]), {"body": attack})
    stored = Post.objects.latest("id")
    assert stored.author == other_member
    html = client_for(member).get(reverse("community:thread", args=[thread.pk])).content.decode()
    body = html[html.index(f'id="post-{stored.pk}"') :]
    body = body[: body.index("</article>")]
    for text in (stored.body_html, body):
        lowered = text.lower()
        assert "<script" not in lowered and "<img" not in lowered and "<svg" not in lowered
        assert not re.search(r"<[^>]+\son\w+=", lowered)
        assert 'href="javascript' not in lowered


def test_the_thread_page_shows_warnings_quotes_reactions_and_new_posts(
    client_for, member, other_member, django_assert_max_num_queries
):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space, body="Opening words.", content_warning="Loss")
    opening = thread.posts.get()
    client = client_for(member)
    client.get(reverse("community:thread", args=[thread.pk]))  # a first visit
    for n in range(5):
        reply = reply_by(other_member, thread, body=f"Reply {n}", quoted_post=opening)
    actions.add_reaction(user=other_member, post=opening, kind=ReactionKind.SUPPORT)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "<summary>Content warning: Loss" in html
    assert "Robin wrote:" in html and "Opening words." in html
    assert html.count('forum-badge-new">New<') == 5
    assert "Jump to first new post" in html
    assert "Sending support: Sam" in html
    assert "no buttons on yours" in html  # Robin's own post
    assert f'id="post-{reply.pk}"' in html
    # Seen now: no longer new.
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "forum-badge-new" not in html


def test_blocked_members_and_muted_words_are_collapsed(client_for, member, other_member):
    from alongside.community.models import CommunitySettings

    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    reply_by(other_member, thread, body="A kind word.")
    Block.objects.create(blocker=member, blocked=other_member)
    html = client_for(member).get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Collapsed: You blocked this member." in html
    Block.objects.all().delete()
    CommunitySettings.objects.create(user=member, muted_words=["kind"])
    html = client_for(member).get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Collapsed: This contains a word you muted." in html


def test_quotes_keep_content_warnings_blocks_and_muted_words(client_for, member, other_member):
    from alongside.community.models import CommunitySettings

    space = space_for(member, other_member)
    thread = thread_by(other_member, space=space, body="Hard words here", content_warning="Loss")
    reply_by(other_member, thread, body="Quoting myself", quoted_post=thread.posts.get())
    client = client_for(member)
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    quote = html[html.index('class="forum-quote"') :]
    assert quote.index("<summary>Content warning: Loss") < quote.index("Hard words here")
    Block.objects.create(blocker=member, blocked=other_member)
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Quote not shown: You blocked this member." in html
    Block.objects.all().delete()
    CommunitySettings.objects.create(user=member, muted_words=["hard"])
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Quote not shown: This contains a word you muted." in html


def test_replying_quoting_through_the_page(client_for, member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space, body="What helps you sleep?")
    opening = thread.posts.get()
    client = client_for(other_member)
    url = reverse("community:thread_reply", args=[thread.pk])
    page = client.get(url, {"quote": opening.pk}).content.decode()
    assert "You're quoting Robin" in page
    response = client.post(url, {"body": "Warm milk.", "quoted_post": opening.pk})
    reply = Post.objects.latest("id")
    assert reply.quoted_post == opening
    assert response["Location"].endswith(f"#post-{reply.pk}")


def test_a_locked_thread_stays_readable_but_takes_no_replies(client_for, member):
    thread = thread_by(member)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client = client_for(member)
    page = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "This thread is locked, so it isn't taking replies." in page
    reply = client.post(reverse("community:thread_reply", args=[thread.pk]), {"body": "Hi"})
    assert reply.status_code == 400
    assert "locked" in reply.content.decode()
    assert thread.posts.count() == 1


def test_editing_and_deleting_your_own_post(client_for, member):
    thread = thread_by(member, body="Old text")
    post = thread.posts.get()
    client = client_for(member)
    client.post(reverse("community:post_edit", args=[post.pk]), {"body": "New text"})
    post.refresh_from_db()
    assert post.body == "New text"
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "edited" in html
    client.post(reverse("community:post_delete", args=[post.pk]))
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "This post was deleted by its writer." in html and "New text" not in html


def test_nobody_edits_or_deletes_someone_elses_post(client_for, member, other_member):
    thread = thread_by(member, body="Mine")
    post = thread.posts.get()
    client = client_for(other_member)
    assert client.get(reverse("community:post_edit", args=[post.pk])).status_code == 403
    edit = client.post(reverse("community:post_edit", args=[post.pk]), {"body": "Hacked"})
    assert edit.status_code == 403
    assert client.post(reverse("community:post_delete", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.body == "Mine" and post.status == ContentStatus.VISIBLE


def test_edit_history_is_for_moderators_only(client_for, member, moderator):
    thread = thread_by(member, body="Before")
    post = thread.posts.get()
    actions.edit_post(actor=member, post=post, body="After")
    url = reverse("community:post_history", args=[post.pk])
    assert client_for(member).get(url).status_code == 404
    html = client_for(moderator).get(url).content.decode()
    assert "Before" in html and "After" in html


def test_reacting_through_the_page_and_with_htmx(client_for, member, other_member):
    thread = thread_by(member)
    post = thread.posts.get()
    client = client_for(other_member)
    url = reverse("community:post_react", args=[post.pk])
    client.post(url, {"kind": "me_too", "on": "1"})
    assert Reaction.objects.filter(post=post, user=other_member, kind="me_too").exists()
    response = client.post(url, {"kind": "me_too", "on": ""}, HTTP_HX_REQUEST="true")
    assert not Reaction.objects.exists()
    assert b'aria-pressed="false"' in response.content
    assert client.post(url, {"kind": "like", "on": "1"}).status_code == 404


def test_you_cannot_react_to_your_own_post(client_for, member):
    post = thread_by(member).posts.get()
    url = reverse("community:post_react", args=[post.pk])
    assert client_for(member).post(url, {"kind": "helped", "on": "1"}).status_code == 403
    assert not Reaction.objects.exists()


def test_muting_from_the_thread_page(client_for, member):
    thread = thread_by(member)
    client = client_for(member)
    client.post(reverse("community:thread_mute", args=[thread.pk]), {"mute": "1"})
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Unmute this thread" in html
    client.post(reverse("community:thread_mute", args=[thread.pk]), {})
    html = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "Mute this thread" in html and "Unmute" not in html


def test_other_members_posts_on_a_hidden_post_are_not_shown(client_for, member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    hidden = reply_by(other_member, thread, body="Something hidden")
    Post.objects.filter(pk=hidden.pk).update(status=ContentStatus.HIDDEN)
    html = client_for(member).get(reverse("community:thread", args=[thread.pk])).content
    assert b"Something hidden" not in html


def test_posting_too_quickly_shows_a_plain_message(client_for, member):
    space = space_for(member)
    thread = thread_by(member, space=space)
    client = client_for(member)
    url = reverse("community:thread_reply", args=[thread.pk])
    for _ in range(9):
        client.post(url, {"body": "Another thought."})
    response = client.post(url, {"body": "One more."})
    assert response.status_code == 400
    assert re.search(
        r"You&#x27;re posting very quickly. Please wait \d+ seconds.", response.content.decode()
    )
    assert thread.posts.count() == 10


def test_a_post_link_goes_to_its_page_and_anchor(client_for, member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    replies = [reply_by(other_member, thread, body=f"Reply {n}") for n in range(21)]
    response = client_for(member).get(reverse("community:post", args=[replies[-1].pk]))
    assert response["Location"] == (
        reverse("community:thread", args=[thread.pk]) + f"?page=2#post-{replies[-1].pk}"
    )
    other = UserFactory()
    Post.objects.filter(pk=replies[0].pk).update(status=ContentStatus.HIDDEN)
    assert client_for(other).get(reverse("community:post", args=[replies[0].pk])).status_code == 404


def test_a_writer_sees_their_own_held_post_marked(client_for, member, other_member):
    space = space_for(member, other_member)
    thread = thread_by(member, space=space)
    held = reply_by(other_member, thread, body="Waiting to be checked")
    Post.objects.filter(pk=held.pk).update(status=ContentStatus.HELD)
    own = client_for(other_member).get(reverse("community:thread", args=[thread.pk])).content
    assert b"Waiting to be checked" in own and b"Held for a moderator to review" in own
    others = client_for(member).get(reverse("community:thread", args=[thread.pk])).content
    assert b"Waiting to be checked" not in others
