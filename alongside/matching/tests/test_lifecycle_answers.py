"""Answering a proposal: declines keep the member's place; only the pair may answer;
a coordinator's manual proposal is refused for supporters who can't take anyone on."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from alongside.community.models import Notification
from alongside.matching.actions.proposals import cancel_match, propose_match, respond_to_match
from alongside.matching.choices import MatchStatus, RequestStatus, Response
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match
from alongside.matching.tests.factories import (
    MatchFactory,
    PairBlockFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


def propose(support_request, supporter, coordinator):
    return propose_match(
        support_request=support_request,
        supporter=supporter,
        actor=coordinator,
        score=50.0,
        explanation="Both speak English.",
    )


@pytest.mark.parametrize("side", ["member", "supporter"])
def test_a_decline_puts_the_request_back_with_its_place_kept(
    side, coordinator, django_capture_on_commit_callbacks
):
    waiting_since = timezone.now() - datetime.timedelta(days=40)
    support_request = SupportRequestFactory(waiting_since=waiting_since)
    profile = SupporterProfileFactory()
    match = propose(support_request, profile.user, coordinator)
    decliner = match.member if side == "member" else match.supporter
    other = match.supporter if side == "member" else match.member
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        match = respond_to_match(
            match=match, user=decliner, accept=False, reason="  Not the right time.  "
        )

    match.refresh_from_db()
    support_request.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert match.decline_reason == "Not the right time."
    assert support_request.status == RequestStatus.WAITING
    assert support_request.waiting_since == waiting_since
    # The other side is told, without the reason.
    notice = Notification.objects.filter(user=other).latest("pk")
    assert "won't go ahead" in notice.text and "right time" not in notice.text
    assert [message.to for message in mail.outbox] == [[other.email]]
    assert "right time" not in mail.outbox[0].body
    # The supporter's place is free again: the member can be proposed to someone else.
    assert propose(support_request, SupporterProfileFactory().user, coordinator).pk


def test_answering_twice_or_after_it_is_settled_is_refused(coordinator):
    match = MatchFactory()
    respond_to_match(match=match, user=match.member, accept=True)
    with pytest.raises(MatchingError, match="already answered"):
        respond_to_match(match=match, user=match.member, accept=False)
    respond_to_match(match=match, user=match.supporter, accept=False)
    with pytest.raises(MatchingError, match="already been settled"):
        respond_to_match(match=match, user=match.member, accept=True)


def test_only_the_pair_can_answer(other_member, coordinator):
    match = MatchFactory()
    for outsider in (other_member, coordinator):
        with pytest.raises(Http404):
            respond_to_match(match=match, user=outsider, accept=True)
    match.refresh_from_db()
    assert match.member_response == match.supporter_response == Response.PENDING


def test_a_long_decline_reason_is_refused_and_nothing_changes():
    match = MatchFactory()
    with pytest.raises(ValidationError) as error:
        respond_to_match(match=match, user=match.member, accept=False, reason="x" * 1001)
    assert error.value.message_dict["reason"][0].startswith("Your reason is 1,001 characters")
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED and match.member_response == Response.PENDING


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"is_paused": True}, "taking a break"),
        ({"safeguarding_hold": True}, "safeguarding hold"),
        ({"capacity": 1}, "no free places"),
        ({"kinds": ["mentoring"]}, "doesn't offer this kind"),
    ],
)
def test_a_supporter_who_cannot_take_anyone_on_is_not_proposed(change, message, coordinator):
    profile = SupporterProfileFactory()
    if change.get("capacity") == 1:
        MatchFactory(supporter=profile.user, status=MatchStatus.ACTIVE)
    for field, value in change.items():
        setattr(profile, field, value)
    profile.save()
    support_request = SupportRequestFactory()
    with pytest.raises(MatchingError, match=message):
        propose(support_request, profile.user, coordinator)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WAITING
    assert not Match.objects.filter(request=support_request).exists()


def test_blocked_pairs_and_requests_not_waiting_are_refused(coordinator):
    profile = SupporterProfileFactory()
    support_request = SupportRequestFactory()
    PairBlockFactory(member=support_request.member, supporter=profile.user)
    with pytest.raises(MatchingError, match="not to be matched again"):
        propose(support_request, profile.user, coordinator)
    withdrawn = SupportRequestFactory(status=RequestStatus.WITHDRAWN)
    with pytest.raises(MatchingError, match="isn't waiting"):
        propose(withdrawn, SupporterProfileFactory().user, coordinator)


def test_cancelling_a_proposal_puts_the_request_back(coordinator):
    match = MatchFactory()
    cancel_match(match=match, actor=coordinator, reason="Supporter unwell")
    match.refresh_from_db()
    match.request.refresh_from_db()
    assert match.status == MatchStatus.CANCELLED
    assert match.request.status == RequestStatus.WAITING
    active = MatchFactory(status=MatchStatus.ACTIVE)
    with pytest.raises(MatchingError, match="ended but not cancelled"):
        cancel_match(match=active, actor=coordinator)


def test_a_hand_picked_pair_is_scored_by_the_engine(coordinator):
    match = propose_match(
        support_request=SupportRequestFactory(),
        supporter=SupporterProfileFactory().user,
        actor=coordinator,
    )
    assert match.score > 1
    assert "English" in match.explanation


def test_a_hand_picked_pair_that_cannot_work_is_refused_with_reasons(coordinator):
    support_request = SupportRequestFactory(languages=["cy"])
    with pytest.raises(MatchingError, match="This pair can't be matched: ") as error:
        propose_match(
            support_request=support_request,
            supporter=SupporterProfileFactory().user,
            actor=coordinator,
        )
    assert "language" in error.value.messages[0]
    assert not Match.objects.exists()


def test_a_match_cannot_start_while_the_supporter_is_on_hold():
    match = MatchFactory()
    respond_to_match(match=match, user=match.member, accept=True)
    match.supporter.supporter_profile.safeguarding_hold = True
    match.supporter.supporter_profile.save()
    with pytest.raises(MatchingError, match="can't start just now"):
        respond_to_match(match=match, user=match.supporter, accept=True)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert match.supporter_response == Response.PENDING
    assert match.conversation is None
