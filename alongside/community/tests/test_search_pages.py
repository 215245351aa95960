"""The search page: a hint when empty, a plain error when too long, ranked results."""

from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.tests.factories import PostFactory, SpaceFactory, ThreadFactory
from alongside.community.tests.factories_coping import CopingStrategyFactory

SEARCH = reverse("community:search")


def test_an_empty_query_shows_the_form_and_a_hint(client_for, member):
    page = client_for(member).get(SEARCH).content.decode()
    assert 'name="q"' in page
    assert "Type one or more words." in page
    assert "result" not in page


def test_a_query_over_200_characters_is_refused_plainly(client_for, member):
    response = client_for(member).get(SEARCH, {"q": "a" * 201})
    assert response.status_code == 400
    assert "Please shorten this to 200 characters or fewer (it has 201)." in (
        response.content.decode()
    )


def test_a_50000_character_query_is_refused_plainly(client_for, member):
    response = client_for(member).get(SEARCH, {"q": "word " * 10_000})
    assert response.status_code == 400
    assert "Please shorten this" in response.content.decode()


def test_results_show_title_place_excerpt_and_date(client_for, member):
    space = SpaceFactory(name="Living with anxiety")
    thread = ThreadFactory(space=space, title="Mornings are hard")
    PostFactory(thread=thread, body="I light a **candle** and sit for a minute.")
    CopingStrategyFactory(title="Candle time", what_it_is="<b>Watch</b> a candle flicker.")
    page = client_for(member).get(SEARCH, {"q": "candle"}).content.decode()
    assert "2 results for &ldquo;candle&rdquo;" in page
    assert f'href="/community/threads/{thread.pk}/">Mornings are hard</a>' in page
    assert "Thread in Living with anxiety" in page
    assert "I light a candle and sit for a minute." in page
    assert "Candle time" in page
    assert reverse("community:coping_detail", args=[1]).rsplit("/", 2)[0] in page
    assert "<strong>candle" not in page


def test_nothing_matched_is_said_kindly(client_for, member):
    page = client_for(member).get(SEARCH, {"q": "zebra"}).content.decode()
    assert "0 results" in page
    assert "Nothing matched every word." in page


def test_only_visible_content_is_listed(client_for, member):
    PostFactory(thread=ThreadFactory(title="Kept"), body="Harbour lights.")
    PostFactory(body="Harbour secret", status=ContentStatus.HELD)
    CopingStrategyFactory(title="Harbour walk", status=ContentStatus.DELETED)
    page = client_for(member).get(SEARCH, {"q": "harbour"}).content.decode()
    assert "1 result for" in page
    assert "Harbour secret" not in page and "Harbour walk" not in page


def test_results_are_paginated(client_for, member):
    for number in range(23):
        CopingStrategyFactory(title=f"Kite {number}")
    client = client_for(member)
    first = client.get(SEARCH, {"q": "kite"}).content.decode()
    assert "Page 1 of 2" in first
    assert "?q=kite&amp;page=2" in first
    second = client.get(SEARCH, {"q": "kite", "page": 2}).content.decode()
    assert second.count("Kite ") == 3


def test_the_search_page_keeps_its_queries_bounded(
    client_for, member, django_assert_max_num_queries
):
    for number in range(25):
        PostFactory(thread=ThreadFactory(title=f"Kite thread {number}"), body="kite")
        CopingStrategyFactory(title=f"Kite {number}")
    client = client_for(member)
    with django_assert_max_num_queries(15):
        assert client.get(SEARCH, {"q": "kite"}).status_code == 200


def test_results_never_show_text_behind_a_content_warning_block_or_muted_word(
    client_for, member, other_member
):
    from alongside.community.models import Block, CommunitySettings

    warned = ThreadFactory(title="Evening walks")
    PostFactory(
        thread=warned, body="The lantern walk by the river helps.", content_warning="hospital"
    )
    blocked = ThreadFactory(title="Lantern making", author=other_member)
    PostFactory(thread=blocked, body="Paper lantern steps for calm evenings.")
    muted = ThreadFactory(title="Lantern festival crowds")
    PostFactory(thread=muted, body="Fireworks near the lantern stalls.")
    Block.objects.create(blocker=member, blocked=other_member)
    CommunitySettings.objects.create(user=member, muted_words=["fireworks"])

    page = client_for(member).get(SEARCH, {"q": "lantern"}).content.decode()

    assert "Content warning: hospital" in page
    assert "river helps" not in page
    assert "You blocked this member." in page
    assert "Lantern making" not in page and "Paper lantern steps" not in page
    assert "This contains a word you muted." in page
    assert "lantern stalls" not in page
