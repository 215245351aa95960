"""Withdrawing a request: it leaves the waiting list; a proposed match is cancelled and
its supporter's place is free again; a request with a match under way is not withdrawn."""

import pytest

from alongside.common.models import AuditLogEntry
from alongside.community.models import Notification
from alongside.matching.actions import requests as actions
from alongside.matching.choices import MatchStatus, RequestStatus
from alongside.matching.errors import MatchingError
from alongside.matching.selectors_people import free_capacity, waiting_list
from alongside.matching.tests.factories import MatchFactory, request_data

pytestmark = pytest.mark.django_db


def test_withdrawing_a_waiting_request(waiting_request, member):
    withdrawn = actions.withdraw_support_request(support_request=waiting_request, actor=member)

    withdrawn.refresh_from_db()
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert withdrawn.closed_at is not None
    assert list(waiting_list()) == []
    entry = AuditLogEntry.objects.get(verb="matching.request_withdrawn")
    assert entry.data == {"request_id": withdrawn.pk, "cancelled_match_ids": []}
    # Asking again afterwards is fine.
    actions.create_support_request(member=member, actor=member, data=request_data())


def test_withdrawing_cancels_a_proposed_match_and_frees_the_supporter(
    supporter_profile, peer_supporter, member
):
    MatchFactory(supporter=peer_supporter)
    match = MatchFactory(request__member=member, supporter=peer_supporter)
    assert free_capacity(supporter_profile) == 0

    actions.withdraw_support_request(support_request=match.request, actor=member)

    match.refresh_from_db()
    assert match.status == MatchStatus.CANCELLED
    assert match.ended_by == member
    assert match.request.status == RequestStatus.WITHDRAWN
    assert free_capacity(supporter_profile) == 1
    told = Notification.objects.get(user=peer_supporter)
    assert told.text == (
        "The person we introduced you to no longer needs a befriender. Thank you for being "
        "ready to help."
    )
    assert "Robin" not in told.text
    entry = AuditLogEntry.objects.get(verb="matching.request_withdrawn")
    assert entry.data == {"request_id": match.request_id, "cancelled_match_ids": [match.pk]}


def test_a_request_with_a_match_under_way_is_not_withdrawn(member):
    match = MatchFactory(request__member=member, status=MatchStatus.ACTIVE)

    with pytest.raises(MatchingError, match="end the match from its page"):
        actions.withdraw_support_request(support_request=match.request, actor=member)

    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.request.status == RequestStatus.MATCHED
    assert not AuditLogEntry.objects.filter(verb="matching.request_withdrawn").exists()


def test_withdrawing_twice_is_refused(waiting_request, member):
    actions.withdraw_support_request(support_request=waiting_request, actor=member)

    with pytest.raises(MatchingError, match="already been closed"):
        actions.withdraw_support_request(support_request=waiting_request, actor=member)
