"""Saying you're going from the meeting page: plain posts, htmx, and calm refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupAgreementFactory
from alongside.meetings.models import OccurrenceStatus, Rsvp, RsvpStatus
from alongside.meetings.tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def rsvp_url(occurrence) -> str:
    return f"/meetings/{occurrence.pk}/rsvp/"


def test_a_member_says_they_are_going_with_an_access_need(client_for, member, joined, occurrence):
    joined(member)
    client = client_for(member)

    response = client.post(
        rsvp_url(occurrence),
        {"status": "going", "access_needs": ["hearing_loop"], "access_note": ""},
        follow=True,
    )

    assert response.redirect_chain == [(f"/meetings/{occurrence.pk}/", 302)]
    page = response.content.decode()
    assert "You&#x27;re going. We&#x27;ll send you a reminder" in page
    assert "https://meet.example.org/evening-circle" in page
    answer = Rsvp.objects.get(occurrence=occurrence, user=member)
    assert answer.status == RsvpStatus.GOING
    assert answer.access_needs == ["hearing_loop"]


def test_with_htmx_only_the_panel_comes_back(client_for, member, joined, occurrence):
    joined(member)

    response = client_for(member).post(
        rsvp_url(occurrence), {"status": "going"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="rsvp-panel"')
    assert "You're going." in page


def test_with_htmx_a_refusal_comes_back_in_the_panel(client_for, member, occurrence):
    # htmx swaps only successful responses: the message must arrive with a 200.
    response = client_for(member).post(
        rsvp_url(occurrence), {"status": "going"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="rsvp-panel"')
    assert "Only members of this group can say they&#x27;re going." in page
    assert not Rsvp.objects.exists()


def test_saying_you_cant_go(client_for, member, joined, going, occurrence):
    joined(member)
    going(member)

    client_for(member).post(rsvp_url(occurrence), {"status": "not_going"})

    assert Rsvp.objects.get(occurrence=occurrence, user=member).status == RsvpStatus.NOT_GOING


def test_no_answer_chosen_is_a_plain_message(client_for, member, joined, occurrence):
    joined(member)

    response = client_for(member).post(rsvp_url(occurrence), {})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Rsvp.objects.exists()


def refusal_page(client, occurrence) -> str:
    response = client.post(rsvp_url(occurrence), {"status": "going"})
    assert response.status_code == 400
    assert not Rsvp.objects.filter(occurrence=occurrence, status=RsvpStatus.GOING).exists()
    return response.content.decode()


def test_a_past_meeting_is_refused(client_for, member, joined, occurrence):
    joined(member)
    past = OccurrenceFactory(
        meeting=occurrence.meeting, starts_at=timezone.now() - timedelta(days=1)
    )

    page = refusal_page(client_for(member), past)

    assert "This meeting has already started or finished." in page


def test_a_cancelled_meeting_is_refused(client_for, member, joined, occurrence):
    joined(member)
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.save()

    page = refusal_page(client_for(member), occurrence)

    assert "This meeting has been cancelled." in page


def test_a_non_member_is_pointed_to_joining(client_for, member, group, occurrence):
    page = refusal_page(client_for(member), occurrence)

    assert "Only members of this group can say they&#x27;re going." in page
    assert f'<a href="/groups/{group.slug}/">Join Evening Circle</a>' in page


def test_a_removed_member_is_refused(client_for, member, joined, group, occurrence):
    joined(member)
    Membership.objects.filter(user=member).update(status=MembershipStatus.REMOVED)

    page = refusal_page(client_for(member), occurrence)

    assert "Only members of this group can say they&#x27;re going." in page


def test_an_out_of_date_agreement_links_to_it(client_for, member, joined, group, occurrence):
    joined(member)
    GroupAgreementFactory(group=group, version=2)

    page = refusal_page(client_for(member), occurrence)

    assert "Please read and accept the updated group agreement first." in page
    assert f'href="/groups/{group.slug}/agreement/"' in page


def test_signing_in_comes_first(client, occurrence):
    response = client.post(rsvp_url(occurrence), {"status": "going"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
