"""One match as a coordinator sees it: the whole story, and cancel, end, ended badly and
re-match, with refusals that change nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import (
    EndReason,
    HowItsGoing,
    MatchMode,
    MatchStatus,
    RequestStatus,
    ReviewOutcome,
)
from alongside.matching.models import (
    CheckIn,
    Match,
    MatchAgreement,
    MatchFeedback,
    MatchReflection,
    MatchReview,
    PairBlock,
)
from alongside.matching.tests.factories import MatchFactory
from alongside.matching.tests.test_staff_pages_access import text_of


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


def url(name, match):
    return reverse(f"matching_staff:{name}", args=[match.pk])


def active_match():
    return MatchFactory(
        status=MatchStatus.ACTIVE,
        request__member=UserFactory(profile__display_name="Kit"),
        supporter=UserFactory(profile__display_name="Lee"),
    )


@pytest.mark.django_db
class TestTimeline:
    def test_everything_that_happened_in_order(self, staff):
        match = active_match()
        Match.objects.filter(pk=match.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=9)
        )
        today = timezone.localdate()
        MatchAgreement.objects.create(
            match=match,
            version=2,
            focus="Getting out of the house",
            frequency="Weekly",
            modes=[MatchMode.PHONE],
            boundaries="No calls after nine.",
            review_on=today + datetime.timedelta(weeks=4),
            planned_end_on=today + datetime.timedelta(weeks=10),
            last_edited_by=match.supporter,
            supporter_confirmed_version=2,
            supporter_confirmed_at=timezone.now(),
        )
        CheckIn.objects.create(
            match=match,
            contact_on=today,
            mode=MatchMode.PHONE,
            minutes=45,
            notes="Talked about the allotment.",
            worried=True,
        )
        MatchFeedback.objects.create(
            match=match, author=match.member, how_its_going=HowItsGoing.WELL, comment="Kind."
        )
        MatchReview.objects.create(
            match=match, reviewed_by=match.member, outcome=ReviewOutcome.CONTINUE
        )
        page = text_of(staff.get(url("match", match)))
        assert "Match " + str(match.pk) + ": Lee and Kit" in page
        assert "Agreement version 2 written by Lee" in page
        assert "Lee confirmed agreement version 2" in page
        assert "No calls after nine." in page
        assert "Phone call, 45 minutes. The supporter is worried about them." in page
        assert "Talked about the allotment." in page
        assert "How it's going: Well." in page
        assert "Carry on as agreed" in page
        assert page.index("Proposed") < page.index("Match started") < page.index("Check-in")

    def test_declined_reason_is_shown_to_coordinators(self, staff):
        match = MatchFactory(status=MatchStatus.DECLINED, decline_reason="Too far away.")
        assert "Too far away." in text_of(staff.get(url("match", match)))

    def test_reflections_after_the_end(self, staff):
        match = MatchFactory(status=MatchStatus.ENDED, end_reason=EndReason.PLANNED)
        MatchReflection.objects.create(match=match, author=match.member, text="It helped.")
        page = text_of(staff.get(url("match", match)))
        assert "Reached its planned end" in page
        assert "It helped." in page
        assert "Mark as ended badly" in page


@pytest.mark.django_db
class TestActions:
    def test_cancel_a_proposal(self, staff):
        match = MatchFactory()
        response = staff.post(url("match_cancel", match), {"cancel-reason": "Mix-up."}, follow=True)
        assert "Cancelled the match." in text_of(response)
        match.refresh_from_db()
        match.request.refresh_from_db()
        assert match.status == MatchStatus.CANCELLED
        assert match.request.status == RequestStatus.WAITING

    def test_cancelling_an_active_match_is_refused(self, staff):
        match = active_match()
        response = staff.post(url("match_cancel", match), {})
        assert response.status_code == 400
        assert "There is a problem" in text_of(response)
        match.refresh_from_db()
        assert match.status == MatchStatus.ACTIVE

    def test_end_badly_blocks_the_pair(self, staff):
        match = active_match()
        response = staff.post(
            url("match_end", match),
            {"end-reason": EndReason.BY_COORDINATOR, "end-ended_badly": "on", "end-note": "Rows."},
            follow=True,
        )
        assert "won't be proposed to each other again" in text_of(response)
        match.refresh_from_db()
        assert match.status == MatchStatus.ENDED
        assert PairBlock.objects.filter(member=match.member, supporter=match.supporter).exists()

    def test_end_needs_a_reason(self, staff):
        match = active_match()
        response = staff.post(url("match_end", match), {"end-reason": "bored"})
        assert response.status_code == 400
        assert "Choose why the match is ending." in text_of(response)
        match.refresh_from_db()
        assert match.status == MatchStatus.ACTIVE

    def test_mark_an_ended_match_as_ended_badly(self, staff):
        match = MatchFactory(status=MatchStatus.ENDED, end_reason=EndReason.PLANNED)
        staff.post(url("match_ended_badly", match), {"badly-note": "Came out later."})
        block = PairBlock.objects.get(member=match.member, supporter=match.supporter)
        assert block.match == match
        page = text_of(staff.get(url("match", match)))
        assert "These two won't be proposed to each other again." in page

    def test_rematch_puts_the_request_back(self, staff):
        match = active_match()
        waiting_since = match.request.waiting_since
        response = staff.post(url("match_rematch", match), {}, follow=True)
        assert "back on the waiting list" in text_of(response)
        match.request.refresh_from_db()
        assert match.request.status == RequestStatus.WAITING
        assert match.request.waiting_since == waiting_since

    def test_rematch_of_a_finished_match_is_refused(self, staff):
        match = MatchFactory(status=MatchStatus.ENDED, end_reason=EndReason.PLANNED)
        response = staff.post(url("match_rematch", match), {})
        assert response.status_code == 400
        assert "already finished" in text_of(response)
