"""Reads about supporters: free places, who matching may propose, and the coordinator's
list without a query per supporter."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.matching.actions.proposals import supporter_problems
from alongside.matching.choices import MatchStatus, SupporterStatus
from alongside.matching.engine import load_supporters
from alongside.matching.selectors_people import (
    free_capacity,
    supporters_for_coordinator,
)
from alongside.matching.tests.factories import MatchFactory, SupporterProfileFactory
from alongside.safety.models import Suspension

pytestmark = pytest.mark.django_db


def test_free_places_count_proposed_and_active_matches_only(supporter_profile, peer_supporter):
    MatchFactory(supporter=peer_supporter, status=MatchStatus.ACTIVE)
    MatchFactory(supporter=peer_supporter, status=MatchStatus.ENDED)
    MatchFactory(supporter=peer_supporter, status=MatchStatus.DECLINED)
    assert free_capacity(supporter_profile) == 1

    MatchFactory(supporter=peer_supporter)
    assert free_capacity(supporter_profile) == 0
    row = supporters_for_coordinator().get(pk=supporter_profile.pk)
    assert (row.live_count, row.free_places) == (2, 0)


def test_only_approved_free_unpaused_unheld_unsuspended_supporters_are_proposable(moderator):
    ready = SupporterProfileFactory()
    applied = SupporterProfileFactory(status=SupporterStatus.APPLIED)
    paused = SupporterProfileFactory(is_paused=True)
    on_hold = SupporterProfileFactory(safeguarding_hold=True)
    text_held = SupporterProfileFactory(text_held=True)
    full = SupporterProfileFactory(capacity=1)
    MatchFactory(supporter=full.user, status=MatchStatus.ACTIVE)
    suspended = SupporterProfileFactory()
    Suspension.objects.create(member=suspended.user, suspended_by=moderator, reason="r")
    suspension_over = SupporterProfileFactory()
    Suspension.objects.create(
        member=suspension_over.user,
        suspended_by=moderator,
        reason="r",
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )

    closed = SupporterProfileFactory()
    closed.user.is_active = False
    closed.user.save()

    assert [facts.user_id for facts in load_supporters()] == [
        ready.user_id,
        suspension_over.user_id,
    ]
    everyone = (ready, applied, paused, on_hold, text_held, full, suspended, closed)
    assert [p for p in everyone if not supporter_problems(p, kind=p.kinds[0])] == [ready]


def test_the_coordinators_list_costs_the_same_queries_however_many_supporters():
    def read():
        rows = list(supporters_for_coordinator(status=SupporterStatus.APPROVED))
        for row in rows:
            _ = (row.user.profile.display_name, list(row.training.all()), list(row.topics.all()))
        return rows

    SupporterProfileFactory()
    with CaptureQueriesContext(connection) as few:
        assert len(read()) == 1
    SupporterProfileFactory.create_batch(4)
    with CaptureQueriesContext(connection) as many:
        assert len(read()) == 5

    assert len(many) == len(few)
