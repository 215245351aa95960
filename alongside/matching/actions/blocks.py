"""Keeping a person and a supporter apart: they are never proposed to each other again."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alongside.common.audit import record_audit
from alongside.community.text import tidy
from alongside.matching.choices import BlockReason
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match, PairBlock

NOTE_LIMIT = 2000


@transaction.atomic
def block_pair(
    *, member, supporter, actor, reason: str, note: str = "", match: Match | None = None
) -> PairBlock:
    """Never match `member` with `supporter` again (a coordinator's decision, for example
    after a match ended badly). The note is for coordinators only."""
    if reason not in BlockReason.values:
        raise ValidationError({"reason": ["Choose why these two should be kept apart."]})
    note = tidy(note or "")
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            {"note": [f"Please shorten the note to {NOTE_LIMIT:,} characters or fewer."]}
        )
    if member.pk == supporter.pk:
        raise MatchingError(
            "Someone can't be matched with themselves, so there is nothing to block."
        )
    if match is not None and (match.member_id, match.supporter_id) != (member.pk, supporter.pk):
        raise MatchingError("That match is between different people.")
    if PairBlock.objects.filter(member=member, supporter=supporter).exists():
        raise MatchingError("These two are already kept apart.")
    try:
        with transaction.atomic():
            block = PairBlock.objects.create(
                member=member,
                supporter=supporter,
                reason=reason,
                note=note,
                match=match,
                created_by=actor,
            )
    except IntegrityError as error:  # blocked by someone else a moment ago
        raise MatchingError("These two are already kept apart.") from error
    record_audit(
        actor=actor,
        verb="matching.pair_blocked",
        target=block,
        data={
            "block_id": block.pk,
            "member_id": member.pk,
            "supporter_id": supporter.pk,
            "match_id": match.pk if match is not None else None,
            "reason": reason,
        },
    )
    return block
