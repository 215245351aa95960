"""Roles are permissions held by one account, not separate accounts.

Each role is a Django auth Group of the same name holding one permission. Every member
has the implicit "member" role; the others are granted and removed by coordinators.
"""

from django.db import models


class Role(models.TextChoices):
    PEER_SUPPORTER = "peer_supporter", "Peer supporter"
    MODERATOR = "moderator", "Moderator"
    COORDINATOR = "coordinator", "Coordinator"


# role -> the permission (app_label.codename) the role's group carries
ROLE_PERMISSIONS = {
    Role.PEER_SUPPORTER: "accounts.support_peers",
    Role.MODERATOR: "accounts.moderate",
    Role.COORDINATOR: "accounts.coordinate",
}
STAFF_ROLES = frozenset({Role.MODERATOR, Role.COORDINATOR})


def has_role(user, role: Role) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(ROLE_PERMISSIONS[role]))


def roles_of(user) -> list[Role]:
    return [role for role in Role if has_role(user, role)]


def is_staff_member(user) -> bool:
    return any(has_role(user, role) for role in STAFF_ROLES)


def granted_roles(user) -> list[Role]:
    """The roles granted to `user`, read from prefetched groups (no query per user)."""
    names = {group.name for group in user.groups.all()}
    return [role for role in Role if role.value in names]
