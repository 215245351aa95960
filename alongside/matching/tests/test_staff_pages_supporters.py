"""One supporter's onboarding page: the record, training, decisions and holds, with plain
errors for bad input and refusals that change nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role, has_role
from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import BackgroundCheck, MatchStatus, SupporterStatus
from alongside.matching.models import SupporterProfile, TrainingRecord
from alongside.matching.tests.factories import MatchFactory, SupporterProfileFactory
from alongside.matching.tests.test_staff_pages_access import text_of


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


@pytest.fixture
def applicant(db):
    return SupporterProfileFactory(
        status=SupporterStatus.APPLIED, user=UserFactory(profile__display_name="Rowan")
    )


def url(name, profile):
    return reverse(f"matching_staff:{name}", args=[profile.pk])


def days_ago(days):
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


@pytest.mark.django_db
class TestPage:
    def test_shows_the_application_and_their_matches(self, staff, applicant):
        match = MatchFactory(supporter=applicant.user, status=MatchStatus.ACTIVE)
        page = text_of(staff.get(url("supporter", applicant)))
        assert "Rowan" in page
        assert "I had a befriender when I needed one" in page
        assert "Tuesday 18:00 to 21:00" in page
        assert f"Match {match.pk}" in page
        assert "No training recorded yet." in page
        assert "Never upload or copy the certificate." in page


@pytest.mark.django_db
class TestOnboarding:
    def test_saves_the_record(self, staff, applicant):
        response = staff.post(
            url("supporter_onboarding", applicant),
            {
                "interviewed_on": days_ago(2),
                "interview_notes": "Warm and thoughtful.",
                "background_check": BackgroundCheck.CLEAR,
                "background_checked_on": days_ago(1),
            },
        )
        assert response.status_code == 302
        applicant.refresh_from_db()
        assert applicant.interviewed_on.isoformat() == days_ago(2)
        assert applicant.interview_notes == "Warm and thoughtful."
        assert applicant.background_check == BackgroundCheck.CLEAR

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"interviewed_on": "31/31/2026"}, "Enter a real date, like 2026-03-14."),
            (
                {"interviewed_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
                "The interview date can't be in the future.",
            ),
            ({"background_check": "certificate"}, "Choose one of the background check statuses."),
            ({"background_check": ""}, "Choose the background check status."),
            (
                {"background_check": BackgroundCheck.CLEAR, "background_checked_on": ""},
                "Enter the date the background check result came.",
            ),
            ({"interview_notes": "x" * 3001}, "Keep this to 3,000 characters or fewer"),
        ],
    )
    def test_bad_input_says_what_to_fix_and_changes_nothing(self, staff, applicant, data, message):
        posted = {"background_check": BackgroundCheck.NOT_REQUIRED, **data}
        response = staff.post(url("supporter_onboarding", applicant), posted)
        assert response.status_code == 400
        assert message in text_of(response)
        assert "There is a problem" in text_of(response)
        applicant.refresh_from_db()
        assert applicant.interviewed_on is None
        assert applicant.interview_notes == ""


@pytest.mark.django_db
class TestTraining:
    def test_adds_a_course(self, staff, applicant):
        response = staff.post(
            url("supporter_training", applicant),
            {"course_name": "  Listening   skills ", "completed_on": days_ago(5)},
            follow=True,
        )
        assert "Added the course \u201cListening skills\u201d." in text_of(response)
        assert TrainingRecord.objects.get(supporter=applicant).course_name == "Listening skills"

    def test_bad_input(self, staff, applicant):
        response = staff.post(
            url("supporter_training", applicant), {"course_name": " ", "completed_on": ""}
        )
        assert response.status_code == 400
        page = text_of(response)
        assert "Enter the name of the course." in page
        assert "Enter the date completed." in page
        assert not TrainingRecord.objects.exists()


@pytest.mark.django_db
class TestDecision:
    def test_approval_is_refused_until_onboarding_is_done(self, staff, applicant):
        response = staff.post(url("supporter_decision", applicant), {"decision": "approve"})
        assert response.status_code == 400
        assert "interview" in text_of(response).lower()
        applicant.refresh_from_db()
        assert applicant.status == SupporterStatus.APPLIED
        assert not has_role(applicant.user, Role.PEER_SUPPORTER)

    def test_approves_when_ready(self, staff, applicant):
        SupporterProfile.objects.filter(pk=applicant.pk).update(interviewed_on=timezone.localdate())
        TrainingRecord.objects.create(
            supporter=applicant, course_name="Befriending", completed_on=timezone.localdate()
        )
        response = staff.post(
            url("supporter_decision", applicant), {"decision": "approve"}, follow=True
        )
        assert "Rowan is now a peer supporter" in text_of(response)
        applicant.refresh_from_db()
        assert applicant.status == SupporterStatus.APPROVED
        assert has_role(applicant.user, Role.PEER_SUPPORTER)

    def test_declining_needs_a_note(self, staff, applicant):
        response = staff.post(url("supporter_decision", applicant), {"decision": "decline"})
        assert response.status_code == 400
        assert "Say briefly why the application was declined." in text_of(response)
        applicant.refresh_from_db()
        assert applicant.status == SupporterStatus.APPLIED

    def test_declines_with_a_note(self, staff, applicant):
        staff.post(
            url("supporter_decision", applicant),
            {"decision": "decline", "note": "Not the right time."},
        )
        applicant.refresh_from_db()
        assert applicant.status == SupporterStatus.DECLINED
        assert applicant.decision_note == "Not the right time."


@pytest.mark.django_db
class TestHold:
    def test_on_and_off(self, staff):
        profile = SupporterProfileFactory()
        response = staff.post(url("supporter_hold", profile), {"hold": "on"}, follow=True)
        assert "Safeguarding hold on" in text_of(response)
        profile.refresh_from_db()
        assert profile.safeguarding_hold
        staff.post(url("supporter_hold", profile), {"hold": "off"})
        profile.refresh_from_db()
        assert not profile.safeguarding_hold

    def test_nonsense_is_refused(self, staff):
        profile = SupporterProfileFactory()
        response = staff.post(url("supporter_hold", profile), {"hold": "maybe"})
        assert response.status_code == 400
        assert "Choose hold on or off." in text_of(response)
