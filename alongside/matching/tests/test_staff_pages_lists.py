"""The overview, waiting list, supporters and matches pages: what they show, and query
counts that don't grow with the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Topic
from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import MatchMode, MatchStatus, SupporterStatus
from alongside.matching.models import CheckIn, Match
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
    matching_settings,
)
from alongside.matching.tests.test_staff_pages_access import text_of

OVERVIEW = reverse("matching_staff:overview")
WAITING = reverse("matching_staff:waiting")
SUPPORTERS = reverse("matching_staff:supporters")
MATCHES = reverse("matching_staff:matches")


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def topic(name):
    return Topic.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0]


@pytest.mark.django_db
class TestOverview:
    def test_counts_and_alerts(self, staff):
        SupportRequestFactory()
        SupportRequestFactory()
        quiet = MatchFactory(status=MatchStatus.ACTIVE)
        Match.objects.filter(pk=quiet.pk).update(
            activated_at=timezone.now() - datetime.timedelta(weeks=4)
        )
        unanswered = MatchFactory()
        Match.objects.filter(pk=unanswered.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=4)
        )
        worried_match = MatchFactory(status=MatchStatus.ACTIVE)
        CheckIn.objects.create(
            match=worried_match,
            contact_on=timezone.localdate(),
            mode=MatchMode.PHONE,
            worried=True,
        )
        page = text_of(staff.get(OVERVIEW))
        assert "2 people are waiting for a match" in page
        assert "1 proposed match waiting for answers" in page
        assert "2 active matches" in page
        assert f"Match {unanswered.pk} : " in page
        assert "hasn't answered the proposal" in page
        assert f"Match {quiet.pk} : no check-in" in page
        assert f"Match {worried_match.pk} : a check-in on" in page
        assert "says the supporter is worried" in page

    def test_calm_when_nothing_needs_a_look(self, staff):
        page = text_of(staff.get(OVERVIEW))
        assert "0 people are waiting" in page
        assert "Every supporter has answered their proposals." in page
        assert "No supporter has said they're worried." in page


@pytest.mark.django_db
class TestWaitingList:
    def test_oldest_first_with_what_they_asked_for_and_why_not_matched(self, staff):
        newer = SupportRequestFactory(
            member=UserFactory(profile__display_name="Newer"),
            waiting_since=timezone.now() - datetime.timedelta(days=3),
        )
        older = SupportRequestFactory(
            member=UserFactory(profile__display_name="Older"),
            waiting_since=timezone.now() - datetime.timedelta(weeks=5, days=1),
            languages=["cy"],
            topics=[topic("Bereavement")],
        )
        page = text_of(staff.get(WAITING))
        assert page.index("Older") < page.index("Newer")
        assert "5 weeks" in page
        assert "3 days" in page
        assert "Bereavement" in page
        assert "Welsh" in page
        assert "Video call, Phone call" in page
        assert "Cardiff" in page
        # No supporters at all: each row says why no match was found.
        row = page[page.index("Older") : page.index("Newer")]
        assert "befriender" in row.lower()
        assert newer.pk and older.pk

    def test_a_held_request_says_so(self, staff):
        SupportRequestFactory(member=UserFactory(profile__display_name="Held"), text_held=True)
        assert "Held for review" in text_of(staff.get(WAITING))

    def test_nobody_waiting(self, staff):
        assert "Nobody is waiting for a match right now." in text_of(staff.get(WAITING))

    def test_query_count_does_not_grow_with_rows(self, staff):
        matching_settings()
        SupporterProfileFactory()
        SupportRequestFactory(topics=[topic("Anxiety")])
        few = queries_for(staff, WAITING)
        for _ in range(6):
            SupportRequestFactory(topics=[topic("Anxiety"), topic("Loneliness")])
            SupporterProfileFactory(topics=[topic("Anxiety")])
        assert queries_for(staff, WAITING) == few


@pytest.mark.django_db
class TestSupporters:
    def test_applications_and_caseloads(self, staff):
        SupporterProfileFactory(
            status=SupporterStatus.APPLIED, user=UserFactory(profile__display_name="Applicant")
        )
        busy = SupporterProfileFactory(
            user=UserFactory(profile__display_name="Busy"), capacity=3, is_paused=True
        )
        MatchFactory(supporter=busy.user, status=MatchStatus.ACTIVE)
        MatchFactory(supporter=busy.user)
        SupporterProfileFactory(
            user=UserFactory(profile__display_name="Held"), safeguarding_hold=True
        )
        page = text_of(staff.get(SUPPORTERS))
        applications, approved = page.split("Approved supporters", 1)
        assert "Applicant" in applications and "Applicant" not in approved
        assert "Busy Mentoring, Befriending 1 1 3 Taking a break." in approved
        assert "Held" in approved and "Safeguarding hold." in approved

    def test_query_count_does_not_grow_with_rows(self, staff):
        SupporterProfileFactory(status=SupporterStatus.APPLIED)
        SupporterProfileFactory(topics=[topic("Anxiety")])
        few = queries_for(staff, SUPPORTERS)
        for _ in range(5):
            SupporterProfileFactory(status=SupporterStatus.APPLIED)
            profile = SupporterProfileFactory(topics=[topic("Anxiety")])
            MatchFactory(supporter=profile.user, status=MatchStatus.ACTIVE)
        assert queries_for(staff, SUPPORTERS) == few


@pytest.mark.django_db
class TestMatches:
    def test_history_with_status_filter(self, staff):
        active = MatchFactory(
            status=MatchStatus.ACTIVE,
            request__member=UserFactory(profile__display_name="Kit"),
        )
        proposed = MatchFactory(request__member=UserFactory(profile__display_name="Lee"))
        page = text_of(staff.get(MATCHES))
        assert f"Match {active.pk}" in page and f"Match {proposed.pk}" in page
        page = text_of(staff.get(MATCHES, {"status": "active"}))
        assert f"Match {active.pk} Kit {active.supporter.profile.display_name}" in page
        assert f"Match {proposed.pk}" not in page

    def test_a_nonsense_filter_shows_everything(self, staff):
        match = MatchFactory()
        response = staff.get(MATCHES, {"status": "<script>", "page": "x"})
        assert response.status_code == 200
        assert f"Match {match.pk}" in text_of(response)

    def test_query_count_does_not_grow_with_rows(self, staff):
        MatchFactory()
        few = queries_for(staff, MATCHES)
        for _ in range(6):
            MatchFactory(status=MatchStatus.ACTIVE)
        assert queries_for(staff, MATCHES) == few
