"""Who may do what to a group, and who may even see that a group exists."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.groups import permissions
from alongside.groups.choices import GroupStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"


def persona(request, name):
    return AnonymousUser() if name == ANONYMOUS else request.getfixturevalue(name)


@pytest.mark.parametrize("name", [ANONYMOUS, "member", "moderator", "coordinator_without_2fa"])
def test_who_cannot_create_a_group(request, name):
    with pytest.raises(PermissionDenied):
        permissions.check_create_group_permission(persona(request, name))


@pytest.mark.parametrize("name", ["peer_supporter", "coordinator"])
def test_who_can_create_a_group(request, name):
    permissions.check_create_group_permission(persona(request, name))


def test_anyone_signed_in_can_propose_or_join(member):
    permissions.check_propose_group_permission(member)
    permissions.check_join_group_permission(member)


@pytest.mark.parametrize(
    "check",
    [permissions.check_propose_group_permission, permissions.check_join_group_permission],
)
def test_anonymous_visitors_cannot_propose_or_join(check):
    with pytest.raises(PermissionDenied):
        check(AnonymousUser())


GROUP_CHECKS = [
    permissions.check_edit_group_permission,
    permissions.check_manage_membership_permission,
]


@pytest.mark.parametrize("check", GROUP_CHECKS)
@pytest.mark.parametrize(
    "name",
    [ANONYMOUS, "member", "other_member", "moderator", "coordinator_without_2fa"],
)
def test_who_cannot_edit_a_group_or_manage_its_members(request, group, check, name):
    with pytest.raises(PermissionDenied):
        check(persona(request, name), group)


@pytest.mark.parametrize("check", GROUP_CHECKS)
def test_a_member_of_the_group_cannot_edit_it_or_manage_its_members(group, member, check):
    MembershipFactory(group=group, user=member)

    with pytest.raises(PermissionDenied):
        check(member, group)


@pytest.mark.parametrize("check", GROUP_CHECKS)
def test_a_facilitator_of_another_group_cannot_edit_this_one(peer_supporter, check):
    GroupFactory(facilitators=[peer_supporter])
    other_group = GroupFactory()

    with pytest.raises(PermissionDenied):
        check(peer_supporter, other_group)


@pytest.mark.parametrize("check", GROUP_CHECKS)
@pytest.mark.parametrize("name", ["facilitator", "coordinator"])
def test_facilitators_and_coordinators_edit_and_manage_members(request, group, check, name):
    check(persona(request, name), group)


@pytest.mark.parametrize(
    "check",
    [
        permissions.check_review_group_permission,
        permissions.check_manage_facilitators_permission,
    ],
)
@pytest.mark.parametrize(
    "name",
    [ANONYMOUS, "member", "peer_supporter", "moderator", "coordinator_without_2fa"],
)
def test_only_coordinators_review_groups_and_choose_facilitators(request, check, name):
    with pytest.raises(PermissionDenied):
        check(persona(request, name))


@pytest.mark.parametrize("name", [ANONYMOUS, "member", "peer_supporter", "coordinator_without_2fa"])
def test_only_staff_with_two_factor_manage_venues(request, name):
    with pytest.raises(PermissionDenied):
        permissions.check_manage_venues_permission(persona(request, name))


@pytest.mark.parametrize("name", ["moderator", "coordinator"])
def test_staff_with_two_factor_manage_venues(request, name):
    permissions.check_manage_venues_permission(persona(request, name))


# -- seeing groups ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED])
@pytest.mark.parametrize("name", [ANONYMOUS, "member"])
def test_running_groups_are_open_to_everyone(request, status, name):
    group = GroupFactory(status=status)
    viewer = persona(request, name)

    assert permissions.access_group_by_id(user=viewer, group_id=group.pk) == group
    assert permissions.access_group_by_slug(user=viewer, slug=group.slug) == group
    assert list(permissions.filter_groups_queryset(viewer)) == [group]


@pytest.mark.parametrize("status", [GroupStatus.PROPOSED, GroupStatus.DECLINED])
@pytest.mark.parametrize(
    "name",
    [ANONYMOUS, "other_member", "peer_supporter", "moderator", "coordinator_without_2fa"],
)
def test_a_proposed_or_declined_group_is_not_found_by_others(request, member, status, name):
    group = GroupFactory(status=status, proposed_by=member)
    viewer = persona(request, name)

    with pytest.raises(Http404):
        permissions.access_group_by_id(user=viewer, group_id=group.pk)
    with pytest.raises(Http404):
        permissions.access_group_by_slug(user=viewer, slug=group.slug)
    assert not permissions.filter_groups_queryset(viewer).exists()


@pytest.mark.parametrize("status", [GroupStatus.PROPOSED, GroupStatus.DECLINED])
@pytest.mark.parametrize("name", ["member", "coordinator"])
def test_the_proposer_and_coordinators_see_a_proposed_group(request, member, status, name):
    group = GroupFactory(status=status, proposed_by=member)
    viewer = persona(request, name)

    assert permissions.access_group_by_id(user=viewer, group_id=group.pk) == group
    assert permissions.access_group_by_slug(user=viewer, slug=group.slug) == group
    assert list(permissions.filter_groups_queryset(viewer)) == [group]


def test_an_unknown_group_is_not_found(member):
    with pytest.raises(Http404):
        permissions.access_group_by_id(user=member, group_id=999999)
    with pytest.raises(Http404):
        permissions.access_group_by_slug(user=member, slug="no-such-group")


def test_memberships_are_managed_only_within_their_own_group(group, facilitator):
    elsewhere = MembershipFactory()
    here = MembershipFactory(group=group)

    assert (
        permissions.access_membership_by_id(user=facilitator, group=group, membership_id=here.pk)
        == here
    )
    with pytest.raises(Http404):
        permissions.access_membership_by_id(
            user=facilitator, group=group, membership_id=elsewhere.pk
        )


def test_members_cannot_fetch_memberships_to_manage(group, member):
    here = MembershipFactory(group=group)

    with pytest.raises(PermissionDenied):
        permissions.access_membership_by_id(user=member, group=group, membership_id=here.pk)
