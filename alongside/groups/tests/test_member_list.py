"""Members see each other by display name only; "my groups" lists what someone belongs to."""

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import GroupStatus, MembershipStatus
from alongside.groups.selectors import groups_for_user, member_list
from alongside.groups.tests.factories import GroupFactory, MembershipFactory


def test_the_member_list_is_display_names_in_order(group, member, other_member):
    MembershipFactory(group=group, user=other_member)
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, status=MembershipStatus.LEFT)
    MembershipFactory(group=group, status=MembershipStatus.REQUESTED)
    MembershipFactory(group=GroupFactory())  # another group

    assert member_list(group=group) == ["Robin", "Sam"]


def test_the_member_list_never_holds_email_addresses(group, member):
    MembershipFactory(group=group, user=member)

    listed = member_list(group=group)

    assert all(isinstance(name, str) for name in listed)
    assert member.email not in str(listed)


def test_the_member_list_takes_one_query_however_many_members(group, django_assert_num_queries):
    for _ in range(20):
        MembershipFactory(group=group)

    with django_assert_num_queries(1):
        assert len(member_list(group=group)) == 20


def test_my_groups_are_those_i_belong_to_or_facilitate(member, peer_supporter):
    mine = GroupFactory(name="A Mine")
    facilitated = GroupFactory(name="B Facilitated", facilitators=[member])
    GroupFactory(name="C Left")
    MembershipFactory(group=mine, user=member)
    MembershipFactory(group=facilitated, user=member)  # both: listed once
    MembershipFactory(group=GroupFactory(name="D Left"), user=member, status=MembershipStatus.LEFT)
    GroupFactory(name="E Declined", status=GroupStatus.DECLINED, facilitators=[member])

    assert [group.name for group in groups_for_user(user=member)] == [
        "A Mine",
        "B Facilitated",
    ]
    assert list(groups_for_user(user=UserFactory())) == []
