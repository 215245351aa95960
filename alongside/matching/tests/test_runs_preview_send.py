"""Matching runs: preview, then send all proposals at once or none."""

import pytest

from alongside.common.models import AuditLogEntry
from alongside.matching.actions.requests import update_support_request
from alongside.matching.actions.runs import (
    discard_matching_run,
    preview_matching_run,
    send_matching_run,
)
from alongside.matching.choices import MatchStatus, RequestStatus, RunStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match, MatchingRun
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool():
    """Three people waiting and two supporters, one with two places: all can be matched."""
    requests = [SupportRequestFactory() for _ in range(3)]
    supporters = [SupporterProfileFactory(capacity=2), SupporterProfileFactory(capacity=1)]
    return requests, supporters


def test_a_preview_proposes_nothing_until_it_is_sent(pool, coordinator):
    requests, supporters = pool
    run = preview_matching_run(actor=coordinator)
    assert run.status == RunStatus.PREVIEW
    assert run.request_count == 3 and run.supporter_count == 2
    assert sorted(item["request"] for item in run.proposals) == sorted(r.pk for r in requests)
    assert all(item["explanation"] and item["score"] > 1 for item in run.proposals)
    assert not Match.objects.exists()

    matches = send_matching_run(run=run, actor=coordinator)

    assert len(matches) == 3
    assert {match.request_id for match in matches} == {r.pk for r in requests}
    assert all(match.status == MatchStatus.PROPOSED and match.run == run for match in matches)
    by_supporter = {s.user_id: 0 for s in supporters}
    for match in matches:
        by_supporter[match.supporter_id] += 1
    assert by_supporter == {supporters[0].user_id: 2, supporters[1].user_id: 1}
    for support_request in requests:
        support_request.refresh_from_db()
        assert support_request.status == RequestStatus.PROPOSED
    run.refresh_from_db()
    assert run.status == RunStatus.SENT and run.sent_by == coordinator
    with pytest.raises(MatchingError, match="already been sent"):
        send_matching_run(run=run, actor=coordinator)
    assert Match.objects.count() == 3


def test_send_refuses_entirely_when_a_supporter_paused_after_the_preview(pool, coordinator):
    _, supporters = pool
    run = preview_matching_run(actor=coordinator)
    supporters[1].is_paused = True
    supporters[1].save()

    with pytest.raises(MatchingError) as error:
        send_matching_run(run=run, actor=coordinator)

    message = error.value.messages[0]
    name = supporters[1].user.profile.display_name
    assert message.startswith("Things have changed since this preview, so nothing was sent")
    assert f"{name} is taking a break" in message
    assert message.endswith("Please run matching again.")
    assert not Match.objects.exists()
    run.refresh_from_db()
    assert run.status == RunStatus.PREVIEW
    assert not AuditLogEntry.objects.filter(verb="matching.run_sent").exists()


def test_send_refuses_when_a_request_was_proposed_elsewhere_meanwhile(pool, coordinator):
    requests, _ = pool
    run = preview_matching_run(actor=coordinator)
    requests[0].status = RequestStatus.WITHDRAWN
    requests[0].save()
    with pytest.raises(MatchingError, match=f"request {requests[0].pk} is no longer waiting"):
        send_matching_run(run=run, actor=coordinator)
    assert not Match.objects.exists()


def test_send_refuses_when_a_request_was_changed_after_the_preview(pool, coordinator):
    requests, _ = pool
    run = preview_matching_run(actor=coordinator)
    update_support_request(
        support_request=requests[0], actor=requests[0].member, data={"languages": ["cy"]}
    )
    with pytest.raises(MatchingError, match=f"request {requests[0].pk} was changed"):
        send_matching_run(run=run, actor=coordinator)
    assert not Match.objects.exists()


def test_send_refuses_when_a_supporter_filled_up_meanwhile(pool, coordinator):
    _, supporters = pool
    run = preview_matching_run(actor=coordinator)
    MatchFactory(supporter=supporters[1].user)
    with pytest.raises(MatchingError, match="has no free places"):
        send_matching_run(run=run, actor=coordinator)
    assert Match.objects.count() == 1


def test_a_run_with_nobody_waiting_says_so_and_saves_nothing(coordinator):
    SupporterProfileFactory()
    with pytest.raises(MatchingError, match="Nobody is waiting"):
        preview_matching_run(actor=coordinator)
    assert not MatchingRun.objects.exists()


def test_a_run_with_no_free_supporters_says_so_and_saves_nothing(coordinator):
    SupportRequestFactory()
    SupporterProfileFactory(is_paused=True)
    with pytest.raises(MatchingError, match="No peer supporter has a free place"):
        preview_matching_run(actor=coordinator)
    assert not MatchingRun.objects.exists()


def test_a_discarded_preview_cannot_be_sent(pool, coordinator):
    run = preview_matching_run(actor=coordinator)
    discard_matching_run(run=run, actor=coordinator)
    with pytest.raises(MatchingError, match="discarded"):
        send_matching_run(run=run, actor=coordinator)
    assert not Match.objects.exists()
