"""The match selectors: what each list holds, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.matching.actions.contact import give_feedback, log_check_in, record_review
from alongside.matching.actions.endings import write_reflection
from alongside.matching.choices import MatchMode, MatchStatus, ReviewOutcome
from alongside.matching.models import Match
from alongside.matching.selectors import (
    coordinator_alerts,
    match_for_page,
    match_history,
    matches_for_member,
    matches_for_supporter,
    supporter_caseloads,
)
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


def touch_everything(matches):
    for match in matches:
        _ = (match.member.profile.display_name, match.supporter.profile.display_name)
        _ = (match.request.kind, match.conversation)
        _ = getattr(match, "agreement", None)


def count_queries(function):
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_member_and_supporter_lists_live_first(member):
    ended = MatchFactory(request=SupportRequestFactory(member=member), status=MatchStatus.ENDED)
    active = MatchFactory(
        request=SupportRequestFactory(member=member, kind="mentoring"), status=MatchStatus.ACTIVE
    )
    MatchFactory()  # someone else's
    assert list(matches_for_member(member)) == [active, ended]
    assert list(matches_for_supporter(active.supporter)) == [active]
    assert list(matches_for_member(active.supporter)) == []


def test_lists_take_the_same_queries_however_long(member):
    profile = SupporterProfileFactory(capacity=10)
    MatchFactory(supporter=profile.user, status=MatchStatus.ACTIVE)
    one = count_queries(lambda: touch_everything(list(matches_for_supporter(profile.user))))
    one_history = count_queries(lambda: touch_everything(list(match_history())))
    one_caseload = count_queries(lambda: [p.live_matches for p in supporter_caseloads()])
    for _ in range(4):
        MatchFactory(supporter=profile.user, status=MatchStatus.ACTIVE)
        SupporterProfileFactory()
    assert count_queries(lambda: touch_everything(list(matches_for_supporter(profile.user)))) == one
    assert count_queries(lambda: touch_everything(list(match_history()))) == one_history
    assert count_queries(lambda: [p.live_matches for p in supporter_caseloads()]) == one_caseload


def test_match_history_by_status():
    active = MatchFactory(status=MatchStatus.ACTIVE)
    proposed = MatchFactory()
    assert list(match_history(status=MatchStatus.ACTIVE)) == [active]
    assert set(match_history()) == {active, proposed}


def test_supporter_caseloads_count_free_places():
    profile = SupporterProfileFactory(capacity=3)
    MatchFactory(supporter=profile.user, status=MatchStatus.ACTIVE)
    MatchFactory(supporter=profile.user)
    MatchFactory(supporter=profile.user, status=MatchStatus.ENDED)
    row = next(p for p in supporter_caseloads() if p.pk == profile.pk)
    assert (row.live_count, row.free_places, len(row.live_matches)) == (2, 1, 2)


def test_match_page_has_everything_in_a_fixed_number_of_queries(coordinator):
    match = MatchFactory(status=MatchStatus.ACTIVE)
    for _ in range(3):
        log_check_in(
            match=match,
            actor=match.supporter,
            contact_on=timezone.localdate(),
            mode=MatchMode.PHONE,
        )
        give_feedback(match=match, actor=match.member, how_its_going=3)
        record_review(match=match, actor=coordinator, outcome=ReviewOutcome.CONTINUE)
    Match.objects.filter(pk=match.pk).update(status=MatchStatus.ENDED)
    write_reflection(match=match, actor=match.member, text="Thank you.")

    def read():
        page = match_for_page(match)
        for check_in in page.check_ins.all():
            _ = check_in.logged_by.profile.display_name
        for review in page.reviews.all():
            _ = review.reviewed_by.profile.display_name
        for reflection in page.reflections.all():
            _ = reflection.author.profile.display_name
        assert (page.check_ins.count(), len(page.feedback.all())) == (3, 3)
        touch_everything([page])

    assert count_queries(read) <= 8


def test_coordinator_alerts_lists_each_condition():
    now = timezone.now()
    unanswered = MatchFactory()
    Match.objects.filter(pk=unanswered.pk).update(created_at=now - datetime.timedelta(days=4))
    quiet = MatchFactory(status=MatchStatus.ACTIVE)
    Match.objects.filter(pk=quiet.pk).update(activated_at=now - datetime.timedelta(days=22))
    MatchFactory()
    MatchFactory(status=MatchStatus.ACTIVE)
    alerts = coordinator_alerts()
    assert alerts["no_response"] == [unanswered]
    assert alerts["no_contact"] == [quiet]
    assert alerts["worried"] == []
