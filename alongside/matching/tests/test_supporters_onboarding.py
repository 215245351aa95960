"""Onboarding, recorded by a coordinator: interview, training, background check, and the
decision. Approval needs all three, and says what is missing when it can't go ahead."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.accounts.roles import Role, has_role
from alongside.common.models import AuditLogEntry
from alongside.community.choices import NotificationKind
from alongside.community.models import Notification
from alongside.matching.actions import supporters as actions
from alongside.matching.choices import BackgroundCheck, SupporterStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import SupporterProfile, TrainingRecord
from alongside.matching.tests.factories import SupporterProfileFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
WEEK = datetime.timedelta(days=7)


@pytest.fixture
def application(member):
    return SupporterProfileFactory(user=member, status=SupporterStatus.APPLIED)


def _ready(profile, check=BackgroundCheck.CLEAR):
    """Interviewed and trained, with the background check as given."""
    actions.record_onboarding(
        profile=profile,
        actor=None,
        interviewed_on=TODAY() - WEEK,
        interview_notes="",
        background_check=check,
        background_checked_on=TODAY() - WEEK if check != BackgroundCheck.PENDING else None,
    )
    TrainingRecordFactory(supporter=profile)


def test_recording_the_interview_and_check_stores_dates_and_status_only(application, coordinator):
    profile = actions.record_onboarding(
        profile=application,
        actor=coordinator,
        interviewed_on=TODAY() - WEEK,
        interview_notes="  Warm and thoughtful.  ",
        background_check=BackgroundCheck.CLEAR,
        background_checked_on=TODAY(),
    )

    profile.refresh_from_db()
    assert profile.interviewed_on == TODAY() - WEEK
    assert profile.interview_notes == "Warm and thoughtful."
    assert (profile.background_check, profile.background_checked_on) == ("clear", TODAY())
    entry = AuditLogEntry.objects.get(verb="matching.onboarding_recorded")
    assert entry.data == {
        "profile_id": profile.pk,
        "fields": [
            "background_check",
            "background_checked_on",
            "interview_notes",
            "interviewed_on",
        ],
    }


def test_dates_in_the_future_and_a_result_without_a_date_are_refused(application, coordinator):
    with pytest.raises(ValidationError) as error:
        actions.record_onboarding(
            profile=application,
            actor=coordinator,
            interviewed_on=TODAY() + WEEK,
            interview_notes="",
            background_check=BackgroundCheck.NOT_CLEAR,
            background_checked_on=None,
        )

    assert error.value.message_dict == {
        "interviewed_on": ["The interview date can't be in the future."],
        "background_checked_on": ["Enter the date of the background check."],
    }
    application.refresh_from_db()
    assert application.interviewed_on is None


def test_adding_a_training_course(application, coordinator):
    record = actions.add_training(
        profile=application,
        actor=coordinator,
        course_name="  Listening   skills ",
        completed_on=TODAY(),
    )

    assert (record.course_name, record.recorded_by) == ("Listening skills", coordinator)
    entry = AuditLogEntry.objects.get(verb="matching.training_added")
    assert entry.data == {"profile_id": application.pk, "training_id": record.pk}


def test_a_course_needs_a_name_and_a_past_date(application, coordinator):
    with pytest.raises(ValidationError) as error:
        actions.add_training(
            profile=application, actor=coordinator, course_name=" ", completed_on=TODAY() + WEEK
        )

    assert error.value.message_dict == {
        "course_name": ["Enter the name of the course."],
        "completed_on": ["The date the course was completed can't be in the future."],
    }
    assert not TrainingRecord.objects.exists()


def test_approval_grants_the_role_and_tells_them(application, coordinator, member):
    _ready(application)

    profile = actions.approve_supporter(profile=application, actor=coordinator, note="Great.")

    profile.refresh_from_db()
    assert profile.status == SupporterStatus.APPROVED
    assert (profile.decided_by, profile.decision_note) == (coordinator, "Great.")
    assert has_role(member, Role.PEER_SUPPORTER)
    note = Notification.objects.get(user=member)
    assert note.kind == NotificationKind.MATCH
    assert note.text.startswith("You're now a peer supporter.")
    entry = AuditLogEntry.objects.get(verb="matching.supporter_approved")
    assert entry.data == {"profile_id": profile.pk}


def test_approval_without_an_interview_or_training_says_what_is_missing(
    application, coordinator, member
):
    with pytest.raises(MatchingError) as error:
        actions.approve_supporter(profile=application, actor=coordinator)

    assert error.value.message == (
        "This application can't be approved yet: there's no interview date and no "
        "training is recorded."
    )
    application.refresh_from_db()
    assert application.status == SupporterStatus.APPLIED
    assert not has_role(member, Role.PEER_SUPPORTER)
    assert not Notification.objects.exists()
    assert not AuditLogEntry.objects.filter(verb="matching.supporter_approved").exists()


def test_approval_without_training_alone_is_refused(application, coordinator):
    _ready(application)
    TrainingRecord.objects.all().delete()

    with pytest.raises(MatchingError, match="yet: no training is recorded"):
        actions.approve_supporter(profile=application, actor=coordinator)


@pytest.mark.parametrize(
    ("check", "words"),
    [
        (BackgroundCheck.PENDING, "the background check is still waiting for a result"),
        (BackgroundCheck.NOT_CLEAR, "the background check was not clear"),
    ],
)
def test_approval_waits_for_a_clear_background_check(application, coordinator, check, words):
    _ready(application, check)

    with pytest.raises(MatchingError, match=words):
        actions.approve_supporter(profile=application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == SupporterStatus.APPLIED


def test_a_check_that_is_not_required_does_not_hold_approval_up(application, coordinator):
    _ready(application, BackgroundCheck.NOT_REQUIRED)

    profile = actions.approve_supporter(profile=application, actor=coordinator)

    assert profile.status == SupporterStatus.APPROVED


def test_an_approved_supporter_is_not_approved_twice(supporter_profile, coordinator):
    with pytest.raises(MatchingError, match="already been approved"):
        actions.approve_supporter(profile=supporter_profile, actor=coordinator)


def test_declining_needs_a_note_and_tells_the_applicant_kindly(application, coordinator, member):
    with pytest.raises(ValidationError) as error:
        actions.decline_supporter(profile=application, actor=coordinator, note=" ")
    assert list(error.value.message_dict) == ["note"]

    profile = actions.decline_supporter(
        profile=application, actor=coordinator, note="Not the right time for them."
    )

    assert profile.status == SupporterStatus.DECLINED
    assert not has_role(member, Role.PEER_SUPPORTER)
    note = Notification.objects.get(user=member)
    assert "Thank you for offering" in note.text
    assert "right time" not in note.text
    assert SupporterProfile.objects.get().decision_note == "Not the right time for them."
    entry = AuditLogEntry.objects.get(verb="matching.supporter_declined")
    assert entry.data == {"profile_id": profile.pk}
