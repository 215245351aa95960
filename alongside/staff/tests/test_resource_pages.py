"""Coordinators manage the information library through /staff/resources/."""

import pytest
from django.urls import reverse

from alongside.accounts.models import Topic
from alongside.common.models import AuditLogEntry
from alongside.staff.models import ResourceLink
from alongside.staff.tests.test_resource_selectors import entry

LINK = {
    "title": "NHS mental health services",
    "summary": "How to find NHS help near you.",
    "url": "https://www.nhs.uk/mental-health/",
    "body": "",
    "position": "0",
    "is_published": "on",
}
PAGE = {
    "title": "What is peer support?",
    "summary": "People helping each other through shared experience.",
    "url": "",
    "body": "Peer support is **people** helping each other.",
    "position": "1",
    "is_published": "on",
    "show_on_home": "on",
}


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(slug="carers-test", defaults={"name": "Carers test"})[0]


def test_a_coordinator_adds_a_page_with_topics(staff, topic, coordinator):
    response = staff.post(reverse("staff:resource_new"), {**PAGE, "topics": [topic.slug]})

    assert response.status_code == 302
    resource = ResourceLink.objects.get()
    assert resource.slug == "what-is-peer-support"
    assert (
        resource.body_html == "<p>Peer support is <strong>people</strong> helping each other.</p>\n"
    )
    assert list(resource.topics.all()) == [topic]
    assert resource.show_on_home and resource.is_published
    assert resource.created_by == coordinator
    assert AuditLogEntry.objects.filter(
        verb="resource.created", target_id=str(resource.pk)
    ).exists()
    listing = staff.get(reverse("staff:resources")).content.decode()
    assert "What is peer support?" in listing and "Carers test" in listing


def test_slugs_stay_unique(staff):
    staff.post(reverse("staff:resource_new"), PAGE)
    staff.post(reverse("staff:resource_new"), PAGE)
    assert sorted(ResourceLink.objects.values_list("slug", flat=True)) == [
        "what-is-peer-support",
        "what-is-peer-support-2",
    ]


def test_a_title_with_no_letters_still_gets_an_address(staff):
    staff.post(reverse("staff:resource_new"), {**PAGE, "title": "???"})
    assert ResourceLink.objects.get().slug == "page"


def test_a_coordinator_edits_an_entry_and_its_address_stays(staff, topic):
    resource = entry("Old title", body="Old")
    response = staff.post(
        reverse("staff:resource_edit", args=[resource.pk]),
        {**PAGE, "title": "New title", "body": "New *text*", "topics": [topic.slug]},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "New title"
    assert resource.slug == "old-title"
    assert resource.body_html == "<p>New <em>text</em></p>\n"
    assert list(resource.topics.all()) == [topic]
    audit = AuditLogEntry.objects.get(verb="resource.updated")
    assert "topics" in audit.data["fields"] and "title" in audit.data["fields"]


def test_the_edit_form_shows_current_values(staff, topic):
    resource = entry("Carers guide", topics=[topic], body="Some text")
    html = staff.get(reverse("staff:resource_edit", args=[resource.pk])).content.decode()
    assert 'value="Carers guide"' in html
    assert f'value="{topic.slug}"' in html and "checked" in html


def test_deleting_asks_first_then_deletes(staff):
    resource = entry("Going away")
    page = staff.get(reverse("staff:resource_delete", args=[resource.pk]))
    assert "Delete “Going away”?" in page.content.decode()
    assert ResourceLink.objects.exists()

    response = staff.post(reverse("staff:resource_delete", args=[resource.pk]))
    assert response.status_code == 302
    assert not ResourceLink.objects.exists()
    assert AuditLogEntry.objects.filter(verb="resource.deleted").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"url": "javascript:alert(1)"}, "url", "starts with https:// or http://"),
        ({"url": "data:text/html,<b>hi</b>"}, "url", "starts with https:// or http://"),
        ({"url": "ftp://files.example.org/x"}, "url", "starts with https:// or http://"),
        ({"url": "https://x.example", "body": "Text too"}, "url", "not both"),
        ({"url": "", "body": "   "}, "url", "Give either a link to another site or page text."),
        ({"title": "x" * 121}, "title", "Keep this to 120 characters or fewer (it has 121)"),
        ({"summary": "s" * 301}, "summary", "Keep this to 300 characters or fewer"),
        ({"body": "b" * 20001}, "body", "Keep this to 20000 characters or fewer"),
        ({"url": "https://e.example/" + "a" * 500, "body": ""}, "url", "Keep this to 500"),
        ({"title": ""}, "title", "Enter the title."),
        ({"title": "\x00"}, "title", "Null characters are not allowed."),
        ({"title": "\u200b\x07"}, "title", "Enter the title."),
        ({"position": "-5"}, "position", "Enter a whole number from 0 to 1000."),
        ({"position": "100000000000000000000"}, "position", "Enter a whole number from 0 to 1000."),
        ({"position": "two"}, "position", "Enter a whole number from 0 to 1000."),
        ({"topics": ["no-such-topic"]}, "topics", "Choose topics from the list."),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(staff, changes, field, message):
    response = staff.post(reverse("staff:resource_new"), {**PAGE, **changes})

    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert message in " ".join(errors)
    assert len(errors) == len(set(errors)), "each problem is said once"
    html = response.content.decode()
    assert "There is a problem" in html and f'href="#id_{field}"' in html
    assert not ResourceLink.objects.exists()


def test_a_failed_edit_changes_nothing(staff):
    resource = entry("Keep me", body="Original")
    response = staff.post(
        reverse("staff:resource_edit", args=[resource.pk]), {**PAGE, "url": "javascript:x"}
    )
    assert response.status_code == 400
    resource.refresh_from_db()
    assert resource.title == "Keep me" and resource.body == "Original"


def test_a_link_without_a_scheme_is_taken_as_https(staff):
    staff.post(reverse("staff:resource_new"), {**LINK, "url": "www.nhs.uk/mental-health/"})
    assert ResourceLink.objects.get().url == "https://www.nhs.uk/mental-health/"


def test_scripts_in_page_text_never_reach_the_page(staff, client):
    body = 'Hi <script>alert("x")</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>'
    staff.post(reverse("staff:resource_new"), {**PAGE, "body": body})
    resource = ResourceLink.objects.get()
    assert "<script" not in resource.body_html and 'href="javascript' not in resource.body_html
    assert "<img" not in resource.body_html

    client.logout()
    html = client.get(reverse("information:page", args=[resource.slug])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize("persona", ["member", "peer_supporter", "moderator"])
def test_others_may_not_manage_the_library(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    resource = entry("Existing")
    for name, args in [
        ("staff:resources", []),
        ("staff:resource_new", []),
        ("staff:resource_edit", [resource.pk]),
        ("staff:resource_delete", [resource.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    assert client.post(reverse("staff:resource_new"), PAGE).status_code == 403
    assert client.post(reverse("staff:resource_edit", args=[resource.pk]), PAGE).status_code == 403
    assert client.post(reverse("staff:resource_delete", args=[resource.pk])).status_code == 403
    resource.refresh_from_db()
    assert resource.title == "Existing"
    assert ResourceLink.objects.count() == 1


def test_signed_out_people_are_sent_to_log_in(client):
    response = client.get(reverse("staff:resources"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unknown_entry_is_404(staff):
    assert staff.get(reverse("staff:resource_edit", args=[999999])).status_code == 404
    assert staff.post(reverse("staff:resource_delete", args=[999999])).status_code == 404


def test_the_list_costs_the_same_for_2_or_12_entries(staff, topic, django_assert_max_num_queries):
    for n in range(2):
        entry(f"Entry {n}", topics=[topic])
    staff.get(reverse("staff:resources"))  # warm the session
    with django_assert_max_num_queries(20) as few:
        staff.get(reverse("staff:resources"))
    for n in range(2, 12):
        entry(f"Entry {n}", topics=[topic])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff.get(reverse("staff:resources"))
    assert response.content.decode().count("Carers test") == 12
