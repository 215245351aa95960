"""While a match is going: check-ins (the supporter's), feedback (the member's), reviews."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from alongside.matching.actions.contact import give_feedback, log_check_in, record_review
from alongside.matching.choices import MatchMode, MatchStatus, ReviewOutcome
from alongside.matching.errors import MatchingError
from alongside.matching.models import CheckIn, MatchFeedback, MatchReview
from alongside.matching.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def active():
    return MatchFactory(status=MatchStatus.ACTIVE)


def check_in(match, actor=None, **changes):
    values = {"contact_on": TODAY(), "mode": MatchMode.PHONE, "minutes": 30, "notes": ""}
    return log_check_in(match=match, actor=actor or match.supporter, **{**values, **changes})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact_on": TODAY() + datetime.timedelta(days=1)}, "contact_on", "in the future"),
        ({"contact_on": TODAY() - datetime.timedelta(days=30)}, "contact_on", "before the match"),
        ({"contact_on": None}, "contact_on", "Enter the date"),
        ({"minutes": 0}, "minutes", "between 1 and 600"),
        ({"minutes": 601}, "minutes", "between 1 and 600"),
        ({"mode": "carrier_pigeon"}, "mode", "Choose how you were in touch"),
        ({"notes": "n" * 2001}, "notes", "(it has 2,001)"),
    ],
)
def test_check_in_fields_are_checked(active, changes, field, message):
    with pytest.raises(ValidationError) as error:
        check_in(active, **changes)
    assert message in error.value.message_dict[field][0]
    assert not CheckIn.objects.exists()


def test_minutes_are_optional_and_the_contact_clock_restarts(active):
    active.no_contact_alerted_at = timezone.now()
    active.save()
    logged = check_in(active, minutes=None, notes="  Talked about the week.  ")
    assert logged.minutes is None and logged.notes == "Talked about the week."
    active.refresh_from_db()
    assert active.no_contact_alerted_at is None
    assert active.last_contact_at is not None


def test_only_the_supporter_logs_check_ins(active, other_member, coordinator):
    with pytest.raises(PermissionDenied, match="Only the supporter"):
        check_in(active, actor=active.member)
    for outsider in (other_member, coordinator):
        with pytest.raises(Http404):
            check_in(active, actor=outsider)
    assert not CheckIn.objects.exists()


def test_check_ins_only_while_the_match_is_going():
    proposed = MatchFactory()
    with pytest.raises(MatchingError, match="isn't going"):
        log_check_in(
            match=proposed, actor=proposed.supporter, contact_on=TODAY(), mode=MatchMode.PHONE
        )


def test_only_the_member_gives_feedback(active, other_member):
    with pytest.raises(PermissionDenied, match="Only the person being supported"):
        give_feedback(match=active, actor=active.supporter, how_its_going=3)
    with pytest.raises(Http404):
        give_feedback(match=active, actor=other_member, how_its_going=3)
    for bad in (0, 5, None, "3"):
        with pytest.raises(ValidationError) as error:
            give_feedback(match=active, actor=active.member, how_its_going=bad)
        assert error.value.message_dict == {"how_its_going": ["Choose how it's going."]}
    assert not MatchFeedback.objects.exists()
    feedback = give_feedback(match=active, actor=active.member, how_its_going=2)
    assert feedback.get_how_its_going_display() == "Okay"


def test_reviews_by_either_side_or_a_coordinator(active, coordinator, other_member):
    record_review(match=active, actor=active.member, outcome=ReviewOutcome.CONTINUE, note="Fine")
    record_review(match=active, actor=coordinator, outcome=ReviewOutcome.END_SOON)
    with pytest.raises(Http404):
        record_review(match=active, actor=other_member, outcome=ReviewOutcome.CONTINUE)
    with pytest.raises(ValidationError) as error:
        record_review(match=active, actor=active.supporter, outcome=ReviewOutcome.EXTEND)
    assert error.value.message_dict == {"new_end_on": ["Choose the new end date."]}
    with pytest.raises(ValidationError) as error:
        record_review(match=active, actor=active.supporter, outcome="forever")
    assert error.value.message_dict == {"outcome": ["Choose what you decided."]}
    assert MatchReview.objects.filter(match=active).count() == 2


def test_worrying_words_in_feedback_and_notes_reach_the_moderators(active):
    from alongside.safety.choices import AlertTarget
    from alongside.safety.models import SafetyAlert
    from alongside.safety.risk import RiskLevel

    feedback = give_feedback(
        match=active,
        actor=active.member,
        how_its_going=1,
        comment="I feel so hopeless and worthless",
    )
    notes = check_in(active, notes="They said they feel so hopeless and worthless")
    assert feedback.risk_level != RiskLevel.NONE and notes.risk_level != RiskLevel.NONE
    alerts = SafetyAlert.objects.order_by("pk")
    assert [alert.target for alert in alerts] == [
        AlertTarget.MATCH_FEEDBACK,
        AlertTarget.CHECK_IN,
    ]
    assert [alert.member for alert in alerts] == [active.member, active.supporter]
