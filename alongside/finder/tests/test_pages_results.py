"""The results page: ranked options with their reasons and what might not suit, the nearest
options and a way to talk to us when nothing fits, the support panel after worrying words,
and a fixed number of queries."""

import html

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import TopicFactory
from alongside.finder.answers import SESSION_KEY
from alongside.finder.tests.factories import (
    fresh_catalogue,  # noqa: F401 (fixture)
    in_cardiff,
    venue_miles_away,
    weekly_group,
)
from alongside.groups.choices import GroupKind
from alongside.safety.models import SafetyAlert
from alongside.staff.models import ResourceLink

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_catalogue")]

GROUPS_ONLY = {"formats": ("group",)}
CONTACT_LINK = f"{reverse('contact:new')}?from=finder"


def with_answers(client, answers):
    session = client.session
    session[SESSION_KEY] = answers.to_dict()
    session.save()


def results_page(client) -> str:
    response = client.get(reverse("finder:results"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_options_show_their_kind_reasons_distance_and_next_meetings(client):
    grief = TopicFactory(name="Bereavement")
    group = weekly_group(
        name="Tuesday Grief Circle",
        kind=GroupKind.SUPPORT,
        day="tue",
        hour=19,
        topics=[grief],
        venue=venue_miles_away(2, features=["hearing_loop"]),
    )
    with_answers(
        client,
        in_cardiff(topics=(grief.pk,), availability=("tue_evening",), **GROUPS_ONLY),
    )

    page = results_page(client)

    assert "<h1>Support that might suit you</h1>" in page
    # The kind is part of the option's heading, so listing headings says what each one is.
    heading = page.split("<h3>", 1)[1].split("</h3>", 1)[0]
    assert '<span class="finder-kind">Support group' in heading
    assert "Tuesday Grief Circle</a>" in heading
    assert f'href="{reverse("groups:detail", args=[group.slug])}"' in page
    assert "Tuesday Grief Circle" in page
    assert "2 miles away" in page
    assert "Why it might suit you:" in page
    assert "tuesday evenings" in page.lower()
    assert "bereavement" in page.lower()
    occurrence = group.meetings.first().occurrences.order_by("starts_at").first()
    assert reverse("meetings:occurrence", args=[occurrence.pk]) in page
    assert "Tuesday " in page and "7pm" in page
    assert CONTACT_LINK in page


def test_what_might_not_suit_is_shown(client):
    weekly_group(name="Morning Circle", day="tue", hour=10, venue=venue_miles_away(1))
    with_answers(client, in_cardiff(availability=("tue_evening",), **GROUPS_ONLY))

    page = results_page(client)

    assert "Morning Circle" in page
    assert "What might not suit you:" in page
    assert "morning" in page.lower()


def test_nothing_found_says_why_shows_the_nearest_and_offers_contact(client):
    weekly_group(name="Far Away Circle", venue=venue_miles_away(40))
    with_answers(client, in_cardiff(modes=("in_person",), **GROUPS_ONLY))

    page = results_page(client)

    assert "<h1>We couldn't find a close fit</h1>" in page
    assert "The closest options" in page
    assert "Far Away Circle" in page
    assert "What might not suit you:" in page
    assert "Talk to us about your support needs" in page
    assert CONTACT_LINK in page
    # The reason is in the lead paragraph, in plain words.
    lead = page.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert lead.strip()


def test_results_work_without_any_answers(client):
    weekly_group(name="Open Circle")
    page = results_page(client)
    assert "Open Circle" in page
    assert "Create an account to save these answers" in page


def test_more_information_for_their_topics(client):
    grief = TopicFactory(name="Bereavement")
    entry = ResourceLink.objects.create(
        title="Grieving well", slug="grieving-well", summary="Short guide", url="https://x.org"
    )
    entry.topics.add(grief)
    with_answers(client, in_cardiff(topics=(grief.pk,)))

    page = results_page(client)

    assert "More information" in page
    assert "Grieving well" in page


def test_worrying_words_bring_the_support_panel_and_are_not_stored(client):
    weekly_group(name="Open Circle")
    with_answers(client, in_cardiff(about="I want to kill myself tonight, I have the pills"))

    page = results_page(client)

    assert "Support for you now" in page
    assert "You don't have to face this alone" in page
    assert not SafetyAlert.objects.exists()


def test_words_of_concern_bring_the_gentle_panel(client):
    with_answers(client, in_cardiff(about="I have been self harming again"))

    page = results_page(client)

    assert "Support for you now" in page
    assert "Thank you for sharing this" in page
    assert "I need help now" in page


def test_gentle_words_bring_no_panel(client):
    with_answers(client, in_cardiff(about="I'd like to meet people who get it"))
    assert "Support for you now" not in results_page(client)


def test_results_run_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    grief = TopicFactory(name="Bereavement")
    for n in range(3):
        weekly_group(name=f"Circle {n}", topics=[grief], venue=venue_miles_away(n + 1))
    answers = in_cardiff(topics=(grief.pk,), **GROUPS_ONLY)
    with_answers(client, answers)
    client.get(reverse("finder:results"))  # the catalogue snapshot is built once

    # The session, the catalogue's version, the groups' kinds and the library.
    with django_assert_max_num_queries(4):
        client.get(reverse("finder:results"))
    for n in range(3, 15):
        weekly_group(name=f"Circle {n}", topics=[grief], venue=venue_miles_away(1))
    client.get(reverse("finder:results"))
    with django_assert_max_num_queries(4):
        page = client.get(reverse("finder:results")).content.decode()
    assert page.count('class="card finder-option"') == 15


def test_signed_in_member_can_save_and_anonymous_is_offered_an_account(client, member):
    with_answers(client, in_cardiff())
    page = results_page(client)
    assert "Create an account to save these answers" in page
    assert "Save these answers to my profile" not in page

    client.force_login(member)
    with_answers(client, in_cardiff())
    page = results_page(client)
    assert "Save these answers to my profile" in page
    assert "Create an account" not in page


def test_talk_to_us_offers_to_include_answers_only_when_there_are_some(client):
    page = results_page(client)
    assert CONTACT_LINK in page
    assert "we'll include your answers" not in page

    with_answers(client, in_cardiff(**GROUPS_ONLY))
    assert "we'll include your answers" in results_page(client)


def test_mentoring_and_befriending_are_offered_with_their_waiting_time(client):
    with_answers(client, in_cardiff(formats=("one_to_one",)))

    page = results_page(client)

    assert "Mentoring" in page
    assert "Befriending" in page
    assert CONTACT_LINK in page
