"""The group page: what everyone sees, and what only members and facilitators see."""

import pytest
from django.urls import reverse

from alongside.groups.choices import GroupStatus, JoinPolicy, MeetingMode, MembershipStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.meetings.tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db

ONLINE = "https://video.example.org/evening-circle"


@pytest.fixture
def group(peer_supporter):
    return GroupFactory(
        name="Evening Circle",
        purpose="We meet to talk about living with grief.",
        who_for="Anyone who has lost someone.",
        online_details=ONLINE,
        languages=["en", "cy"],
        facilitators=[peer_supporter],
    )


def page_of(client, group):
    return client.get(reverse("groups:detail", args=[group.slug]))


def test_anyone_sees_what_the_group_meets_about_first(client, group):
    response = page_of(client, group)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("What we meet about") < html.index("About this group")
    assert "living with grief" in html
    assert "Anyone who has lost someone." in html
    assert "Support group" in html and "Video call" in html
    assert "English, Welsh (Cymraeg)" in html
    assert "Alex" in html  # the facilitator
    assert reverse("meetings:group_calendar", args=[group.slug]) in html


def test_the_venue_shows_its_address_and_access(client, peer_supporter):
    venue = VenueFactory(name="Canton Library", features=["step_free", "hearing_loop"])
    group = GroupFactory(mode=MeetingMode.IN_PERSON, venue=venue)
    html = page_of(client, group).content.decode()
    assert "Canton Library" in html and "1 High Street, Cardiff" in html
    assert "Step-free access" in html and "Hearing loop" in html


def test_upcoming_dates_link_to_their_meeting_page(client, group):
    occurrence = OccurrenceFactory(meeting__group=group, meeting__title="Tuesday talk")
    html = page_of(client, group).content.decode()
    assert f'href="/meetings/{occurrence.pk}/"' in html
    assert "Tuesday talk" in html


def test_a_visitor_sees_neither_online_details_nor_members(client, group, member):
    MembershipFactory(group=group, user=member)
    html = page_of(client, group).content.decode()
    assert ONLINE not in html
    assert "<li>Robin</li>" not in html
    assert "Log in" in html


def test_a_signed_in_non_member_sees_neither_online_details_nor_members(
    client_for, group, member, other_member
):
    MembershipFactory(group=group, user=other_member)
    html = page_of(client_for(member), group).content.decode()
    assert ONLINE not in html
    assert "<li>Sam</li>" not in html
    assert reverse("groups:join", args=[group.slug]) in html


def test_a_member_sees_online_details_and_members(client_for, group, member, other_member):
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member)
    html = page_of(client_for(member), group).content.decode()
    assert ONLINE in html
    assert "<li>Robin</li>" in html and "<li>Sam</li>" in html
    assert "Requests to join" not in html


def test_someone_who_left_no_longer_sees_online_details(client_for, group, member):
    MembershipFactory(group=group, user=member, status=MembershipStatus.LEFT)
    html = page_of(client_for(member), group).content.decode()
    assert ONLINE not in html
    assert "Members" not in html


def test_a_facilitator_sees_members_and_requests_to_join(
    client_for, group, peer_supporter, member, other_member
):
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member, status=MembershipStatus.REQUESTED)
    html = page_of(client_for(peer_supporter), group).content.decode()
    assert "<li>Robin</li>" in html
    assert "Requests to join" in html and "Approve<span" in html
    assert (
        reverse(
            "groups:answer_request",
            args=[group.slug, group.memberships.get(user=other_member).pk, "approve"],
        )
        in html
    )


@pytest.mark.parametrize(
    "status,notice",
    [(GroupStatus.PAUSED, "paused for now"), (GroupStatus.CLOSED, "has closed")],
)
def test_a_paused_or_closed_group_says_so(client, status, notice):
    group = GroupFactory(status=status)
    html = page_of(client, group).content.decode()
    assert notice in html
    assert "isn't taking new members" in html


@pytest.mark.parametrize("status", [GroupStatus.PROPOSED, GroupStatus.DECLINED])
def test_a_proposed_or_declined_group_is_not_found_by_others(client_for, member, status):
    group = GroupFactory(status=status)
    assert page_of(client_for(member), group).status_code == 404


def test_a_proposed_group_is_shown_to_its_proposer_and_coordinators(
    client_for, member, coordinator
):
    group = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=member)
    assert page_of(client_for(member), group).status_code == 200
    assert page_of(client_for(coordinator), group).status_code == 200


def test_an_unknown_group_is_not_found(client):
    assert client.get(reverse("groups:detail", args=["no-such-group"])).status_code == 404


def test_the_directory_links_each_group_to_its_page(client, group):
    html = client.get(reverse("groups:directory")).content.decode()
    assert f'href="{reverse("groups:detail", args=[group.slug])}"' in html


def test_a_by_request_group_offers_to_ask(client_for, member):
    group = GroupFactory(join_policy=JoinPolicy.BY_REQUEST)
    assert "Ask to join" in page_of(client_for(member), group).content.decode()


def test_the_group_page_takes_the_same_queries_however_many_members_and_dates(
    client_for, group, peer_supporter, django_assert_max_num_queries
):
    client = client_for(peer_supporter)
    for _ in range(2):
        MembershipFactory(group=group)
        OccurrenceFactory(meeting__group=group)
    MembershipFactory(group=group, status=MembershipStatus.REQUESTED)
    page_of(client, group)  # warm the session and the user's profile
    with django_assert_max_num_queries(15) as few:
        page_of(client, group)
    for _ in range(10):
        MembershipFactory(group=group)
        MembershipFactory(group=group, status=MembershipStatus.REQUESTED)
        OccurrenceFactory(meeting__group=group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page_of(client, group)


def test_a_facilitator_sees_the_online_details_they_run(client_for, group, peer_supporter):
    assert ONLINE in page_of(client_for(peer_supporter), group).content.decode()
