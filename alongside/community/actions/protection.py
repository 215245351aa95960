"""A member's self-protection: community settings, taking a break, blocking.

Audit entries say what changed, never the muted words themselves (they can say a lot
about what someone finds hard)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.choices import DigestFrequency
from alongside.community.models import Block, CommunitySettings

# How long a break can be, as offered on the settings page and in the API.
BREAK_LENGTHS = {
    "1d": ("1 day", timedelta(days=1)),
    "3d": ("3 days", timedelta(days=3)),
    "1w": ("1 week", timedelta(weeks=1)),
    "2w": ("2 weeks", timedelta(weeks=2)),
    "1m": ("1 month", timedelta(days=30)),
}


def _settings_row(user) -> CommunitySettings:
    row, _ = CommunitySettings.objects.select_for_update().get_or_create(user=user)
    return row


@transaction.atomic
def update_community_settings(
    *, actor, allow_direct_messages: bool, muted_words: list[str], email_digest: str
) -> CommunitySettings:
    row = _settings_row(actor)
    digest_was_off = row.email_digest == DigestFrequency.NEVER
    row.allow_direct_messages = allow_direct_messages
    row.muted_words = list(muted_words)
    row.email_digest = email_digest
    row.save()
    record_audit(
        actor=actor,
        verb="community.settings_changed",
        target=row,
        data={
            "allow_direct_messages": allow_direct_messages,
            "muted_word_count": len(muted_words),
            "email_digest": email_digest,
        },
    )
    if digest_was_off and email_digest != DigestFrequency.NEVER:
        # Notifications that arrived while the digest was off go in the first one.
        from alongside.community.tasks import schedule_digest_after_commit

        schedule_digest_after_commit(actor, force=True)
    return row


@transaction.atomic
def take_break(*, actor, length: str) -> CommunitySettings:
    """Hide community activity from `actor` for one of BREAK_LENGTHS."""
    row = _settings_row(actor)
    row.break_until = timezone.now() + BREAK_LENGTHS[length][1]
    row.save()
    record_audit(actor=actor, verb="community.break_started", target=row, data={"for": length})
    return row


@transaction.atomic
def end_break(*, actor) -> CommunitySettings:
    row = _settings_row(actor)
    row.break_until = None
    row.save()
    record_audit(actor=actor, verb="community.break_ended", target=row)
    return row


@transaction.atomic
def block_member(*, actor, member) -> Block:
    """`actor` stops hearing from `member`. The blocked member is not told."""
    existing = Block.objects.filter(blocker=actor, blocked=member).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            block = Block.objects.create(blocker=actor, blocked=member)
    except IntegrityError:  # a double click raced in: the first one stands
        return Block.objects.get(blocker=actor, blocked=member)
    record_audit(actor=actor, verb="community.member_blocked", target=member)
    return block


@transaction.atomic
def unblock_member(*, actor, member) -> bool:
    deleted, _ = Block.objects.filter(blocker=actor, blocked=member).delete()
    if deleted:
        record_audit(actor=actor, verb="community.member_unblocked", target=member)
    return bool(deleted)
