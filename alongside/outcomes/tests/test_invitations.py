"""When a member is invited to a wellbeing check-in, and how: with their consent only,
gently, never right after an urgent safety-net event, and never with a score in it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from alongside.accounts.models import User
from alongside.community.choices import NotificationKind
from alongside.community.models import Notification
from alongside.community.tests.factories import PostFactory
from alongside.groups.actions.membership import leave_group, remove_member
from alongside.groups.choices import GroupKind
from alongside.groups.tests.factories import MembershipFactory
from alongside.matching.actions.endings import end_match
from alongside.matching.choices import EndReason, MatchStatus, SupportKind
from alongside.matching.tests.factories import MatchFactory
from alongside.outcomes import actions, actions_measures
from alongside.outcomes.choices import CheckInStatus, Occasion, SupportForm
from alongside.outcomes.models import CheckIn, Measure
from alongside.outcomes.notifications import INVITATION_SUBJECT
from alongside.outcomes.selectors import preference_for
from alongside.outcomes.tasks import offer_due_check_ins
from alongside.safety.choices import AlertStatus, AlertTarget
from alongside.safety.models import SafetyAlert
from alongside.safety.risk import RiskLevel
from alongside.staff.actions.enquiries import submit_enquiry

pytestmark = pytest.mark.django_db

URGENT_TEXT = "I am going to kill myself tonight, I have the pills ready"
PASSWORD = "a calm harbour at dusk"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (tasks, then the emails they queue)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def invitations_to(member):
    return Notification.objects.filter(user=member, kind=NotificationKind.WELLBEING)


def emails_to(member):
    return [message for message in mail.outbox if message.to == [member.email]]


def consenting(member, *, by_email=True) -> None:
    """Said yes, and skipped the baseline check-in, so nothing is waiting."""
    actions.set_consent(member=member, consented=True, by_email=by_email)
    baseline = CheckIn.objects.get(member=member, occasion=Occasion.BASELINE)
    actions.skip_check_in(check_in=baseline, member=member)


def answer_everything(member, check_in, value=3) -> None:
    for key in ("ucla3", "belonging"):
        measure = Measure.objects.get(key=key)
        answers = {item.key: value for item in measure.parsed.items}
        actions.save_answers(
            check_in=check_in, member=member, measure=measure, answers=answers, finish=True
        )


def urgent_alert(member, *, days_ago=0) -> SafetyAlert:
    post = PostFactory(thread__author=member, body=URGENT_TEXT, risk_level=RiskLevel.URGENT)
    alert = SafetyAlert.objects.create(
        member=member,
        target=AlertTarget.POST,
        post=post,
        level=RiskLevel.URGENT,
        level_rank=2,
        score=0.9,
        signals=["test.signal"],
        detector_version="test",
        status=AlertStatus.OPEN,
    )
    if days_ago:
        SafetyAlert.objects.filter(pk=alert.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
        alert.refresh_from_db()
    return alert


def held_after_an_urgent_alert(member, run_on_commit) -> tuple[CheckIn, SafetyAlert]:
    """Said yes, had an urgent alert today, then left a group: the check-in is held."""
    consenting(member)
    alert = urgent_alert(member)
    leave_a_group(member, run_on_commit)
    return CheckIn.objects.get(member=member, status=CheckInStatus.HELD), alert


def fifteen_days_pass(alert: SafetyAlert) -> None:
    SafetyAlert.objects.filter(pk=alert.pk).update(created_at=alert.created_at - timedelta(days=15))


def leave_a_group(member, run_on_commit, kind=GroupKind.SUPPORT):
    membership = MembershipFactory(user=member, group__kind=kind)
    with run_on_commit():
        leave_group(membership=membership)
    return membership


# Sign-up


def test_a_new_member_is_asked_in_the_app_whether_they_would_like_check_ins(client, run_on_commit):
    with run_on_commit():
        response = client.post(
            "/accounts/signup/",
            {
                "display_name": "River",
                "email": "river@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    assert response.status_code == 302
    river = User.objects.get(email="river@example.org")
    (invitation,) = invitations_to(river)
    assert invitation.url == "/wellbeing/choice/"
    assert "optional" in invitation.text
    assert "check-in" in invitation.text
    # Only the address confirmation is emailed, and nothing is decided for them.
    assert len(emails_to(river)) == 1
    assert INVITATION_SUBJECT not in [message.subject for message in mail.outbox]
    assert preference_for(river) is None
    assert not CheckIn.objects.filter(member=river).exists()


def test_a_refused_sign_up_asks_nobody(client, run_on_commit):
    with run_on_commit():
        client.post(
            "/accounts/signup/",
            {"display_name": "River", "email": "river@example.org", "password1": PASSWORD},
        )

    assert not User.objects.filter(email="river@example.org").exists()
    assert not Notification.objects.filter(kind=NotificationKind.WELLBEING).exists()


# Baseline


def test_saying_yes_opens_the_baseline_check_in_without_a_notification(member, run_on_commit):
    with run_on_commit():
        actions.set_consent(member=member, consented=True)

    (check_in,) = CheckIn.objects.filter(member=member)
    assert check_in.occasion == Occasion.BASELINE
    assert check_in.status == CheckInStatus.OPEN
    assert check_in.offered_at is not None
    # They are sent straight to it, so there's nothing to tell them.
    assert not invitations_to(member).exists()
    assert emails_to(member) == []


# When support ends


def test_leaving_a_group_offers_a_check_in_in_the_app_and_by_email(member, run_on_commit):
    consenting(member)

    membership = leave_a_group(member, run_on_commit, kind=GroupKind.SELF_HELP)

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.MEMBERSHIP_ENDED
    assert check_in.support_form == SupportForm.SELF_HELP_GROUP
    assert check_in.group == membership.group
    assert check_in.match is None
    assert check_in.emailed_at is not None
    (invitation,) = invitations_to(member)
    assert invitation.url == "/wellbeing/check-in/"
    assert "optional" in invitation.text
    (email,) = emails_to(member)
    assert email.subject == INVITATION_SUBJECT
    assert "http://127.0.0.1:8000/wellbeing/check-in/" in email.body
    assert "http://127.0.0.1:8000/wellbeing/choice/" in email.body
    assert "optional" in email.body
    assert "Robin" in email.body


def test_the_invitation_email_carries_no_score_and_no_answer(member, run_on_commit):
    actions.set_consent(member=member, consented=True)
    baseline = CheckIn.objects.get(member=member)
    answer_everything(member, baseline, value=3)  # UCLA-3: 9 "Often"; belonging: 9
    assert {response.score for response in baseline.responses.all()} == {Decimal(9)}

    leave_a_group(member, run_on_commit)

    (email,) = emails_to(member)
    html = email.alternatives[0][0]
    for text in (email.body, html):
        assert "9" not in text.replace("127.0.0.1:8000", "")
        assert "score" not in text.lower()
        assert "Often" not in text and "Fairly strongly" not in text
        assert "lonel" not in text.lower()


def test_no_email_for_a_member_who_chose_the_app_only(member, run_on_commit):
    consenting(member, by_email=False)

    leave_a_group(member, run_on_commit)

    assert invitations_to(member).count() == 1
    assert emails_to(member) == []
    assert CheckIn.objects.get(member=member, status=CheckInStatus.OPEN).emailed_at is None


def test_being_removed_from_a_group_offers_a_check_in(member, coordinator, run_on_commit):
    consenting(member)
    membership = MembershipFactory(user=member, group__kind=GroupKind.COMMUNITY)

    with run_on_commit():
        remove_member(membership=membership, actor=coordinator, reason="Repeated rudeness")

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.MEMBERSHIP_ENDED
    assert check_in.support_form == SupportForm.COMMUNITY_GROUP
    assert check_in.group == membership.group
    assert invitations_to(member).count() == 1
    assert len(emails_to(member)) == 1


def test_a_match_ending_offers_the_member_a_check_in(member, run_on_commit):
    consenting(member)
    match = MatchFactory(
        status=MatchStatus.ACTIVE, request__member=member, request__kind=SupportKind.MENTORING
    )

    with run_on_commit():
        end_match(match=match, actor=member, reason=EndReason.EARLY_BY_MEMBER)

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.MATCH_ENDED
    assert check_in.support_form == SupportForm.MENTORING
    assert check_in.match == match
    assert check_in.group is None
    assert invitations_to(member).count() == 1
    assert [email.subject for email in emails_to(member)] == [INVITATION_SUBJECT]
    # The supporter is not a member being measured here.
    assert not CheckIn.objects.filter(member=match.supporter).exists()


@pytest.mark.parametrize("consented", [None, False])
def test_no_check_in_without_a_yes(member, run_on_commit, consented):
    if consented is False:
        actions.set_consent(member=member, consented=False)

    leave_a_group(member, run_on_commit)

    assert not CheckIn.objects.filter(member=member).exists()
    assert not invitations_to(member).exists()
    assert emails_to(member) == []


def test_no_check_in_when_support_ends_if_coordinators_turned_that_off(
    member, coordinator, run_on_commit
):
    consenting(member)
    actions_measures.update_outcomes_settings(
        actor=coordinator,
        interval_months=3,
        ask_when_support_ends=False,
        quiet_days_after_urgent=14,
    )

    leave_a_group(member, run_on_commit)

    assert not CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).exists()
    assert not invitations_to(member).exists()


def test_no_second_check_in_while_one_is_waiting(member, run_on_commit):
    actions.set_consent(member=member, consented=True)  # the baseline is waiting

    leave_a_group(member, run_on_commit)

    (check_in,) = CheckIn.objects.filter(member=member)
    assert check_in.occasion == Occasion.BASELINE
    assert not invitations_to(member).exists()
    assert emails_to(member) == []


# After an urgent safety-net event


def test_after_an_urgent_alert_the_check_in_is_held_quietly(member, run_on_commit):
    consenting(member)
    alert = urgent_alert(member)

    leave_a_group(member, run_on_commit)

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.HELD)
    assert check_in.occasion == Occasion.MEMBERSHIP_ENDED
    assert check_in.offer_after == alert.created_at + timedelta(days=14)
    assert check_in.offered_at is None
    assert not invitations_to(member).exists()
    assert emails_to(member) == []
    # Nothing is due yet.
    with run_on_commit():
        assert offer_due_check_ins.call() == 0
    assert CheckIn.objects.get(pk=check_in.pk).status == CheckInStatus.HELD


def test_after_an_urgent_enquiry_the_check_in_is_held(member, run_on_commit):
    consenting(member)
    with run_on_commit():
        enquiry = submit_enquiry(
            topic="concern",
            message=URGENT_TEXT,
            contact_methods=["email"],
            email=member.email,
            user=member,
        )
    assert enquiry.risk_level == RiskLevel.URGENT
    mail.outbox.clear()

    leave_a_group(member, run_on_commit)

    check_in = CheckIn.objects.get(member=member, status__in=["held", "open"])
    assert check_in.status == CheckInStatus.HELD
    assert check_in.offer_after == enquiry.created_at + timedelta(days=14)
    assert emails_to(member) == []


def test_the_quiet_period_follows_the_coordinators_setting(member, coordinator, run_on_commit):
    consenting(member)
    actions_measures.update_outcomes_settings(
        actor=coordinator, interval_months=3, ask_when_support_ends=True, quiet_days_after_urgent=30
    )
    alert = urgent_alert(member, days_ago=20)

    leave_a_group(member, run_on_commit)

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.HELD)
    assert check_in.offer_after == alert.created_at + timedelta(days=30)


def test_an_old_urgent_alert_or_a_concern_does_not_hold_the_check_in(member, run_on_commit):
    consenting(member)
    urgent_alert(member, days_ago=15)
    concern = urgent_alert(member)
    SafetyAlert.objects.filter(pk=concern.pk).update(level=RiskLevel.CONCERN, level_rank=1)

    leave_a_group(member, run_on_commit)

    assert CheckIn.objects.get(member=member, status__in=["held", "open"]).status == "open"
    assert invitations_to(member).count() == 1


def test_a_held_check_in_is_offered_once_the_quiet_period_is_over(member, run_on_commit):
    check_in, alert = held_after_an_urgent_alert(member, run_on_commit)
    fifteen_days_pass(alert)
    CheckIn.objects.filter(pk=check_in.pk).update(offer_after=timezone.now() - timedelta(days=1))

    with run_on_commit():
        assert offer_due_check_ins.call() == 1

    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.OPEN
    assert check_in.offered_at is not None
    assert invitations_to(member).count() == 1
    assert [email.subject for email in emails_to(member)] == [INVITATION_SUBJECT]


def test_a_held_check_in_stays_held_after_another_urgent_event(member, run_on_commit):
    check_in, first = held_after_an_urgent_alert(member, run_on_commit)
    fifteen_days_pass(first)
    CheckIn.objects.filter(pk=check_in.pk).update(offer_after=timezone.now() - timedelta(days=1))
    second = urgent_alert(member, days_ago=2)

    with run_on_commit():
        assert offer_due_check_ins.call() == 0

    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.HELD
    assert check_in.offer_after == second.created_at + timedelta(days=14)
    assert not invitations_to(member).exists()


# Regular check-ins


def test_a_regular_check_in_is_offered_when_due_and_the_next_is_an_interval_on(
    member, run_on_commit
):
    consenting(member)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(hours=1)
    preference.save()

    with run_on_commit():
        assert offer_due_check_ins.call() == 1

    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.ROUTINE
    assert invitations_to(member).count() == 1
    assert len(emails_to(member)) == 1
    preference.refresh_from_db()
    expected = timezone.now() + timedelta(days=91)
    assert abs(preference.next_routine_at - expected) < timedelta(minutes=5)


def test_the_interval_between_regular_check_ins_is_the_coordinators_choice(
    member, coordinator, run_on_commit
):
    actions_measures.update_outcomes_settings(
        actor=coordinator, interval_months=6, ask_when_support_ends=True, quiet_days_after_urgent=14
    )
    consenting(member)
    preference = preference_for(member)
    # Skipping the baseline put the next one six months away.
    assert abs(preference.next_routine_at - (timezone.now() + timedelta(days=183))) < timedelta(
        minutes=5
    )
    preference.next_routine_at = timezone.now() - timedelta(minutes=1)
    preference.save()

    with run_on_commit():
        offer_due_check_ins.call()

    preference.refresh_from_db()
    assert abs(preference.next_routine_at - (timezone.now() + timedelta(days=183))) < timedelta(
        minutes=5
    )


def test_nothing_is_offered_before_the_regular_check_in_is_due(member, run_on_commit):
    consenting(member)

    with run_on_commit():
        assert offer_due_check_ins.call() == 0

    assert not CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).exists()
    assert not invitations_to(member).exists()


def test_a_check_in_left_open_for_a_whole_interval_makes_way_for_the_next(member, run_on_commit):
    actions.set_consent(member=member, consented=True)
    baseline = CheckIn.objects.get(member=member)
    CheckIn.objects.filter(pk=baseline.pk).update(offered_at=timezone.now() - timedelta(days=92))
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(days=1)
    preference.save()

    with run_on_commit():
        assert offer_due_check_ins.call() == 1

    baseline.refresh_from_db()
    assert baseline.status == CheckInStatus.CLOSED
    assert CheckIn.objects.get(member=member, status=CheckInStatus.OPEN).occasion == "routine"


def test_a_check_in_opened_recently_is_left_to_be_answered(member, run_on_commit):
    actions.set_consent(member=member, consented=True)
    baseline = CheckIn.objects.get(member=member)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(days=1)
    preference.save()

    with run_on_commit():
        assert offer_due_check_ins.call() == 0

    baseline.refresh_from_db()
    assert baseline.status == CheckInStatus.OPEN
    assert CheckIn.objects.filter(member=member).count() == 1
    assert not invitations_to(member).exists()


def test_saying_no_closes_the_waiting_check_in_and_stops_regular_ones(member, run_on_commit):
    actions.set_consent(member=member, consented=True)
    baseline = CheckIn.objects.get(member=member)

    actions.set_consent(member=member, consented=False)

    baseline.refresh_from_db()
    assert baseline.status == CheckInStatus.CLOSED
    preference = preference_for(member)
    assert preference.next_routine_at is None
    # Even if a regular one was already due, none is offered.
    preference.next_routine_at = timezone.now() - timedelta(days=1)
    preference.save()
    with run_on_commit():
        assert offer_due_check_ins.call() == 0
    leave_a_group(member, run_on_commit)
    assert not CheckIn.objects.filter(member=member, status__in=["held", "open"]).exists()
    assert not invitations_to(member).exists()


def test_answering_a_check_in_moves_the_next_regular_one_an_interval_on(member):
    actions.set_consent(member=member, consented=True)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() + timedelta(days=5)
    preference.save()

    answer_everything(member, CheckIn.objects.get(member=member))

    preference.refresh_from_db()
    assert abs(preference.next_routine_at - (timezone.now() + timedelta(days=91))) < timedelta(
        minutes=5
    )
    assert Decimal(9) in {response.score for response in member.wellbeing_responses.all()}


def test_the_offer_command_reports_how_many(member, run_on_commit):
    from io import StringIO

    from django.core.management import call_command

    consenting(member)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(days=1)
    preference.save()
    out = StringIO()

    with run_on_commit():
        call_command("offer_due_check_ins", stdout=out)

    assert out.getvalue().strip() == "Offered 1 check-in."


def test_the_queued_regular_task_offers_only_the_check_in_still_due(member, run_on_commit):
    from alongside.outcomes.tasks import offer_routine_check_in

    consenting(member)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(minutes=1)
    preference.save()
    preference.refresh_from_db()
    stale = (preference.next_routine_at - timedelta(days=91)).isoformat()

    with run_on_commit():
        assert offer_routine_check_in.call(member_id=member.pk, due=stale) is False
    assert not CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).exists()

    due = preference.next_routine_at.isoformat()
    with run_on_commit():
        assert offer_routine_check_in.call(member_id=member.pk, due=due) is True
        # Run twice (a retried task): still one check-in.
        assert offer_routine_check_in.call(member_id=member.pk, due=due) is False

    assert CheckIn.objects.get(member=member, status=CheckInStatus.OPEN).occasion == "routine"
    assert invitations_to(member).count() == 1
    assert offer_routine_check_in.call(member_id=10**9, due=due) is False


def test_the_queued_regular_task_knows_its_time_written_with_another_offset(member, run_on_commit):
    from zoneinfo import ZoneInfo

    from alongside.outcomes.tasks import offer_routine_check_in

    consenting(member)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(minutes=1)
    preference.save()
    preference.refresh_from_db()
    # The same moment, written with a Paris offset rather than UTC.
    due = preference.next_routine_at.astimezone(ZoneInfo("Europe/Paris")).isoformat()

    with run_on_commit():
        assert offer_routine_check_in.call(member_id=member.pk, due=due) is True
        assert offer_routine_check_in.call(member_id=member.pk, due="not a time") is False

    assert CheckIn.objects.get(member=member, status=CheckInStatus.OPEN).occasion == "routine"


def test_a_stored_interval_of_nought_still_puts_the_next_check_in_a_month_on(member, run_on_commit):
    from alongside.outcomes.models import OutcomesSettings

    consenting(member)
    OutcomesSettings.objects.update_or_create(pk=1, defaults={"interval_months": 0})
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() - timedelta(minutes=1)
    preference.save()

    with run_on_commit():
        assert offer_due_check_ins.call() == 1
        # Swept again at once: nothing more is due, so nothing more is offered.
        assert offer_due_check_ins.call() == 0

    assert preference_for(member).next_routine_at > timezone.now() + timedelta(days=29)
    assert invitations_to(member).count() == 1


def test_a_held_check_in_is_not_offered_to_someone_who_has_since_said_no(member, run_on_commit):
    check_in, alert = held_after_an_urgent_alert(member, run_on_commit)
    fifteen_days_pass(alert)
    # Their "no" arrived without the usual tidy-up (say, written by an older release).
    preference = preference_for(member)
    preference.consented = False
    preference.save()

    with run_on_commit():
        assert actions.release_held_check_in(check_in=check_in) is False

    assert CheckIn.objects.get(pk=check_in.pk).status == CheckInStatus.HELD
    assert not invitations_to(member).exists()
    assert emails_to(member) == []


def test_the_quiet_period_ends_exactly_when_it_says(member):
    from alongside.outcomes.selectors import quiet_until

    alert = urgent_alert(member)
    until = quiet_until(member)
    assert until == alert.created_at + timedelta(days=14)

    assert quiet_until(member, now=until - timedelta(seconds=1)) == until
    assert quiet_until(member, now=until) is None
