"""The public library: /information/ grouped by topic, and our own pages. No account needed."""

import pytest
from django.urls import reverse

from alongside.accounts.models import Topic
from alongside.staff.tests.test_resource_selectors import entry


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(slug="carers-test", defaults={"name": "Carers test"})[0]


def test_the_index_groups_entries_by_topic(client, topic):
    entry("What is peer support", body="Peers.")
    entry("For carers", topics=[topic])
    entry("NHS services", url="https://www.nhs.uk/mental-health/", topics=[topic])
    entry("Draft", published=False)

    response = client.get(reverse("information:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("General") < html.index("What is peer support") < html.index("Carers test")
    assert f'href="{reverse("information:page", args=["for-carers"])}"' in html
    assert 'href="https://www.nhs.uk/mental-health/" rel="noopener noreferrer"' in html
    assert "(on another website)" in html
    assert "Draft" not in html


def test_an_empty_library_says_how_to_get_in_touch(client, db):
    html = client.get(reverse("information:index")).content.decode()
    assert "nothing in the library yet" in html
    assert reverse("contact:new") in html


def test_a_page_shows_its_text(client, db):
    entry("Preparing for your first group", body="Bring **yourself**.")
    response = client.get(reverse("information:page", args=["preparing-for-your-first-group"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Preparing for your first group</h1>" in html
    assert "<p>Bring **yourself**.</p>" in html  # body_html is shown as stored


@pytest.mark.parametrize(
    "slug", ["unpublished", "a-link", "no-such-page"], ids=["unpublished", "link", "missing"]
)
def test_unpublished_link_only_and_missing_pages_are_404(client, db, slug):
    entry("Unpublished", published=False)
    entry("A link", url="https://example.org/")
    assert client.get(reverse("information:page", args=[slug])).status_code == 404


def test_the_index_query_count_does_not_grow(client, topic, django_assert_max_num_queries):
    for n in range(2):
        entry(f"Entry {n}", topics=[topic])
    client.get(reverse("information:index"))
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("information:index"))
    for n in range(2, 12):
        entry(f"Entry {n}", topics=[topic])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("information:index"))
    assert response.content.decode().count("About Entry") == 12
