"""Proposing a match, each side's answer, and a coordinator stopping a proposal.

A proposal holds one of the supporter's places from the start (PROPOSED counts as live), so
capacity is checked, under a lock on the SupporterProfile row, only when proposing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.permissions.roles import is_coordinator
from alongside.community.text import tidy
from alongside.matching import notifications
from alongside.matching.choices import (
    LIVE_MATCH_STATUSES,
    MatchStatus,
    RequestStatus,
    Response,
    SupporterStatus,
)
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match, PairBlock, SupporterProfile, SupportRequest
from alongside.matching.permissions import (
    check_member_side,
    check_supporter_side,
    is_participant,
)
from alongside.matching.selectors_people import free_capacity, matching_settings
from alongside.matching.tasks import schedule_no_contact_alert, schedule_no_response_alert

DECLINE_REASON_MAX = 1000


# --- shared by the match actions -------------------------------------------------------


def locked_match(match: Match) -> Match:
    """`match` re-read under a row lock, with the people in it."""
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("member__profile", "supporter__profile", "request")
        .filter(pk=match.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such match.")
    return locked


def locked_request(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=support_request.pk)


def check_in_match(user, match: Match) -> None:
    """Participants only; to everyone else the match doesn't exist."""
    if not is_participant(user, match):
        raise Http404("No such match.")


def check_in_match_or_coordinator(user, match: Match) -> None:
    if not (is_participant(user, match) or is_coordinator(user)):
        raise Http404("No such match.")


def check_status(match: Match, *statuses, message: str) -> None:
    if match.status not in statuses:
        raise MatchingError(message)


def plain_note(field: str, text: str, *, max_length: int, label: str) -> str:
    """A short note kept for coordinators (not shown to other members): tidied and
    length-checked."""
    text = tidy(text or "")
    if len(text) > max_length:
        raise ValidationError(
            {
                field: f"Your {label} is {len(text):,} characters long. Please shorten it "
                f"to {max_length:,} characters or fewer."
            }
        )
    return text


def supporter_problems(profile: SupporterProfile | None, *, kind: str, places_needed=1):
    """Why this supporter can't take on a new match now, in words for coordinators
    ([] if they can)."""
    from alongside.safety.suspensions import active_suspension

    if profile is None or profile.status != SupporterStatus.APPROVED:
        return ["isn't an approved peer supporter"]
    problems = []
    if not profile.user.is_active:
        problems.append("has closed their account")
    if kind not in profile.kinds:
        problems.append("doesn't offer this kind of support")
    if profile.is_paused:
        problems.append("is taking a break")
    if profile.safeguarding_hold:
        problems.append("has a safeguarding hold")
    if profile.text_held:
        problems.append("has words held for a safety review")
    if active_suspension(profile.user) is not None:
        problems.append("is suspended")
    if free_capacity(profile) < places_needed:
        problems.append("has no free places")
    return problems


def pair_taken(member, supporter) -> str:
    """Why this pair can't be proposed, whoever the people are ("" if it can)."""
    if member.pk == supporter.pk:
        return "Someone can't be matched with themselves."
    if PairBlock.objects.filter(member=member, supporter=supporter).exists():
        return "These two are not to be matched again."
    if Match.objects.filter(
        member=member, supporter=supporter, status__in=LIVE_MATCH_STATUSES
    ).exists():
        return "These two already have a match."
    return ""


def _lock_profile(user) -> SupporterProfile | None:
    return (
        SupporterProfile.objects.select_for_update(of=("self",))
        .select_related("user__profile")
        .filter(user=user)
        .first()
    )


def _score_pair(support_request, profile) -> tuple[float, str]:
    """The engine's score and explanation for one pair, or a MatchingError saying why
    the pair isn't feasible."""
    from alongside.matching import engine

    weights = engine.Weights.from_settings(matching_settings())
    blocks = engine.load_blocks()
    request_facts = engine.request_facts(support_request)
    supporter_facts = engine.supporter_facts(profile)
    problems = engine.pair_problems(request_facts, supporter_facts, weights, blocks)
    if problems:
        raise MatchingError("This pair can't be matched: " + "; ".join(problems).rstrip(".") + ".")
    found = engine.suggest(
        request_facts, [supporter_facts], weights, blocks, engine.load_topic_names(), limit=1
    )
    if not found:
        raise MatchingError("This pair can't be matched.")
    return found[0].score, found[0].explanation


# --- the actions -----------------------------------------------------------------------


@transaction.atomic
def propose_match(
    *, support_request, supporter, actor, run=None, score=None, explanation=None
) -> Match:
    """Propose `supporter` (a User) for a waiting request. Both are told. Without a score
    (a coordinator choosing by hand) the engine checks the pair and scores it."""
    supporter = getattr(supporter, "user", supporter)  # a SupporterProfile works too
    support_request = locked_request(support_request)
    if support_request.status != RequestStatus.WAITING:
        raise MatchingError("This request isn't waiting for a match any more.")
    if support_request.text_held:
        raise MatchingError("This request is held for a safety review, so it can't be matched yet.")
    profile = _lock_profile(supporter)
    problems = supporter_problems(profile, kind=support_request.kind)
    if problems:
        raise MatchingError(f"This supporter {' and '.join(problems)}.")
    taken = pair_taken(support_request.member, supporter)
    if taken:
        raise MatchingError(taken)
    if score is None:
        score, explanation = _score_pair(support_request, profile)
    match = Match.objects.create(
        request=support_request,
        member=support_request.member,
        supporter=supporter,
        kind=support_request.kind,
        score=score,
        explanation=explanation or "",
        run=run,
        proposed_by=actor,
    )
    support_request.status = RequestStatus.PROPOSED
    support_request.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        verb="matching.match_proposed",
        target=match,
        data={
            "request": support_request.pk,
            "member": match.member_id,
            "supporter": supporter.pk,
            "run": run.pk if run is not None else None,
        },
    )
    notifications.tell_match_proposed(match)
    schedule_no_response_alert(match)
    return match


def _record_response(match: Match, user, accept: bool, now) -> None:
    answer = Response.ACCEPTED if accept else Response.DECLINED
    side = "supporter" if user.pk == match.supporter_id else "member"
    if getattr(match, f"{side}_response") != Response.PENDING:
        raise MatchingError("You've already answered this proposal.")
    setattr(match, f"{side}_response", answer)
    setattr(match, f"{side}_responded_at", now)


def _check_can_start(match: Match) -> None:
    """A supporter put on a safeguarding hold or suspended since the proposal can't start
    a match; a coordinator sorts it out."""
    from alongside.safety.suspensions import active_suspension

    profile = SupporterProfile.objects.filter(user_id=match.supporter_id).first()
    if (profile is not None and profile.safeguarding_hold) or active_suspension(match.supporter):
        raise MatchingError("This match can't start just now. A coordinator will be in touch.")


@transaction.atomic
def respond_to_match(*, match, user, accept: bool, reason="") -> Match:
    """One side says yes or no. A no puts the request back in the pool, keeping its
    place; two yeses start the match and open the pair's conversation."""
    from alongside.community.actions.conversations import start_match_conversation

    match = locked_match(match)
    check_in_match(user, match)
    check_status(match, MatchStatus.PROPOSED, message="This proposal has already been settled.")
    reason = plain_note("reason", reason, max_length=DECLINE_REASON_MAX, label="reason")
    now = timezone.now()
    _record_response(match, user, accept, now)
    support_request = locked_request(match.request)
    if not accept:
        match.status = MatchStatus.DECLINED
        match.decline_reason = reason
        support_request.status = RequestStatus.WAITING  # waiting_since is kept
        support_request.save(update_fields=["status", "updated_at"])
        notifications.tell_match_declined(match, by=user)
    elif Response.PENDING not in (match.member_response, match.supporter_response):
        _check_can_start(match)
        match.status = MatchStatus.ACTIVE
        match.activated_at = now
        match.conversation = start_match_conversation(
            first=match.member, second=match.supporter, actor=user
        )
        support_request.status = RequestStatus.MATCHED
        support_request.save(update_fields=["status", "updated_at"])
        notifications.tell_match_active(match)
        schedule_no_contact_alert(match)
    match.save()
    record_audit(
        actor=user,
        verb="matching.match_accepted" if accept else "matching.match_declined",
        target=match,
        data={"status": match.status, "has_reason": bool(reason)},
    )
    return match


@transaction.atomic
def cancel_match(*, match, actor, reason="") -> Match:
    """A coordinator stops a proposal before it starts; the request goes back in the pool.
    (A match that has started is ended instead: end_match.)"""
    match = locked_match(match)
    if match.status == MatchStatus.ACTIVE:
        raise MatchingError("This match has already started, so it can be ended but not cancelled.")
    check_status(match, MatchStatus.PROPOSED, message="This match isn't waiting for answers.")
    reason = plain_note("reason", reason, max_length=DECLINE_REASON_MAX, label="reason")
    match.status = MatchStatus.CANCELLED
    match.ended_at = timezone.now()
    match.ended_by = actor
    if reason:
        match.decline_reason = reason
    match.save()
    support_request = locked_request(match.request)
    if support_request.status == RequestStatus.PROPOSED:
        support_request.status = RequestStatus.WAITING
        support_request.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, verb="matching.match_cancelled", target=match, data={})
    notifications.tell_match_cancelled(match)
    return match


def check_side(user, match: Match, side: str) -> None:
    """`side` is "supporter" or "member"; the other participant is refused (403)."""
    check_in_match(user, match)
    if side == "supporter":
        check_supporter_side(user, match)
    else:
        check_member_side(user, match)
