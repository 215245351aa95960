from alongside.accounts.permissions import has_staff_access
from alongside.accounts.roles import Role, has_role


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_moderator(user) -> bool:
    """Moderators (and coordinators) count only once two-factor is set up."""
    return (
        has_role(user, Role.MODERATOR) or has_role(user, Role.COORDINATOR)
    ) and has_staff_access(user)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR) and has_staff_access(user)
