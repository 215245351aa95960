"""My groups and meetings: the groups I'm in, the meetings I'm going to, my calendar feed."""

import re

import pytest
from django.urls import reverse

from alongside.groups.choices import GroupStatus, MembershipStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.meetings.feed_tokens import calendar_feed_owner, create_calendar_feed_token
from alongside.meetings.models import CalendarFeedToken, RsvpStatus
from alongside.meetings.tests.factories import RsvpFactory

pytestmark = pytest.mark.django_db

MINE = "/my/"


def test_my_page_needs_signing_in(client):
    response = client.get(MINE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_url_is_my(client):
    assert reverse("groups:mine") == MINE


def test_the_header_links_signed_in_people_to_my_groups(client, client_for, member):
    assert f'href="{MINE}"' not in client.get("/").content.decode()
    assert f'href="{MINE}">My groups<' in client_for(member).get("/").content.decode()


def test_my_page_lists_my_groups_and_requests_not_others(client_for, member):
    mine = MembershipFactory(user=member, group__name="Evening Circle").group
    asked = MembershipFactory(
        user=member, group__name="Morning Walk", status=MembershipStatus.REQUESTED
    ).group
    MembershipFactory(user=member, group__name="Old Group", status=MembershipStatus.LEFT)
    GroupFactory(name="Someone Else's Group")
    html = client_for(member).get(MINE).content.decode()
    assert reverse("groups:detail", args=[mine.slug]) in html
    assert "Waiting to hear back" in html
    assert reverse("groups:detail", args=[asked.slug]) in html
    assert "Old Group" not in html
    assert "Someone Else" not in html


def test_a_facilitator_sees_the_groups_they_facilitate(client_for, group, facilitator):
    html = client_for(facilitator).get(MINE).content.decode()
    assert "Evening Circle" in html and "You facilitate this group" in html


def test_my_page_lists_meetings_i_am_going_to_or_waiting_for(client_for, member):
    going = RsvpFactory(user=member, occurrence__meeting__title="Tuesday talk")
    waiting = RsvpFactory(
        user=member, status=RsvpStatus.WAITLISTED, occurrence__meeting__title="Friday walk"
    )
    RsvpFactory(user=member, status=RsvpStatus.NOT_GOING, occurrence__meeting__title="Sunday lunch")
    html = client_for(member).get(MINE).content.decode()
    assert f'href="/meetings/{going.occurrence.pk}/"' in html
    assert f'href="/meetings/{waiting.occurrence.pk}/"' in html
    assert "on the waiting list" in html
    assert "Sunday lunch" not in html


def test_making_a_calendar_feed_shows_its_address_once(client_for, member):
    client = client_for(member)
    response = client.post(reverse("groups:calendar_feed"))
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(r'id="feed-url">(http://testserver/calendar/me/([^<]+)\.ics)<', html)
    assert found, html
    assert calendar_feed_owner(found.group(2)) == member
    assert found.group(2) not in client.get(MINE).content.decode()
    assert "Turn off my calendar feed" in client.get(MINE).content.decode()


def test_turning_off_the_calendar_feed(client_for, member):
    _token, key = create_calendar_feed_token(user=member)
    response = client_for(member).post(reverse("groups:calendar_feed_revoke"), follow=True)
    assert "no longer works" in response.content.decode()
    assert calendar_feed_owner(key) is None
    assert not CalendarFeedToken.objects.filter(user=member).exists()


def test_the_feed_buttons_only_take_posts(client_for, member):
    client = client_for(member)
    assert client.get(reverse("groups:calendar_feed")).status_code == 405
    assert client.get(reverse("groups:calendar_feed_revoke")).status_code == 405


def test_a_declined_proposal_is_not_among_my_groups(client_for, member):
    GroupFactory(name="Not Approved", status=GroupStatus.DECLINED, facilitators=[member])
    assert "Not Approved" not in client_for(member).get(MINE).content.decode()


def test_my_page_takes_the_same_queries_however_many_groups_and_meetings(
    client_for, member, django_assert_max_num_queries
):
    client = client_for(member)

    def add_some():
        MembershipFactory(user=member)
        MembershipFactory(user=member, status=MembershipStatus.REQUESTED)
        RsvpFactory(user=member)
        RsvpFactory(user=member, status=RsvpStatus.WAITLISTED)

    add_some()
    client.get(MINE)
    with django_assert_max_num_queries(10) as few:
        client.get(MINE)
    for _ in range(8):
        add_some()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(MINE)
