"""Creating, changing and archiving spaces; accepting a space's guidelines."""

from django.db import transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.errors import CommunityActionError
from alongside.community.models import GuidelinesAcceptance, Space

SPACE_FIELDS = ("name", "slug", "description", "guidelines")


@transaction.atomic
def create_space(*, actor, details: dict, topics=()) -> Space:
    """`details` holds name, slug, description and guidelines, already validated."""
    space = Space.objects.create(created_by=actor, **{f: details[f] for f in SPACE_FIELDS})
    space.topics.set(topics)
    record_audit(actor=actor, verb="community.space_created", target=space)
    return space


@transaction.atomic
def update_space(*, actor, space: Space, details: dict, topics=None) -> Space:
    """Changing the guidelines raises their version: members accept them again before
    their next post. The slug never changes, so links keep working."""
    changed = []
    for field in ("name", "description", "guidelines"):
        if field in details and details[field] != getattr(space, field):
            setattr(space, field, details[field])
            changed.append(field)
    if "guidelines" in changed:
        space.guidelines_version += 1
    space.save()
    if topics is not None:
        space.topics.set(topics)
    record_audit(
        actor=actor,
        verb="community.space_updated",
        target=space,
        data={"changed": changed, "guidelines_version": space.guidelines_version},
    )
    return space


@transaction.atomic
def archive_space(*, actor, space: Space, archived: bool = True) -> Space:
    space.is_archived = archived
    space.save(update_fields=["is_archived", "updated_at"])
    verb = "community.space_archived" if archived else "community.space_unarchived"
    record_audit(actor=actor, verb=verb, target=space)
    return space


@transaction.atomic
def accept_guidelines(*, user, space: Space, version: int) -> GuidelinesAcceptance:
    """Record that `user` read and accepted the guidelines at `version`. The version read
    is sent back, so a change made meanwhile is noticed rather than accepted unseen."""
    if space.is_archived:
        raise CommunityActionError("This space is archived, so it isn't taking new posts.")
    if version != space.guidelines_version:
        raise CommunityActionError(
            "The guidelines changed while you were reading them. Please read this version "
            "and accept it."
        )
    acceptance, _ = GuidelinesAcceptance.objects.update_or_create(
        space=space, user=user, defaults={"version": version, "accepted_at": timezone.now()}
    )
    record_audit(
        actor=user,
        verb="community.guidelines_accepted",
        target=space,
        data={"version": version},
    )
    return acceptance
