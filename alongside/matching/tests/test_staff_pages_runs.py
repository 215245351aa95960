"""Matching runs: preview, then send (all or nothing) or discard."""

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import RequestStatus, RunStatus
from alongside.matching.models import Match, MatchingRun, SupportRequest
from alongside.matching.tests.factories import SupporterProfileFactory, SupportRequestFactory
from alongside.matching.tests.test_staff_pages_access import text_of

RUNS = reverse("matching_staff:runs")


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


def run_url(name, run):
    return reverse(f"matching_staff:{name}", args=[run.pk])


@pytest.fixture
def pool(db):
    matched = SupportRequestFactory(member=UserFactory(profile__display_name="Kit"))
    unmatched = SupportRequestFactory(
        member=UserFactory(profile__display_name="Wyn"), languages=["cy"]
    )
    SupporterProfileFactory(user=UserFactory(profile__display_name="Lee"))
    return matched, unmatched


@pytest.mark.django_db
class TestRuns:
    def test_preview_lists_proposals_and_who_is_left(self, staff, pool):
        matched, unmatched = pool
        response = staff.post(RUNS)
        run = MatchingRun.objects.get()
        assert response.url == run_url("run", run)
        page = text_of(staff.get(response.url))
        assert "A preview: nobody has been told anything yet." in page
        assert f"Request {matched.pk} (befriending)" in page
        assert "Lee" in page
        assert "Not matched 1" in page
        assert f"Request {unmatched.pk} , waiting 10 days: No befriender" in page
        assert "Send these proposals" in page
        assert not Match.objects.exists()
        assert f"Run {run.pk}" in text_of(staff.get(RUNS))

    def test_send_makes_every_proposal(self, staff, pool):
        matched, _ = pool
        staff.post(RUNS)
        run = MatchingRun.objects.get()
        response = staff.post(run_url("run_send", run), follow=True)
        assert "Sent 1 proposal." in text_of(response)
        assert Match.objects.get().request == matched
        run.refresh_from_db()
        assert run.status == RunStatus.SENT

    def test_send_is_refused_when_things_changed(self, staff, pool):
        matched, _ = pool
        staff.post(RUNS)
        run = MatchingRun.objects.get()
        SupportRequest.objects.filter(pk=matched.pk).update(status=RequestStatus.WITHDRAWN)
        response = staff.post(run_url("run_send", run))
        assert response.status_code == 400
        page = text_of(response)
        assert "Things have changed since this preview, so nothing was sent" in page
        assert not Match.objects.exists()
        run.refresh_from_db()
        assert run.status == RunStatus.PREVIEW

    def test_discard(self, staff, pool):
        staff.post(RUNS)
        run = MatchingRun.objects.get()
        response = staff.post(run_url("run_discard", run), follow=True)
        assert "Discarded that preview." in text_of(response)
        run.refresh_from_db()
        assert run.status == RunStatus.DISCARDED
        response = staff.post(run_url("run_send", run))
        assert response.status_code == 400
        assert "discarded" in text_of(response)
        assert not Match.objects.exists()
