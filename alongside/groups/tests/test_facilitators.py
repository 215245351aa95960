"""Coordinators choose facilitators, who must be peer supporters."""

import pytest

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory
from alongside.common.models import AuditLogEntry
from alongside.groups import actions
from alongside.groups.selectors import is_facilitator
from alongside.groups.tests.helpers import audit_entry


def test_a_coordinator_adds_a_peer_supporter_as_facilitator(group, coordinator):
    supporter = UserFactory(roles=[Role.PEER_SUPPORTER])

    assert actions.add_facilitator(group=group, user=supporter, actor=coordinator)

    assert is_facilitator(group=group, user=supporter)
    assert audit_entry("group.facilitator_added").data == {"user": supporter.pk}


def test_adding_a_facilitator_twice_is_not_recorded(group, coordinator, facilitator):
    assert not actions.add_facilitator(group=group, user=facilitator, actor=coordinator)
    assert not AuditLogEntry.objects.filter(verb="group.facilitator_added").exists()


def test_a_member_without_the_peer_supporter_role_cannot_facilitate(group, coordinator, member):
    with pytest.raises(actions.GroupActionError, match="isn't a peer supporter"):
        actions.add_facilitator(group=group, user=member, actor=coordinator)

    assert not is_facilitator(group=group, user=member)


def test_a_coordinator_removes_a_facilitator(group, coordinator, facilitator):
    assert actions.remove_facilitator(group=group, user=facilitator, actor=coordinator)

    assert not is_facilitator(group=group, user=facilitator)
    assert audit_entry("group.facilitator_removed").data == {"user": facilitator.pk}
    assert not actions.remove_facilitator(group=group, user=facilitator, actor=coordinator)
