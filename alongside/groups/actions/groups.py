"""Starting, changing, approving and closing groups; facilitators; agreement versions."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from alongside.accounts.models import User
from alongside.accounts.roles import Role, has_role
from alongside.common.audit import record_audit
from alongside.groups.choices import GroupKind, GroupStatus
from alongside.groups.errors import GroupActionError
from alongside.groups.models import Group, GroupAgreement
from alongside.groups.permissions import is_coordinator
from alongside.groups.selectors import current_agreement

GROUP_FIELDS = (
    "kind", "name", "purpose", "who_for", "languages", "mode", "venue", "online_details",
    "join_policy", "capacity", "status",
)  # fmt: skip
AGREEMENT_FIELDS = ("ground_rules", "confidentiality", "how_we_treat_each_other")
# Statuses a running group moves between; proposed groups go through approve/decline.
RUNNING_STATUSES = (GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED)


# Paths under /groups/ that a group's slug must never take.
RESERVED_SLUGS = frozenset({"new", "propose"})


def _unique_group_slug(name: str) -> str:
    base = slugify(name)[:120] or "group"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def locked_group(group: Group) -> Group:
    """The group's row, locked until the transaction ends, so counts stay true."""
    return Group.objects.select_for_update().get(pk=group.pk)


def _check_can_facilitate(user: User) -> None:
    if not has_role(user, Role.PEER_SUPPORTER):
        raise GroupActionError(
            f"{user} isn't a peer supporter. Only peer supporters can facilitate a group."
        )


def _new_group(*, details: dict, status: str, **extra) -> Group:
    fields = {name: details[name] for name in GROUP_FIELDS if name in details}
    fields["status"] = status
    group = Group(**fields, **extra)
    group.slug = _unique_group_slug(group.name)
    group.save()
    group.topics.set(details.get("topics", ()))
    return group


def _first_agreement(*, group: Group, actor: User, agreement: dict | None) -> None:
    if agreement is not None:
        GroupAgreement.objects.create(
            group=group, version=1, created_by=actor, **_agreement_terms(agreement)
        )


def _agreement_terms(terms: dict) -> dict:
    return {name: terms[name] for name in AGREEMENT_FIELDS}


@transaction.atomic
def create_group(
    *,
    actor: User,
    details: dict,
    agreement: dict | None = None,
    facilitators: Iterable[User] = (),
) -> Group:
    """A new group. A peer supporter who starts a group facilitates it."""
    facilitators = list(facilitators)
    if not is_coordinator(actor) and actor not in facilitators:
        facilitators.append(actor)
    for user in facilitators:
        _check_can_facilitate(user)
    status = details.get("status") or GroupStatus.ACTIVE
    group = _new_group(details=details, status=status)
    group.facilitators.set(facilitators)
    _first_agreement(group=group, actor=actor, agreement=agreement)
    record_audit(
        actor=actor,
        verb="group.created",
        target=group,
        data={"facilitators": [user.pk for user in facilitators]},
    )
    return group


@transaction.atomic
def update_group(*, group: Group, actor: User, details: dict) -> Group:
    """Apply validated details. Compares against the stored row, since a ModelForm has
    already changed the instance it holds."""
    group = locked_group(group)
    if details.get("status", group.status) != group.status and not (
        group.status in RUNNING_STATUSES and details["status"] in RUNNING_STATUSES
    ):
        raise GroupActionError("A proposed group is approved or declined by a coordinator.")
    changed = []
    for name in GROUP_FIELDS:
        if name in details and getattr(group, name) != details[name]:
            setattr(group, name, details[name])
            changed.append(name)
    group.save()
    if "topics" in details:
        topics = list(details["topics"])
        if {t.pk for t in group.topics.all()} != {t.pk for t in topics}:
            changed.append("topics")
        group.topics.set(topics)
    record_audit(actor=actor, verb="group.updated", target=group, data={"fields": sorted(changed)})
    return group


@transaction.atomic
def propose_self_help_group(
    *, proposer: User, details: dict, agreement: dict | None = None
) -> Group:
    """Any member may propose a self-help group; a coordinator approves it. The proposer
    facilitates it, peer supporter or not."""
    group = _new_group(
        details={**details, "kind": GroupKind.SELF_HELP},
        status=GroupStatus.PROPOSED,
        proposed_by=proposer,
    )
    group.facilitators.add(proposer)
    _first_agreement(group=group, actor=proposer, agreement=agreement)
    record_audit(actor=proposer, verb="group.proposed", target=group)
    return group


def _review(group: Group, *, actor: User, status: str, verb: str, data: dict) -> Group:
    group = locked_group(group)
    if group.status != GroupStatus.PROPOSED:
        raise GroupActionError("This group has already been approved or declined.")
    group.status = status
    group.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, verb=verb, target=group, data=data)
    return group


@transaction.atomic
def approve_group(*, group: Group, actor: User) -> Group:
    return _review(group, actor=actor, status=GroupStatus.ACTIVE, verb="group.approved", data={})


@transaction.atomic
def decline_group(*, group: Group, actor: User, reason: str = "") -> Group:
    return _review(
        group,
        actor=actor,
        status=GroupStatus.DECLINED,
        verb="group.declined",
        data={"reason": reason} if reason else {},
    )


@transaction.atomic
def set_group_status(*, group: Group, actor: User, status: str) -> bool:
    """Pause, close or reopen a running group. Returns whether anything changed."""
    group = locked_group(group)
    if group.status not in RUNNING_STATUSES:
        raise GroupActionError("A coordinator needs to approve this group first.")
    if status not in RUNNING_STATUSES:
        raise GroupActionError("A group can only be active, paused or closed.")
    if group.status == status:
        return False
    previous, group.status = group.status, status
    group.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        verb="group.status_changed",
        target=group,
        data={"from": previous, "to": status},
    )
    return True


@transaction.atomic
def add_facilitator(*, group: Group, user: User, actor: User) -> bool:
    """Returns whether anything changed; adding a facilitator twice is not recorded."""
    _check_can_facilitate(user)
    if group.facilitators.filter(pk=user.pk).exists():
        return False
    group.facilitators.add(user)
    record_audit(actor=actor, verb="group.facilitator_added", target=group, data={"user": user.pk})
    return True


@transaction.atomic
def remove_facilitator(*, group: Group, user: User, actor: User) -> bool:
    if not group.facilitators.filter(pk=user.pk).exists():
        return False
    group.facilitators.remove(user)
    record_audit(
        actor=actor, verb="group.facilitator_removed", target=group, data={"user": user.pk}
    )
    return True


@transaction.atomic
def publish_agreement(*, group: Group, actor: User, terms: dict) -> GroupAgreement:
    """A new version of the agreement. Members keep the version they accepted, and accept
    this one before their next meeting."""
    group = locked_group(group)
    latest = current_agreement(group=group)
    agreement = GroupAgreement.objects.create(
        group=group,
        version=(latest.version if latest else 0) + 1,
        created_by=actor,
        **_agreement_terms(terms),
    )
    record_audit(
        actor=actor,
        verb="group.agreement_published",
        target=group,
        data={"version": agreement.version},
    )
    return agreement
