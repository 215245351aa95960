"""Joining through the pages: the agreement in full, the tick box, asking to join,
accepting a changed agreement, leaving, and facilitators answering requests."""

import pytest
from django.urls import reverse

from alongside.groups.actions import publish_agreement
from alongside.groups.choices import GroupStatus, JoinPolicy, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.groups.tests.helpers import AGREEMENT

pytestmark = pytest.mark.django_db


def url(name, group, *args):
    return reverse(f"groups:{name}", args=[group.slug, *args])


def test_the_join_page_shows_the_whole_agreement(client_for, group, member):
    html = client_for(member).get(url("join", group)).content.decode()
    assert "The group agreement (version 1)" in html
    assert "We listen without interrupting." in html
    assert "What is said in the group stays in the group." in html
    assert "With kindness and patience." in html
    assert "I have read the group agreement and I accept it" in html


def test_the_join_page_asks_visitors_to_log_in(client, group):
    response = client.get(url("join", group))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_ticking_the_agreement_joins_an_open_group(client_for, group, member):
    client = client_for(member)
    response = client.post(url("join", group), {"version": 1, "accept": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == url("detail", group)
    membership = Membership.objects.get(group=group, user=member)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.agreement_version == 1
    assert "You&#x27;ve joined Evening Circle" in response.content.decode()


def test_without_ticking_the_agreement_nobody_joins(client_for, group, member):
    response = client_for(member).post(url("join", group), {"version": 1})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Tick the box to say you accept the group agreement." in html
    assert not Membership.objects.filter(group=group, user=member).exists()


def test_joining_a_by_request_group_sends_a_request(client_for, member):
    group = GroupFactory(join_policy=JoinPolicy.BY_REQUEST)
    response = client_for(member).post(
        url("join", group), {"version": 1, "accept": "on"}, follow=True
    )
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.REQUESTED
    assert "A facilitator will let you know" in response.content.decode()


def test_a_changed_agreement_while_reading_is_shown_again(
    client_for, group, member, peer_supporter
):
    publish_agreement(group=group, actor=peer_supporter, terms=AGREEMENT)
    response = client_for(member).post(url("join", group), {"version": 1, "accept": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The group agreement changed while you were reading it." in html
    assert "One person speaks at a time." in html
    assert 'name="version" value="2"' in html
    assert not Membership.objects.filter(group=group, user=member).exists()


def test_a_full_group_says_so_calmly(client_for, member, other_member):
    group = GroupFactory(capacity=1)
    MembershipFactory(group=group, user=other_member)
    response = client_for(member).post(url("join", group), {"version": 1, "accept": "on"})
    assert response.status_code == 400
    assert "This group is full." in response.content.decode()


def test_a_paused_group_takes_no_new_members(client_for, member):
    group = GroupFactory(status=GroupStatus.PAUSED)
    response = client_for(member).post(url("join", group), {"version": 1, "accept": "on"})
    assert response.status_code == 400
    assert "taking new members at the moment" in response.content.decode()


def test_a_group_without_an_agreement_offers_no_form(client_for, member):
    group = GroupFactory(agreement=False)
    html = client_for(member).get(url("join", group)).content.decode()
    assert "hasn't written its agreement yet" in html
    assert 'name="accept"' not in html


def test_a_member_is_sent_from_the_join_page_to_the_group(client_for, group, member):
    MembershipFactory(group=group, user=member)
    response = client_for(member).get(url("join", group))
    assert response.status_code == 302 and response["Location"] == url("detail", group)


def test_joining_a_proposed_group_is_not_found(client_for, member):
    group = GroupFactory(status=GroupStatus.PROPOSED)
    response = client_for(member).post(url("join", group), {"version": 1, "accept": "on"})
    assert response.status_code == 404


def test_with_htmx_an_error_swaps_the_form_and_success_redirects(client_for, group, member):
    client = client_for(member)
    response = client.post(url("join", group), {"version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps only 2xx responses
    html = response.content.decode()
    assert html.startswith('<div id="join-panel">') and "<html" not in html
    assert "Tick the box" in html
    response = client.post(
        url("join", group), {"version": 1, "accept": "on"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == url("detail", group)


def test_a_member_with_an_old_agreement_is_asked_to_accept_the_new_one(
    client_for, group, member, peer_supporter
):
    membership = MembershipFactory(group=group, user=member)
    publish_agreement(group=group, actor=peer_supporter, terms=AGREEMENT)
    client = client_for(member)
    assert "Accept the updated agreement" in client.get(url("detail", group)).content.decode()
    page = client.get(url("agreement", group)).content.decode()
    assert "One person speaks at a time." in page and "(version 2)" in page

    response = client.post(url("agreement", group), {"version": 2})
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.agreement_version == 1

    response = client.post(url("agreement", group), {"version": 2, "accept": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.agreement_version == 2
    assert "Accept the updated agreement" not in client.get(url("detail", group)).content.decode()


def test_a_non_member_is_sent_from_the_agreement_page_to_join(client_for, group, member):
    response = client_for(member).get(url("agreement", group))
    assert response["Location"] == url("join", group)


def test_leaving_asks_first_then_leaves(client_for, group, member):
    membership = MembershipFactory(group=group, user=member)
    client = client_for(member)
    page = client.get(url("leave", group)).content.decode()
    assert "Leave Evening Circle?" in page
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE

    response = client.post(url("leave", group), follow=True)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert "You&#x27;ve left Evening Circle" in response.content.decode()


def test_withdrawing_a_request_to_join(client_for, member):
    group = GroupFactory(join_policy=JoinPolicy.BY_REQUEST)
    membership = MembershipFactory(group=group, user=member, status=MembershipStatus.REQUESTED)
    client = client_for(member)
    assert "Withdraw your request" in client.get(url("leave", group)).content.decode()
    client.post(url("leave", group))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT


def test_someone_not_in_the_group_has_nothing_to_leave(client_for, group, member):
    response = client_for(member).post(url("leave", group))
    assert response.status_code == 302 and response["Location"] == url("detail", group)


@pytest.mark.parametrize(
    "answer,status",
    [("approve", MembershipStatus.ACTIVE), ("decline", MembershipStatus.DECLINED)],
)
def test_a_facilitator_answers_a_request(client_for, group, facilitator, member, answer, status):
    asked = MembershipFactory(group=group, user=member, status=MembershipStatus.REQUESTED)
    response = client_for(facilitator).post(url("answer_request", group, asked.pk, answer))
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == status


def test_a_member_cannot_answer_requests(client_for, group, member, other_member):
    MembershipFactory(group=group, user=member)
    asked = MembershipFactory(group=group, user=other_member, status=MembershipStatus.REQUESTED)
    response = client_for(member).post(url("answer_request", group, asked.pk, "approve"))
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == MembershipStatus.REQUESTED


def test_answering_an_answered_request_says_so(client_for, group, facilitator, member):
    asked = MembershipFactory(group=group, user=member, status=MembershipStatus.DECLINED)
    response = client_for(facilitator).post(
        url("answer_request", group, asked.pk, "approve"), follow=True
    )
    assert "already been answered" in response.content.decode()


def test_an_unknown_answer_is_not_found(client_for, group, facilitator, member):
    asked = MembershipFactory(group=group, user=member, status=MembershipStatus.REQUESTED)
    response = client_for(facilitator).post(url("answer_request", group, asked.pk, "maybe"))
    assert response.status_code == 404
