"""Ending a match, ended badly (never matched again), reflections and re-matching."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from alongside.community.models import Notification
from alongside.matching.actions.endings import end_match, rematch, write_reflection
from alongside.matching.choices import BlockReason, EndReason, MatchStatus, RequestStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import MatchReflection, PairBlock
from alongside.matching.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_either_side_ends_and_the_other_is_told():
    match = MatchFactory(status=MatchStatus.ACTIVE)
    end_match(match=match, actor=match.supporter, reason=EndReason.EARLY_BY_SUPPORTER)
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED
    assert match.end_reason == EndReason.EARLY_BY_SUPPORTER
    assert Notification.objects.filter(user=match.member, text__contains="has ended").exists()
    assert not Notification.objects.filter(user=match.supporter, text__contains="ended").exists()
    with pytest.raises(MatchingError, match="isn't going"):
        end_match(match=match, actor=match.member, reason=EndReason.PLANNED)


def test_ending_needs_a_reason_and_a_participant(other_member):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    with pytest.raises(ValidationError) as error:
        end_match(match=match, actor=match.member, reason="bored")
    assert error.value.message_dict == {"reason": ["Choose why the match is ending."]}
    with pytest.raises(Http404):
        end_match(match=match, actor=other_member, reason=EndReason.PLANNED)
    with pytest.raises(PermissionDenied):
        end_match(match=match, actor=match.member, reason=EndReason.PLANNED, ended_badly=True)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE


def test_a_coordinator_marks_it_ended_badly_and_the_pair_is_blocked(coordinator):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    end_match(
        match=match,
        actor=coordinator,
        reason=EndReason.BY_COORDINATOR,
        note="Boundaries were crossed.",
        ended_badly=True,
    )
    block = PairBlock.objects.get()
    assert (block.member, block.supporter) == (match.member, match.supporter)
    assert block.reason == BlockReason.ENDED_BADLY and block.match == match


def test_reflections_one_each_after_the_end(other_member):
    match = MatchFactory(status=MatchStatus.ENDED)
    with pytest.raises(ValidationError) as error:
        write_reflection(match=match, actor=match.member, text="   ")
    assert error.value.message_dict == {"text": ["Write your reflection first."]}
    with pytest.raises(Http404):
        write_reflection(match=match, actor=other_member, text="Hello")
    write_reflection(match=match, actor=match.supporter, text="It went well.")
    with pytest.raises(MatchingError, match="already written"):
        write_reflection(match=match, actor=match.supporter, text="Again")
    assert MatchReflection.objects.filter(match=match).count() == 1


@pytest.mark.parametrize("status", [MatchStatus.PROPOSED, MatchStatus.ACTIVE])
def test_rematch_stops_the_match_and_puts_the_request_back(status, coordinator):
    match = MatchFactory(status=status)
    waiting_since = match.request.waiting_since
    support_request = rematch(match=match, actor=coordinator, reason="  Better fit nearby. ")
    match.refresh_from_db()
    assert match.status == (
        MatchStatus.CANCELLED if status == MatchStatus.PROPOSED else MatchStatus.ENDED
    )
    assert match.decline_reason == "Better fit nearby."
    assert support_request.status == RequestStatus.WAITING
    assert support_request.waiting_since == waiting_since
    with pytest.raises(MatchingError, match="already finished"):
        rematch(match=match, actor=coordinator)
