"""The demo library: warm starter entries, added once however often seed_demo runs."""

from django.urls import reverse

from alongside.staff.demo import ensure_demo_resources
from alongside.staff.models import ResourceLink


def test_demo_entries_are_added_once_and_shown(client, coordinator):
    assert ensure_demo_resources(coordinator=coordinator) == 5
    assert ensure_demo_resources(coordinator=coordinator) == 0
    assert ResourceLink.objects.count() == 5

    carers = ResourceLink.objects.get(title="For carers")
    assert [topic.slug for topic in carers.topics.all()] == ["caring-for-someone"]
    assert ResourceLink.objects.get(url__startswith="https://www.nhs.uk/").body == ""

    home = client.get(reverse("home")).content.decode()
    assert "What is peer support" in home and "NHS mental health services" in home
    page = client.get(reverse("information:page", args=["preparing-for-your-first-group"]))
    assert "<strong>Before you go</strong>" in page.content.decode()
