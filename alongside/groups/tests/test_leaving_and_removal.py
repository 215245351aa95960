"""Members leave; facilitators remove, with a reason only the audit log keeps."""

import pytest

from alongside.groups import actions
from alongside.groups.choices import MembershipStatus
from alongside.groups.selectors import active_membership, member_list
from alongside.groups.tests.factories import MembershipFactory
from alongside.groups.tests.helpers import audit_entry

REASON = "Shared another member's story outside the group."


def test_a_member_leaves(group, member):
    membership = MembershipFactory(group=group, user=member)

    actions.leave_group(membership=membership)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert active_membership(group=group, user=member) is None
    assert audit_entry("group.left").actor == member


def test_leaving_twice_is_refused(group, member):
    membership = MembershipFactory(group=group, user=member, status=MembershipStatus.LEFT)

    with pytest.raises(actions.GroupActionError, match="aren't a member"):
        actions.leave_group(membership=membership)


def test_a_facilitator_removes_a_member_with_the_reason_in_the_audit_log(
    group, member, facilitator
):
    membership = MembershipFactory(group=group, user=member)

    actions.remove_member(membership=membership, actor=facilitator, reason=REASON)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REMOVED
    assert "Robin" not in member_list(group=group)
    entry = audit_entry("group.member_removed")
    assert entry.actor == facilitator
    assert entry.target_id == str(membership.pk)
    assert entry.data == {"group": group.pk, "reason": REASON}
    # The reason is kept nowhere else: not on the membership the member can see.
    stored = {field.attname: getattr(membership, field.attname) for field in
              membership._meta.concrete_fields}  # fmt: skip
    assert REASON not in str(stored)


def test_only_current_members_can_be_removed(group, facilitator):
    membership = MembershipFactory(group=group, status=MembershipStatus.LEFT)

    with pytest.raises(actions.GroupActionError, match="isn't a member of this group"):
        actions.remove_member(membership=membership, actor=facilitator, reason=REASON)
