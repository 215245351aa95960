"""Two coordinators sending at once can't double-book a supporter, and both sides accepting
at once start the match once. Needs real row locks: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from alongside.matching.actions.proposals import respond_to_match
from alongside.matching.actions.runs import send_matching_run
from alongside.matching.choices import MatchStatus, RunStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import Match, MatchingRun
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_together(*calls):
    """Start every call at the same moment, each on its own connection; return what
    each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def preview(coordinator, support_request, profile):
    return MatchingRun.objects.create(
        created_by=coordinator,
        proposals=[
            {
                "request": support_request.pk,
                "supporter": profile.user_id,
                "score": 50.0,
                "explanation": "Both speak English.",
            }
        ],
        request_count=1,
        supporter_count=1,
    )


def test_two_sends_for_one_free_place_make_one_match(coordinator):
    profile = SupporterProfileFactory(capacity=1)
    first = preview(coordinator, SupportRequestFactory(), profile)
    second = preview(coordinator, SupportRequestFactory(), profile)

    results = run_together(
        lambda: send_matching_run(run=first, actor=coordinator),
        lambda: send_matching_run(run=second, actor=coordinator),
    )

    assert Match.objects.filter(supporter=profile.user).count() == 1
    refusals = [result for result in results if isinstance(result, MatchingError)]
    assert len(refusals) == 1
    assert "has no free places" in refusals[0].messages[0]
    statuses = sorted(MatchingRun.objects.values_list("status", flat=True))
    assert statuses == sorted([RunStatus.SENT, RunStatus.PREVIEW])


def test_both_sides_accepting_at_once_start_the_match_once():
    match = MatchFactory()
    results = run_together(
        lambda: respond_to_match(match=match, user=match.member, accept=True),
        lambda: respond_to_match(match=match, user=match.supporter, accept=True),
    )
    assert not [result for result in results if isinstance(result, Exception)]
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.conversation is not None
