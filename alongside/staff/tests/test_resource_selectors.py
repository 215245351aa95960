"""Which library entries show where: topics first, general ones to fill, published only."""

import pytest

from alongside.accounts.models import Topic
from alongside.staff.models import ResourceLink
from alongside.staff.selectors.resources import (
    home_resources,
    library_by_topic,
    resources_for_topics,
)


def entry(title, *, topics=(), position=0, published=True, home=False, url="", body="Text"):
    resource = ResourceLink.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"About {title}",
        url=url,
        body="" if url else body,
        body_html="" if url else f"<p>{body}</p>",
        position=position,
        is_published=published,
        show_on_home=home,
    )
    resource.topics.set(topics)
    return resource


@pytest.fixture
def grief(db):
    return Topic.objects.get_or_create(slug="grief-test", defaults={"name": "Grief test"})[0]


@pytest.fixture
def worry(db):
    return Topic.objects.get_or_create(slug="worry-test", defaults={"name": "Worry test"})[0]


def titles(resources):
    return [resource.title for resource in resources]


def test_topic_entries_come_first_then_general_ones_fill_up(grief, worry):
    entry("General b", position=1)
    entry("General a", position=0)
    entry("Grief two", topics=[grief], position=2)
    entry("Grief one", topics=[grief, worry], position=1)
    entry("Worry only", topics=[worry])
    entry("Hidden grief", topics=[grief], published=False)

    assert titles(resources_for_topics([grief.pk], limit=3)) == [
        "Grief one",
        "Grief two",
        "General a",
    ]
    assert titles(resources_for_topics([grief.pk, worry.pk], limit=10)) == [
        "Worry only",
        "Grief one",
        "Grief two",
        "General a",
        "General b",
    ]


def test_an_entry_with_several_matching_topics_is_listed_once(grief, worry):
    entry("Both", topics=[grief, worry])
    assert titles(resources_for_topics([grief.pk, worry.pk])) == ["Both"]


def test_no_topics_gives_general_entries_only(grief):
    entry("General")
    entry("Grief", topics=[grief])
    assert titles(resources_for_topics([])) == ["General"]
    assert resources_for_topics([grief.pk], limit=0) == []


def test_topics_can_be_a_queryset_and_junk_ids_are_ignored(grief):
    entry("Grief", topics=[grief])
    assert titles(resources_for_topics(Topic.objects.filter(pk=grief.pk).values("pk"))) == ["Grief"]
    assert resources_for_topics(["1; drop table", None]) == []


def test_topic_lookup_is_one_query(grief, django_assert_num_queries):
    entry("Grief", topics=[grief])
    entry("General")
    with django_assert_num_queries(1):
        resources_for_topics([grief.pk])


def test_home_shows_published_entries_chosen_for_it(db):
    entry("Chosen", home=True)
    entry("Not chosen")
    entry("Unpublished", home=True, published=False)
    assert titles(home_resources()) == ["Chosen"]


def test_library_groups_entries_by_topic_with_general_first(
    grief, worry, django_assert_num_queries
):
    entry("General")
    entry("Both", topics=[grief, worry])
    entry("Grief", topics=[grief], position=5)
    entry("Unpublished", topics=[worry], published=False)

    with django_assert_num_queries(2):
        sections = library_by_topic()

    assert [(heading, titles(entries)) for heading, entries in sections] == [
        ("General", ["General"]),
        ("Grief test", ["Both", "Grief"]),
        ("Worry test", ["Both"]),
    ]
