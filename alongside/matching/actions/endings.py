"""Ending a match, the reflections afterwards, and a coordinator's re-match."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.permissions.roles import is_coordinator
from alongside.community.text import TextPurpose
from alongside.matching import notifications
from alongside.matching.actions.contact import store_assessed
from alongside.matching.actions.details import member_text
from alongside.matching.actions.proposals import (
    DECLINE_REASON_MAX,
    cancel_match,
    check_in_match,
    check_in_match_or_coordinator,
    check_status,
    locked_match,
    locked_request,
    plain_note,
)
from alongside.matching.choices import BlockReason, EndReason, MatchStatus, RequestStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match, MatchReflection, PairBlock, SupportRequest
from alongside.outcomes.tasks import offer_after_support_ended


def _end(match, actor, reason, request_status) -> None:
    now = timezone.now()
    match.status = MatchStatus.ENDED
    match.ended_at = now
    match.end_reason = reason
    match.ended_by = actor
    match.save()
    support_request = locked_request(match.request)
    support_request.status = request_status
    support_request.closed_at = now if request_status == RequestStatus.CLOSED else None
    support_request.save(update_fields=["status", "closed_at", "updated_at"])


def _block(match, actor, note: str) -> PairBlock:
    block, created = PairBlock.objects.get_or_create(
        member=match.member,
        supporter=match.supporter,
        defaults={
            "reason": BlockReason.ENDED_BADLY,
            "note": note,
            "match": match,
            "created_by": actor,
        },
    )
    if created:
        record_audit(
            actor=actor,
            verb="matching.pair_blocked",
            target=block,
            data={"member": match.member_id, "supporter": match.supporter_id, "match": match.pk},
        )
    return block


@transaction.atomic
def end_match(*, match, actor, reason, note="", ended_badly=False) -> Match:
    """Either side or a coordinator ends an active match. A coordinator can say it ended
    badly, so the pair is never matched again (`note` is kept on that block, for
    coordinators)."""
    match = locked_match(match)
    check_in_match_or_coordinator(actor, match)
    if ended_badly and not is_coordinator(actor):
        raise PermissionDenied("Only a coordinator can mark a match as ended badly.")
    check_status(match, MatchStatus.ACTIVE, message="This match isn't going, so it can't be ended.")
    if reason not in EndReason.values:
        raise ValidationError({"reason": "Choose why the match is ending."})
    note = plain_note("note", note, max_length=2000, label="note")
    _end(match, actor, reason, RequestStatus.CLOSED)
    if ended_badly:
        _block(match, actor, note)
    record_audit(
        actor=actor,
        verb="matching.match_ended",
        target=match,
        data={"reason": reason, "ended_badly": bool(ended_badly)},
    )
    notifications.tell_match_ended(match, by=actor)
    offer_after_support_ended(member=match.member, support_form=match.kind, match=match)
    return match


@transaction.atomic
def write_reflection(*, match, actor, text) -> MatchReflection:
    """Each side may write one reflection once the match has ended."""
    match = locked_match(match)
    check_in_match(actor, match)
    check_status(
        match, MatchStatus.ENDED, message="You can write a reflection once the match has ended."
    )
    if MatchReflection.objects.filter(match=match, author=actor).exists():
        raise MatchingError("You've already written your reflection on this match.")
    prepared = member_text(
        "text",
        text,
        author=actor,
        label="your reflection",
        max_length=3000,
        required=True,
        missing="Write your reflection first.",
        purpose=TextPurpose.COMMENT,
    )
    reflection = MatchReflection(match=match, author=actor, text=prepared.source)
    store_assessed(reflection, prepared, author=actor)
    record_audit(
        actor=actor,
        verb="matching.reflection_written",
        target=reflection,
        data={"match": match.pk},
    )
    return reflection


@transaction.atomic
def rematch(*, match, actor, reason="") -> SupportRequest:
    """A coordinator stops this match (cancelled if proposed, ended if active) and puts
    the request back in the pool, keeping its place."""
    current = locked_match(match)
    if current.status == MatchStatus.PROPOSED:
        cancel_match(match=current, actor=actor, reason=reason)
    elif current.status == MatchStatus.ACTIVE:
        # Kept for coordinators where cancel_match keeps its reason.
        current.decline_reason = plain_note(
            "reason", reason, max_length=DECLINE_REASON_MAX, label="reason"
        )
        _end(current, actor, EndReason.BY_COORDINATOR, RequestStatus.WAITING)
        record_audit(
            actor=actor,
            verb="matching.match_ended",
            target=current,
            data={"reason": EndReason.BY_COORDINATOR, "ended_badly": False, "rematch": True},
        )
        notifications.tell_match_ended(current, by=actor)
    else:
        raise MatchingError("This match has already finished, so there's nothing to re-match.")
    support_request = locked_request(current.request)
    record_audit(
        actor=actor,
        verb="matching.request_rematched",
        target=support_request,
        data={"match": current.pk},
    )
    return support_request
