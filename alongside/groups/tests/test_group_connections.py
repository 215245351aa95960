"""Active members of the same group are connected: "connections" profile fields show."""

import pytest

from alongside.accounts.privacy import are_connected
from alongside.accounts.tests.test_profile_privacy import (
    EVERY_FIELD,
    NO_FIELD,
    fill_in_profile,
    shown_by_api,
    shown_on_page,
)
from alongside.groups.choices import MembershipStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory


def test_fellow_group_members_see_connections_fields(group, member, other_member):
    fill_in_profile(member, level="connections")
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member)

    assert are_connected(other_member, member)
    assert shown_on_page(other_member, member) == EVERY_FIELD
    assert shown_by_api(other_member, member) == EVERY_FIELD


@pytest.mark.parametrize(
    "status", [MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.REQUESTED]
)
def test_only_active_members_are_connected(group, member, other_member, status):
    fill_in_profile(member, level="connections")
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member, status=status)

    assert not are_connected(other_member, member)
    assert shown_on_page(other_member, member) == NO_FIELD


def test_members_of_different_groups_are_not_connected(group, member, other_member):
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=GroupFactory(), user=other_member)

    assert not are_connected(other_member, member)


def test_being_connected_takes_one_query(group, member, other_member, django_assert_num_queries):
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member)

    with django_assert_num_queries(1):
        assert are_connected(other_member, member)
