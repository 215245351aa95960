"""Keeping a person and a supporter apart for good."""

import pytest
from django.core.exceptions import ValidationError

from alongside.common.models import AuditLogEntry
from alongside.matching.actions.blocks import block_pair
from alongside.matching.choices import BlockReason, MatchStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import PairBlock
from alongside.matching.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_blocks_a_pair_after_a_match_ended_badly(
    coordinator, member, supporter_profile, peer_supporter
):
    match = MatchFactory(request__member=member, supporter=peer_supporter, status=MatchStatus.ENDED)

    block = block_pair(
        member=member,
        supporter=peer_supporter,
        actor=coordinator,
        reason=BlockReason.ENDED_BADLY,
        note="  They didn't get on.  ",
        match=match,
    )

    block.refresh_from_db()
    assert (block.member, block.supporter, block.match) == (member, peer_supporter, match)
    assert (block.reason, block.note, block.created_by) == (
        "ended_badly",
        "They didn't get on.",
        coordinator,
    )
    entry = AuditLogEntry.objects.get(verb="matching.pair_blocked")
    assert entry.data == {
        "block_id": block.pk,
        "member_id": member.pk,
        "supporter_id": peer_supporter.pk,
        "match_id": match.pk,
        "reason": "ended_badly",
    }


def test_a_pair_is_blocked_once(coordinator, member, peer_supporter):
    block_pair(member=member, supporter=peer_supporter, actor=coordinator, reason="safeguarding")

    with pytest.raises(MatchingError, match="already kept apart"):
        block_pair(member=member, supporter=peer_supporter, actor=coordinator, reason="ended_badly")
    assert PairBlock.objects.count() == 1


def test_refusals_change_nothing(coordinator, member, other_member, peer_supporter):
    with pytest.raises(ValidationError) as error:
        block_pair(member=member, supporter=peer_supporter, actor=coordinator, reason="bored")
    assert list(error.value.message_dict) == ["reason"]

    with pytest.raises(MatchingError, match="can't be matched with themselves"):
        block_pair(member=member, supporter=member, actor=coordinator, reason="safeguarding")

    other_match = MatchFactory(request__member=other_member, supporter=peer_supporter)
    with pytest.raises(MatchingError, match="between different people"):
        block_pair(
            member=member,
            supporter=peer_supporter,
            actor=coordinator,
            reason="safeguarding",
            match=other_match,
        )
    assert not PairBlock.objects.exists()
    assert not AuditLogEntry.objects.filter(verb="matching.pair_blocked").exists()
