"""Groups joined by request: the agreement is accepted when asking; a facilitator answers."""

import pytest

from alongside.groups import actions
from alongside.groups.choices import JoinPolicy, MembershipStatus
from alongside.groups.selectors import active_membership, pending_join_requests
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.groups.tests.helpers import audit_entry


@pytest.fixture
def by_request(peer_supporter):
    return GroupFactory(join_policy=JoinPolicy.BY_REQUEST, facilitators=[peer_supporter])


def test_asking_to_join_accepts_the_agreement_but_is_not_yet_membership(by_request, member):
    request = actions.join_group(group=by_request, user=member, accepted_version=1)

    assert request.status == MembershipStatus.REQUESTED
    assert (request.agreement_version, request.joined_at) == (1, None)
    assert request.agreement_accepted_at is not None
    assert active_membership(group=by_request, user=member) is None
    assert list(pending_join_requests(group=by_request)) == [request]
    assert audit_entry("group.join_requested").actor == member


def test_asking_twice_is_refused(by_request, member):
    actions.join_group(group=by_request, user=member, accepted_version=1)

    with pytest.raises(actions.GroupActionError, match="already asked to join"):
        actions.join_group(group=by_request, user=member, accepted_version=1)


def test_a_facilitator_approves_a_request(by_request, member, peer_supporter):
    request = actions.join_group(group=by_request, user=member, accepted_version=1)

    membership = actions.approve_join_request(membership=request, actor=peer_supporter)

    assert membership.status == MembershipStatus.ACTIVE
    assert membership.joined_at is not None
    assert active_membership(group=by_request, user=member) == membership
    assert audit_entry("group.join_approved").actor == peer_supporter


def test_a_facilitator_declines_a_request_and_the_member_may_ask_again(
    by_request, member, peer_supporter
):
    request = actions.join_group(group=by_request, user=member, accepted_version=1)

    declined = actions.decline_join_request(membership=request, actor=peer_supporter)

    assert declined.status == MembershipStatus.DECLINED
    assert audit_entry("group.join_declined").actor == peer_supporter
    again = actions.join_group(group=by_request, user=member, accepted_version=1)
    assert (again.pk, again.status) == (request.pk, MembershipStatus.REQUESTED)


@pytest.mark.parametrize("answer", [actions.approve_join_request, actions.decline_join_request])
def test_a_request_is_answered_once(by_request, member, coordinator, answer):
    request = actions.join_group(group=by_request, user=member, accepted_version=1)
    actions.leave_group(membership=request)  # withdrawn

    with pytest.raises(actions.GroupActionError, match="already been answered or withdrawn"):
        answer(membership=request, actor=coordinator)


def test_a_request_cannot_be_approved_once_the_group_is_full(member, coordinator):
    group = GroupFactory(join_policy=JoinPolicy.BY_REQUEST, capacity=1)
    request = actions.join_group(group=group, user=member, accepted_version=1)
    MembershipFactory(group=group)

    with pytest.raises(actions.GroupActionError, match="This group is full"):
        actions.approve_join_request(membership=request, actor=coordinator)

    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED
