"""Joining an open group means accepting its current agreement; full groups say so."""

import pytest

from alongside.accounts.tests.factories import UserFactory
from alongside.groups import actions
from alongside.groups.choices import GroupStatus, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.selectors import active_membership, has_accepted_current_agreement
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.groups.tests.helpers import audit_entry


def test_joining_stores_the_accepted_agreement_version_and_time(group, member):
    membership = actions.join_group(group=group, user=member, accepted_version=1)

    assert membership.status == MembershipStatus.ACTIVE
    assert membership.agreement_version == 1
    assert membership.agreement_accepted_at is not None
    assert membership.joined_at is not None
    assert active_membership(group=group, user=member) == membership
    entry = audit_entry("group.joined")
    assert entry.actor == member
    assert entry.data == {"group": group.pk, "agreement_version": 1}


def test_joining_without_accepting_the_agreement_is_refused(group, member):
    with pytest.raises(actions.GroupActionError, match="read the group agreement and accept"):
        actions.join_group(group=group, user=member, accepted_version=None)

    assert not Membership.objects.exists()


def test_accepting_an_older_version_than_the_current_one_is_refused(group, member, facilitator):
    actions.publish_agreement(
        group=group,
        actor=facilitator,
        terms={"ground_rules": "New", "confidentiality": "New", "how_we_treat_each_other": "New"},
    )

    with pytest.raises(actions.GroupActionError, match="agreement changed while you were"):
        actions.join_group(group=group, user=member, accepted_version=1)

    assert actions.join_group(group=group, user=member, accepted_version=2).agreement_version == 2


def test_a_group_without_an_agreement_takes_no_members(member):
    group = GroupFactory(agreement=False)

    with pytest.raises(actions.GroupActionError, match="hasn't written its agreement"):
        actions.join_group(group=group, user=member, accepted_version=1)


@pytest.mark.parametrize("status", [GroupStatus.PAUSED, GroupStatus.CLOSED, GroupStatus.PROPOSED])
def test_only_active_groups_take_members(member, status):
    group = GroupFactory(status=status)

    with pytest.raises(actions.GroupActionError, match="isn't taking new members"):
        actions.join_group(group=group, user=member, accepted_version=1)


def test_a_full_group_refuses_with_a_clear_message(member):
    group = GroupFactory(capacity=2)
    MembershipFactory.create_batch(2, group=group)

    with pytest.raises(actions.GroupActionError, match="This group is full"):
        actions.join_group(group=group, user=member, accepted_version=1)


def test_members_who_left_do_not_take_up_places(member):
    group = GroupFactory(capacity=1)
    MembershipFactory(group=group, status=MembershipStatus.LEFT)

    assert actions.join_group(group=group, user=member, accepted_version=1).status == "active"


def test_joining_twice_is_refused(group, member):
    actions.join_group(group=group, user=member, accepted_version=1)

    with pytest.raises(actions.GroupActionError, match="already a member"):
        actions.join_group(group=group, user=member, accepted_version=1)


def test_rejoining_after_leaving_reuses_the_membership(group, member):
    first = actions.join_group(group=group, user=member, accepted_version=1)
    actions.leave_group(membership=first)

    again = actions.join_group(group=group, user=member, accepted_version=1)

    assert again.pk == first.pk
    assert again.status == MembershipStatus.ACTIVE
    assert Membership.objects.count() == 1


def test_a_removed_member_cannot_rejoin(group, facilitator):
    membership = MembershipFactory(group=group)
    actions.remove_member(membership=membership, actor=facilitator, reason="Repeated abuse.")

    with pytest.raises(actions.GroupActionError, match="can't rejoin"):
        actions.join_group(group=group, user=membership.user, accepted_version=1)


def test_a_new_agreement_must_be_accepted_again(group, facilitator):
    membership = MembershipFactory(group=group)
    assert has_accepted_current_agreement(membership=membership)

    agreement = actions.publish_agreement(
        group=group,
        actor=facilitator,
        terms={"ground_rules": "v2", "confidentiality": "v2", "how_we_treat_each_other": "v2"},
    )

    membership.refresh_from_db()
    assert agreement.version == 2
    assert membership.agreement_version == 1  # what they accepted is kept
    assert not has_accepted_current_agreement(membership=membership)

    actions.accept_agreement(membership=membership, accepted_version=2)

    membership.refresh_from_db()
    assert membership.agreement_version == 2
    assert has_accepted_current_agreement(membership=membership)
    assert audit_entry("group.agreement_accepted").data == {
        "group": group.pk,
        "agreement_version": 2,
    }


def test_accepting_a_version_that_is_not_current_is_refused(group, facilitator):
    membership = MembershipFactory(group=group)
    actions.publish_agreement(
        group=group,
        actor=facilitator,
        terms={"ground_rules": "v2", "confidentiality": "v2", "how_we_treat_each_other": "v2"},
    )

    with pytest.raises(actions.GroupActionError, match="agreement changed"):
        actions.accept_agreement(membership=membership, accepted_version=1)


def test_people_outside_the_group_cannot_accept_its_agreement(group):
    membership = MembershipFactory(group=group, status=MembershipStatus.LEFT)

    with pytest.raises(actions.GroupActionError, match="Only members"):
        actions.accept_agreement(membership=membership, accepted_version=1)


def test_each_person_joins_separately(group):
    people = UserFactory.create_batch(3)
    for person in people:
        actions.join_group(group=group, user=person, accepted_version=1)

    assert Membership.objects.filter(group=group, status="active").count() == 3
