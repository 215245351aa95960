"""/api/v1/groups/{slug}: joining with the agreement, leaving, accepting a changed agreement,
and facilitators answering requests to join."""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import GroupKind, GroupStatus, JoinPolicy, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import (
    GroupAgreementFactory,
    GroupFactory,
    MembershipFactory,
)


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def assert_conflict(response, message: str) -> None:
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["errors"] == {}
    assert message in body["detail"]


@pytest.fixture
def group(peer_supporter):
    return GroupFactory(name="Evening Circle", facilitators=[peer_supporter])


@pytest.fixture
def by_request(peer_supporter):
    return GroupFactory(
        name="Quiet Room", join_policy=JoinPolicy.BY_REQUEST, facilitators=[peer_supporter]
    )


# ---- The agreement and joining ------------------------------------------------------------


def test_anyone_signed_in_reads_the_current_agreement(client_for, member, group):
    GroupAgreementFactory(group=group, version=2, ground_rules="Phones away.")

    response = client_for(member).get(f"/api/v1/groups/{group.slug}/agreement")

    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["ground_rules"]) == (2, "Phones away.")


def test_a_group_without_an_agreement_says_so(client_for, member):
    group = GroupFactory(agreement=False)

    response = client_for(member).get(f"/api/v1/groups/{group.slug}/agreement")

    assert response.status_code == 404
    assert "hasn't written its agreement" in response.json()["detail"]


def test_the_agreement_of_a_hidden_group_is_404(client_for, other_member, member):
    proposed = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=member)

    response = client_for(other_member).get(f"/api/v1/groups/{proposed.slug}/agreement")

    assert response.status_code == 404


def test_joining_an_open_group_with_the_current_version(client_for, member, group):
    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["agreement_version"]) == ("active", 1)
    assert body["joined_at"] is not None
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.ACTIVE


def test_joining_with_an_old_version_is_refused(client_for, member, group):
    GroupAgreementFactory(group=group, version=2)

    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1}
    )

    assert_conflict(response, "The group agreement changed while you were reading it")
    assert not Membership.objects.exists()


def test_joining_without_a_version_is_refused(client_for, member, group):
    response = post(client_for(member), f"/api/v1/groups/{group.slug}/join", {})

    assert response.status_code == 422
    assert response.json()["errors"] == {"agreement_version": ["This field is required."]}


def test_joining_a_full_group_is_refused(client_for, member, group):
    group.capacity = 1
    group.save()
    MembershipFactory(group=group)

    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1}
    )

    assert_conflict(response, "This group is full")


def test_joining_twice_is_refused(client_for, member, group):
    MembershipFactory(group=group, user=member)

    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1}
    )

    assert_conflict(response, "already a member")


def test_asking_to_join_a_group_by_request(client_for, member, by_request):
    response = post(
        client_for(member), f"/api/v1/groups/{by_request.slug}/join", {"agreement_version": 1}
    )

    assert response.json()["status"] == "requested"


def test_joining_a_hidden_group_is_404(client_for, other_member, member):
    proposed = GroupFactory(
        kind=GroupKind.SELF_HELP, status=GroupStatus.PROPOSED, proposed_by=member
    )

    response = post(
        client_for(other_member), f"/api/v1/groups/{proposed.slug}/join", {"agreement_version": 1}
    )

    assert response.status_code == 404
    assert not Membership.objects.exists()


def test_joining_needs_authentication(client, group):
    response = post(client, f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1})

    assert response.status_code == 401


def test_joining_by_session_needs_the_csrf_token(member, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = post(client, f"/api/v1/groups/{group.slug}/join", {"agreement_version": 1})

    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_joining_with_a_token(member, group):
    _token, key = account_actions.create_api_token(user=member, name="script")
    client = Client(enforce_csrf_checks=True)

    response = post(
        client,
        f"/api/v1/groups/{group.slug}/join",
        {"agreement_version": 1},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 200


# ---- Accepting a changed agreement --------------------------------------------------------


def test_a_member_accepts_a_changed_agreement(client_for, member, group):
    MembershipFactory(group=group, user=member)
    GroupAgreementFactory(group=group, version=2)

    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/agreement/accept", {"version": 2}
    )

    assert response.status_code == 200
    assert response.json()["agreement_version"] == 2


def test_accepting_an_out_of_date_version_is_refused(client_for, member, group):
    MembershipFactory(group=group, user=member)
    GroupAgreementFactory(group=group, version=2)

    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/agreement/accept", {"version": 1}
    )

    assert_conflict(response, "Please read the new version")


def test_a_non_member_may_not_accept_the_agreement(client_for, member, group):
    response = post(
        client_for(member), f"/api/v1/groups/{group.slug}/agreement/accept", {"version": 1}
    )

    assert_conflict(response, "Only members of this group")


# ---- Leaving --------------------------------------------------------------------------------


def test_a_member_leaves(client_for, member, group):
    MembershipFactory(group=group, user=member)

    response = post(client_for(member), f"/api/v1/groups/{group.slug}/leave")

    assert response.status_code == 200
    assert response.json()["status"] == "left"


def test_leaving_a_group_you_are_not_in_is_refused(client_for, member, group):
    response = post(client_for(member), f"/api/v1/groups/{group.slug}/leave")

    assert_conflict(response, "You aren't a member of this group.")


def test_leaving_needs_authentication(client, group):
    assert post(client, f"/api/v1/groups/{group.slug}/leave").status_code == 401


# ---- Requests to join ---------------------------------------------------------------------


@pytest.fixture
def request_to_join(by_request, member):
    return MembershipFactory(
        group=by_request, user=member, status=MembershipStatus.REQUESTED, joined_at=None
    )


def test_a_facilitator_lists_requests(client_for, peer_supporter, by_request, request_to_join):
    response = client_for(peer_supporter).get(f"/api/v1/groups/{by_request.slug}/requests")

    assert response.status_code == 200
    (entry,) = response.json()
    assert (entry["membership_id"], entry["display_name"]) == (request_to_join.pk, "Robin")


def test_a_member_may_not_list_requests(client_for, other_member, by_request, request_to_join):
    MembershipFactory(group=by_request, user=other_member)

    response = client_for(other_member).get(f"/api/v1/groups/{by_request.slug}/requests")

    assert response.status_code == 403


def test_a_coordinator_lists_requests(client_for, coordinator, by_request, request_to_join):
    response = client_for(coordinator).get(f"/api/v1/groups/{by_request.slug}/requests")

    assert len(response.json()) == 1


def test_a_coordinator_without_two_factor_may_not_list_requests(
    client_for, coordinator_without_2fa, by_request
):
    response = client_for(coordinator_without_2fa).get(f"/api/v1/groups/{by_request.slug}/requests")

    assert response.status_code == 403


def test_a_facilitator_approves_a_request(client_for, peer_supporter, by_request, request_to_join):
    url = f"/api/v1/groups/{by_request.slug}/requests/{request_to_join.pk}/approve"

    response = post(client_for(peer_supporter), url)

    assert response.status_code == 200
    assert response.json()["status"] == "active"
    again = post(client_for(peer_supporter), url)
    assert_conflict(again, "already been answered")


def test_a_facilitator_declines_a_request(client_for, peer_supporter, by_request, request_to_join):
    url = f"/api/v1/groups/{by_request.slug}/requests/{request_to_join.pk}/decline"

    response = post(client_for(peer_supporter), url)

    assert response.json()["status"] == "declined"


def test_approving_when_full_is_refused(client_for, peer_supporter, by_request, request_to_join):
    by_request.capacity = 1
    by_request.save()
    MembershipFactory(group=by_request, user=UserFactory())
    url = f"/api/v1/groups/{by_request.slug}/requests/{request_to_join.pk}/approve"

    assert_conflict(post(client_for(peer_supporter), url), "This group is full")


def test_the_member_asking_may_not_approve_themselves(
    client_for, member, by_request, request_to_join
):
    url = f"/api/v1/groups/{by_request.slug}/requests/{request_to_join.pk}/approve"

    response = post(client_for(member), url)

    assert response.status_code == 403
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.REQUESTED


def test_a_request_of_another_group_is_404(client_for, peer_supporter, group, request_to_join):
    url = f"/api/v1/groups/{group.slug}/requests/{request_to_join.pk}/approve"

    assert post(client_for(peer_supporter), url).status_code == 404


def test_answering_needs_authentication(client, by_request, request_to_join):
    url = f"/api/v1/groups/{by_request.slug}/requests/{request_to_join.pk}/approve"

    assert post(client, url).status_code == 401
