"""Every change to groups, agreements, venues and memberships. Each is one transaction with
an audit entry. Callers authorise first (groups.permissions); these refuse only what depends
on the state of things, with a GroupActionError a page or the API can show as it is.

Audit entries name what changed and who did it, never a member's health information."""

from alongside.groups.actions.groups import (
    add_facilitator,
    approve_group,
    create_group,
    decline_group,
    propose_self_help_group,
    publish_agreement,
    remove_facilitator,
    set_group_status,
    update_group,
)
from alongside.groups.actions.membership import (
    accept_agreement,
    approve_join_request,
    decline_join_request,
    join_group,
    leave_group,
    remove_member,
)
from alongside.groups.actions.venues import create_venue, update_venue
from alongside.groups.errors import GroupActionError

__all__ = [
    "GroupActionError",
    "accept_agreement",
    "add_facilitator",
    "approve_group",
    "approve_join_request",
    "create_group",
    "create_venue",
    "decline_group",
    "decline_join_request",
    "join_group",
    "leave_group",
    "propose_self_help_group",
    "publish_agreement",
    "remove_facilitator",
    "remove_member",
    "set_group_status",
    "update_group",
    "update_venue",
]
