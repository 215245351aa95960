"""The home page invites people to the finder, shows chosen library entries and says how to
contact us; group pages list entries about the group's topics."""

import pytest
from django.urls import reverse

from alongside.accounts.models import Topic
from alongside.groups.tests.factories import GroupFactory
from alongside.staff.tests.test_resource_selectors import entry


def test_the_home_page_leads_to_the_finder_information_and_contact(client, db):
    entry("What is peer support", home=True)
    entry("Not on the home page")
    entry("Unpublished", home=True, published=False)

    html = client.get(reverse("home")).content.decode()

    assert "Find support that&#x27;s right for you" in html or "Find support that's right" in html
    assert f'class="button" href="{reverse("finder:start")}"' in html
    assert "What is peer support" in html
    assert "Not on the home page" not in html and "Unpublished" not in html
    assert f'href="{reverse("information:index")}"' in html
    assert f'href="{reverse("contact:new")}"' in html


def test_the_finder_invitation_is_near_the_top_for_members_too(client_for, member):
    html = client_for(member).get(reverse("home")).content.decode()
    assert html.index(reverse("finder:start"), html.index("<h1>")) < html.index("Six ways")


@pytest.fixture
def topics(db):
    return [
        Topic.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
        for slug in ("grief-test", "worry-test")
    ]


def test_a_group_page_lists_entries_for_its_topics(client, topics):
    grief, worry = topics
    group = GroupFactory()
    group.topics.set([grief])
    entry("Grieving together", topics=[grief])
    entry("Worry guide", topics=[worry])
    entry("What is peer support")

    html = client.get(reverse("groups:detail", args=[group.slug])).content.decode()

    assert "More information" in html
    assert html.index("Grieving together") < html.index("What is peer support")
    assert "Worry guide" not in html


def test_a_group_page_has_no_empty_section_when_the_library_is_empty(client, db):
    group = GroupFactory()
    html = client.get(reverse("groups:detail", args=[group.slug])).content.decode()
    assert 'id="more-information-heading"' not in html
