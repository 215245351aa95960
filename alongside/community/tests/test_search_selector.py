"""Search finds threads (by title and by the words of their visible posts) and coping
strategies, and nothing that isn't visible. Runs on SQLite (the fallback) and on
PostgreSQL (full-text search) in CI; the same queries must give the same results."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.accounts.models import User
from alongside.community.choices import ContentStatus
from alongside.community.selectors.search import (
    describe_hits,
    excerpt,
    search_community,
    search_words,
)
from alongside.community.tests.factories import PostFactory, SpaceFactory, ThreadFactory
from alongside.community.tests.factories_coping import CopingStrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def viewer(member):
    return member


def found(query: str) -> list[str]:
    viewer = User.objects.get(profile__display_name="Robin")
    hits = search_community(viewer=viewer, query=query)
    return [hit.title for hit in describe_hits(hits, query=query)]


def test_a_thread_is_found_by_words_in_a_reply():
    thread = ThreadFactory(title="Evenings")
    PostFactory(thread=thread, body="Opening post about the evening.")
    PostFactory(thread=thread, body="I keep a gratitude journal by my bed.")
    ThreadFactory(title="Unrelated")
    assert found("gratitude journal") == ["Evenings"]


def test_every_word_must_appear():
    PostFactory(thread=ThreadFactory(title="Journal"), body="A journal helps.")
    assert found("journal helps") == ["Journal"]
    assert found("journal swimming") == []


def test_threads_and_strategies_are_found_together():
    PostFactory(thread=ThreadFactory(title="Breathing together"), body="Slow breaths.")
    CopingStrategyFactory(title="Box breathing", what_it_is="Four counts each way.")
    CopingStrategyFactory(title="Walk", when_it_helps="When breathing feels tight.")
    assert sorted(found("breathing")) == ["Box breathing", "Breathing together", "Walk"]


def test_held_hidden_and_deleted_posts_are_never_found():
    thread = ThreadFactory(title="Open thread")
    PostFactory(thread=thread, body="Visible words.")
    for status in (ContentStatus.HELD, ContentStatus.HIDDEN, ContentStatus.DELETED):
        PostFactory(thread=thread, body=f"Secret{status} words", status=status)
    for status in ("held", "hidden", "deleted"):
        assert found(f"secret{status}") == []


def test_hidden_threads_archived_spaces_and_hidden_strategies_are_never_found():
    PostFactory(thread=ThreadFactory(title="Lantern hidden", status=ContentStatus.HIDDEN))
    archived = SpaceFactory(is_archived=True)
    PostFactory(thread=ThreadFactory(title="Lantern archived", space=archived))
    CopingStrategyFactory(title="Lantern held", status=ContentStatus.HELD)
    CopingStrategyFactory(title="Lantern deleted", status=ContentStatus.DELETED)
    CopingStrategyFactory(title="Lantern shown")
    assert found("lantern") == ["Lantern shown"]


def test_case_and_accents_are_handled():
    CopingStrategyFactory(title="Café visits", what_it_is="Über-calm mornings.")
    assert found("CAFÉ") == ["Café visits"]
    assert found("über") == ["Café visits"]
    assert found("ÜBER MORNINGS") == ["Café visits"]


def test_whole_words_only():
    CopingStrategyFactory(title="Walking", what_it_is="Walks in the park.")
    assert found("walk") == []
    assert found("walks") == ["Walking"]


def test_more_matches_rank_first():
    CopingStrategyFactory(title="Music", what_it_is="Playing one song.")
    CopingStrategyFactory(
        title="Music music", what_it_is="Music every day.", when_it_helps="Music at night."
    )
    assert found("music") == ["Music music", "Music"]


@pytest.mark.parametrize("query", ["", "   ", "!!!", "\ud800", "\x00"])
def test_queries_without_words_find_nothing(viewer, query):
    CopingStrategyFactory(title="Anything")
    assert search_community(viewer=viewer, query=query) == []


def test_search_words_are_casefolded_and_unicode_aware():
    assert search_words("Straße GRÜN, don't") == ["strasse", "grün", "don", "t"]


def test_excerpts_are_plain_text_around_the_first_word():
    html = "<p>" + "filler " * 60 + "the <strong>lantern</strong> glows</p>"
    text = excerpt(html, ["lantern"])
    assert "<" not in text
    assert text.startswith("\u2026")
    assert "lantern glows" in text


def test_even_moderators_never_get_hidden_threads_from_search(moderator):
    PostFactory(thread=ThreadFactory(title="Lighthouse"), body="Beam.")
    assert [hit.pk for hit in search_community(viewer=moderator, query="lighthouse")]
    ThreadFactory(title="Lighthouse keeper", status=ContentStatus.HIDDEN)
    assert len(search_community(viewer=moderator, query="lighthouse")) == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_any_text_at_all_is_searched_without_error(viewer, query):
    hits = search_community(viewer=viewer, query=query)
    assert describe_hits(hits, query=query) == []
