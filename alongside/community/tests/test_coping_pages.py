"""The coping strategies pages as a member sees them."""

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import TopicFactory, UserFactory
from alongside.community.choices import ContentStatus
from alongside.community.models import Block, CommunitySettings, CopingComment, CopingStrategy
from alongside.community.tests.factories_coping import (
    CopingCommentFactory,
    CopingStrategyFactory,
    helped_by,
)

LIST = reverse("community:coping_list")
SHARE = reverse("community:coping_share")


def detail_url(strategy):
    return reverse("community:coping_detail", args=[strategy.pk])


def test_the_list_is_sorted_by_how_many_it_helped_then_newest(client_for, member):
    helpers = [UserFactory() for _ in range(3)]
    once = CopingStrategyFactory(title="Helped once")
    helped_by(once, helpers[0])
    CopingStrategyFactory(title="Older, never helped")
    newest = CopingStrategyFactory(title="Newer, never helped")
    most = CopingStrategyFactory(title="Helped thrice")
    helped_by(most, *helpers)
    assert newest.pk  # created after "Older"
    page = client_for(member).get(LIST).content.decode()
    order = [
        page.index(title)
        for title in ("Helped thrice", "Helped once", "Newer, never helped", "Older, never helped")
    ]
    assert order == sorted(order)
    assert "3 people found this helpful" in page
    assert "1 person found this helpful" in page


def test_the_list_filters_by_topic_and_by_words(client_for, member):
    sleep = TopicFactory(name="Sleep")
    in_topic = CopingStrategyFactory(title="Wind-down hour")
    in_topic.topics.add(sleep)
    CopingStrategyFactory(title="Grounding walk", what_it_is="Name five things you can see.")
    client = client_for(member)
    page = client.get(LIST, {"topic": "sleep"}).content.decode()
    assert "Wind-down hour" in page and "Grounding walk" not in page
    page = client.get(LIST, {"q": "FIVE things"}).content.decode()
    assert "Grounding walk" in page and "Wind-down hour" not in page


def test_an_unknown_topic_is_explained_and_everything_listed(client_for, member):
    CopingStrategyFactory(title="Grounding walk")
    response = client_for(member).get(LIST, {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert "Choose a topic from the list." in response.content.decode()
    assert "Grounding walk" in response.content.decode()


def test_the_list_is_paginated_by_20(client_for, member):
    for number in range(21):
        CopingStrategyFactory(title=f"Strategy number {number:02}")
    client = client_for(member)
    first = client.get(LIST).content.decode()
    assert "Page 1 of 2" in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert second.count("Strategy number") == 1


def test_the_list_takes_the_same_queries_however_many(
    client_for, member, django_assert_max_num_queries
):
    topic = TopicFactory(name="Panic")
    for _ in range(3):
        CopingStrategyFactory().topics.add(topic)
    client = client_for(member)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for _ in range(20):
        CopingStrategyFactory().topics.add(topic)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_sharing_a_strategy(client_for, member):
    topic = TopicFactory(name="Anxiety")
    response = client_for(member).post(
        SHARE,
        {
            "title": "Box breathing",
            "what_it_is": "In for four, hold, out for four.",
            "when_it_helps": "When panic starts.",
            "topics": [topic.slug],
        },
        follow=True,
    )
    strategy = CopingStrategy.objects.get()
    assert response.redirect_chain[-1][0] == detail_url(strategy)
    page = response.content.decode()
    assert "Thank you for sharing" in page
    assert "In for four, hold, out for four." in page
    assert "0 people found this helpful" in page
    assert list(strategy.topics.all()) == [topic]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "what_it_is": "x", "when_it_helps": "y"}, "Please fill in “Title”."),
        (
            {"title": "T", "what_it_is": "a" * 50_000, "when_it_helps": "y"},
            "Please shorten this to 5000 characters",
        ),
        (
            {"title": "T", "what_it_is": "x", "when_it_helps": "y", "topics": ["nope"]},
            "Choose topics from the list.",
        ),
        ({"title": "T", "what_it_is": "\x01\x02", "when_it_helps": "y"}, "Write something"),
    ],
)
def test_bad_input_is_explained_beside_the_field(client_for, member, data, message):
    response = client_for(member).post(SHARE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not CopingStrategy.objects.exists()


def test_a_strategy_page_shows_comments_and_the_helped_toggle(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member, title="Cold water")
    CopingCommentFactory(strategy=strategy, body="This helps me at 3am.")
    client = client_for(member)
    page = client.get(detail_url(strategy)).content.decode()
    assert "Cold water" in page and "This helps me at 3am." in page
    assert "This helped me</button>" in page
    helped = reverse("community:coping_helped", args=[strategy.pk])
    page = client.post(helped, {"helped": "1"}, follow=True).content.decode()
    assert "1 person found this helpful" in page
    assert "Take back" in page
    client.post(helped, {"helped": "1"})  # a second click changes nothing
    strategy.refresh_from_db()
    assert strategy.helped_count == 1
    page = client.post(helped, {"helped": "0"}, follow=True).content.decode()
    assert "0 people found this helpful" in page


def test_commenting_and_deleting_your_comment(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    client = client_for(member)
    url = reverse("community:coping_comment", args=[strategy.pk])
    response = client.post(url, {"body": "Thank you for *this*."}, follow=True)
    assert "<em>this</em>" in response.content.decode()
    comment = CopingComment.objects.get()
    client.post(reverse("community:coping_comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == ContentStatus.DELETED
    assert "Thank you for" not in client.get(detail_url(strategy)).content.decode()


def test_an_empty_comment_is_explained(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    url = reverse("community:coping_comment", args=[strategy.pk])
    response = client_for(member).post(url, {"body": "   "})
    assert response.status_code == 400
    assert "Please fill in “Your comment”." in response.content.decode()
    assert not CopingComment.objects.exists()


def test_editing_and_deleting_your_own_strategy(client_for, member):
    strategy = CopingStrategyFactory(author=member, title="Old title")
    client = client_for(member)
    edit = reverse("community:coping_edit", args=[strategy.pk])
    assert "Old title" in client.get(edit).content.decode()
    client.post(edit, {"title": "New title", "what_it_is": "x", "when_it_helps": "y"})
    strategy.refresh_from_db()
    assert strategy.title == "New title"
    delete = reverse("community:coping_delete", args=[strategy.pk])
    assert "Delete your coping strategy?" in client.get(delete).content.decode()
    response = client.post(delete, follow=True)
    assert "Your strategy is deleted." in response.content.decode()
    assert "New title" not in response.content.decode()
    assert client.get(detail_url(strategy)).status_code == 404


def test_held_hidden_and_deleted_strategies_are_not_shown_to_members(client_for, member):
    for status in (ContentStatus.HELD, ContentStatus.HIDDEN, ContentStatus.DELETED):
        strategy = CopingStrategyFactory(title=f"Status {status}", status=status)
        assert client_for(member).get(detail_url(strategy)).status_code == 404
    assert "Status" not in client_for(member).get(LIST).content.decode()


def test_moderators_see_them_marked(client_for, moderator):
    strategy = CopingStrategyFactory(title="Held one", status=ContentStatus.HELD)
    page = client_for(moderator).get(detail_url(strategy)).content.decode()
    assert "Held for a moderator to review." in page


def test_held_comments_are_not_shown_to_members(client_for, member):
    strategy = CopingStrategyFactory()
    CopingCommentFactory(strategy=strategy, body="Held words", status=ContentStatus.HELD)
    assert "Held words" not in client_for(member).get(detail_url(strategy)).content.decode()


def test_blocked_members_and_muted_words_are_collapsed_with_the_reason(
    client_for, member, other_member
):
    Block.objects.create(blocker=member, blocked=other_member)
    CommunitySettings.objects.create(user=member, muted_words=["spiders"])
    blocked = CopingStrategyFactory(author=other_member, title="From Sam")
    muted = CopingStrategyFactory(title="Facing spiders")
    comment_page = CopingStrategyFactory()
    CopingCommentFactory(strategy=comment_page, author=other_member, body="Sam's comment")
    client = client_for(member)
    page = client.get(LIST).content.decode()
    assert "Collapsed: You blocked this member." in page
    assert "Collapsed: This contains a word you muted." in page
    assert "<details" in client.get(detail_url(blocked)).content.decode()
    assert "word you muted" in client.get(detail_url(muted)).content.decode()
    assert (
        "Collapsed: You blocked this member."
        in client.get(detail_url(comment_page)).content.decode()
    )


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    strategy = CopingStrategyFactory()
    for url in (LIST, SHARE, detail_url(strategy), reverse("community:search")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_strategies_and_comments_can_be_reported_but_not_your_own(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    theirs = CopingCommentFactory(strategy=strategy, author=other_member)
    mine = CopingCommentFactory(strategy=strategy, author=member)
    page = client_for(member).get(detail_url(strategy)).content.decode()
    assert f'href="/community/report/coping_strategy/{strategy.pk}/"' in page
    assert f'href="/community/report/coping_comment/{theirs.pk}/"' in page
    assert f'href="/community/report/coping_comment/{mine.pk}/"' not in page
