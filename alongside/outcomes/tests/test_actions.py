"""The core check-in actions: consent, starting, answering (all or nothing), skipping,
deleting, and what coordinators set. Audit entries never hold answers or scores."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.outcomes import actions, actions_measures
from alongside.outcomes.choices import CheckInStatus, Occasion, ResponseStatus
from alongside.outcomes.models import CheckIn, Measure, OutcomesSettings, Response
from alongside.outcomes.selectors import (
    completed_responses_of,
    outcomes_settings,
    preference_for,
    ready_measures,
)

pytestmark = pytest.mark.django_db


def measure(key) -> Measure:
    return Measure.objects.get(key=key)


def started(member) -> CheckIn:
    actions.set_consent(member=member, consented=True)
    return CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)


def save(member, check_in, key, answers, finish=True) -> Response:
    return actions.save_answers(
        check_in=check_in, member=member, measure=measure(key), answers=answers, finish=finish
    )


def every(key, value) -> dict:
    return {item.key: value for item in measure(key).parsed.items}


def swemwbs_wording() -> dict:
    return {item.key: f"I've been {item.topic}" for item in measure("swemwbs").parsed.items}


# Consent


def test_first_yes_opens_the_baseline_and_sets_the_first_regular_check_in(member):
    preference = actions.set_consent(member=member, consented=True, by_email=False)

    assert preference.consented is True
    assert preference.by_email is False
    assert abs(preference.next_routine_at - (timezone.now() + timedelta(days=91))) < timedelta(
        minutes=5
    )
    (check_in,) = CheckIn.objects.filter(member=member)
    assert (check_in.occasion, check_in.status) == (Occasion.BASELINE, CheckInStatus.OPEN)
    assert AuditLogEntry.objects.filter(verb="outcomes.consent_given", actor=member).count() == 1


def test_saying_yes_again_opens_nothing_new(member):
    actions.set_consent(member=member, consented=True)
    before = preference_for(member).next_routine_at

    actions.set_consent(member=member, consented=True, by_email=False)

    assert CheckIn.objects.filter(member=member).count() == 1
    assert preference_for(member).next_routine_at == before
    assert preference_for(member).by_email is False
    assert AuditLogEntry.objects.filter(verb="outcomes.consent_given").count() == 1


def test_saying_no_keeps_answers_already_given(member):
    check_in = started(member)
    save(member, check_in, "ucla3", every("ucla3", 2))

    actions.set_consent(member=member, consented=False)

    assert preference_for(member).consented is False
    assert Response.objects.filter(member=member).count() == 1
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.CLOSED
    assert AuditLogEntry.objects.filter(verb="outcomes.consent_withdrawn").count() == 1


def test_saying_yes_after_no_does_not_ask_for_a_second_baseline(member):
    actions.set_consent(member=member, consented=True)
    actions.set_consent(member=member, consented=False)

    actions.set_consent(member=member, consented=True)

    assert CheckIn.objects.filter(member=member).count() == 1
    assert preference_for(member).next_routine_at is not None


# Starting one


def test_starting_needs_a_yes(member):
    with pytest.raises(PermissionDenied):
        actions.start_own_check_in(member=member)
    actions.set_consent(member=member, consented=False)
    with pytest.raises(PermissionDenied):
        actions.start_own_check_in(member=member)
    assert not CheckIn.objects.filter(member=member).exists()


def test_starting_returns_the_waiting_one_then_a_new_own_choice_one(member):
    baseline = started(member)

    assert actions.start_own_check_in(member=member) == baseline
    for key in ("ucla3", "belonging"):
        save(member, baseline, key, every(key, 1))
    baseline.refresh_from_db()
    assert baseline.status == CheckInStatus.COMPLETED

    second = actions.start_own_check_in(member=member)
    assert second != baseline
    assert (second.occasion, second.status) == (Occasion.OWN_CHOICE, CheckInStatus.OPEN)


def test_starting_after_a_skipped_baseline_is_still_a_baseline(member):
    actions.skip_check_in(check_in=started(member), member=member)

    again = actions.start_own_check_in(member=member)

    assert again.occasion == Occasion.BASELINE


def test_a_member_may_open_a_held_check_in_themselves(member):
    actions.set_consent(member=member, consented=True)
    CheckIn.objects.filter(member=member).update(
        status=CheckInStatus.HELD, offered_at=None, offer_after=timezone.now() + timedelta(days=9)
    )

    check_in = actions.start_own_check_in(member=member)

    assert check_in.status == CheckInStatus.OPEN
    assert check_in.offered_at is not None


def test_starting_with_no_measure_ready_says_so(member, coordinator):
    actions.set_consent(member=member, consented=True)
    actions.skip_check_in(check_in=CheckIn.objects.get(member=member), member=member)
    for key in ("ucla3", "belonging"):
        actions_measures.set_measure_active(measure=measure(key), actor=coordinator, active=False)

    with pytest.raises(ValidationError) as raised:
        actions.start_own_check_in(member=member)

    assert "no questions to answer yet" in raised.value.messages[0]
    assert not CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).exists()


# Answering


def test_a_partial_answer_is_kept_as_an_unscored_draft(member):
    check_in = started(member)

    response = save(member, check_in, "ucla3", {"companionship": 2, "left_out": "1"}, finish=True)

    assert response.status == ResponseStatus.DRAFT
    assert response.answers == {"companionship": 2, "left_out": 1}
    assert response.score is None and response.raw_score is None
    assert response.completed_at is None
    assert [item.key for item in measure("ucla3").parsed.unanswered(response.answers)] == [
        "isolated"
    ]
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.OPEN


def test_answers_add_up_over_saves_and_are_scored_on_finishing(member):
    check_in = started(member)
    save(member, check_in, "ucla3", {"companionship": 2}, finish=False)
    save(member, check_in, "ucla3", {"left_out": 3}, finish=False)

    response = save(member, check_in, "ucla3", {"isolated": "1"}, finish=True)

    assert response.status == ResponseStatus.COMPLETE
    assert response.answers == {"companionship": 2, "left_out": 3, "isolated": 1}
    assert (response.raw_score, response.score) == (6, Decimal(6))
    assert response.completed_at is not None
    assert response.measure_version == 1
    assert Response.objects.filter(member=member).count() == 1


def test_a_draft_from_before_a_question_changed_is_finished_without_the_old_answer(member):
    import copy

    from alongside.outcomes.loading import load_measure

    check_in = started(member)
    save(member, check_in, "ucla3", {"companionship": 2, "left_out": 3}, finish=False)
    # The organisation loads a new version in which one question has a new key.
    data = copy.deepcopy(measure("ucla3").definition)
    data["items"][0]["key"] = "companions"
    load_measure(data)

    response = save(member, check_in, "ucla3", {"companions": 1, "isolated": 1}, finish=True)

    assert response.status == ResponseStatus.COMPLETE
    assert response.answers == {"companions": 1, "left_out": 3, "isolated": 1}
    assert (response.raw_score, response.measure_version) == (5, 2)


def test_all_answered_but_not_finished_stays_a_draft(member):
    check_in = started(member)

    response = save(member, check_in, "ucla3", every("ucla3", 2), finish=False)

    assert response.status == ResponseStatus.DRAFT
    assert response.score is None


def test_an_empty_answer_clears_a_saved_one(member):
    check_in = started(member)
    save(member, check_in, "ucla3", every("ucla3", 2), finish=True)

    response = save(member, check_in, "ucla3", {"left_out": ""}, finish=True)

    assert response.status == ResponseStatus.DRAFT
    assert "left_out" not in response.answers
    assert response.score is None


def test_completing_every_ready_measure_completes_the_check_in(member):
    check_in = started(member)
    save(member, check_in, "ucla3", every("ucla3", 1))
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.OPEN

    save(member, check_in, "belonging", every("belonging", 4))

    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.COMPLETED
    assert check_in.finished_at is not None
    scores = {r.measure.key: r.score for r in completed_responses_of(member)}
    assert scores == {"ucla3": Decimal(3), "belonging": Decimal(12)}


def test_swemwbs_is_asked_and_converted_once_its_wording_is_entered(member, coordinator):
    actions_measures.set_item_wording(
        measure=measure("swemwbs"), actor=coordinator, wording=swemwbs_wording()
    )
    assert [m.key for m in ready_measures()] == ["swemwbs", "ucla3", "belonging"]
    check_in = started(member)
    answers = dict(zip(every("swemwbs", 0), (3, 3, 3, 3, 3, 3, 3), strict=True))

    response = save(member, check_in, "swemwbs", answers)

    assert (response.raw_score, response.score) == (21, Decimal("19.25"))


@pytest.mark.parametrize(
    "bad",
    [0, 4, -1, 99999999999999999999, "4", "three", "2.5", 2.5, True, "\x00", "3\x00", [1], {}, "٣"],
)
def test_a_bad_answer_saves_nothing_and_leaves_the_draft_as_it_was(member, bad):
    check_in = started(member)
    save(member, check_in, "ucla3", {"companionship": 2}, finish=False)

    with pytest.raises(ValidationError) as raised:
        save(member, check_in, "ucla3", {"left_out": 1, "isolated": bad}, finish=True)

    assert list(raised.value.message_dict) == ["isolated"]
    assert "Choose one of the answers for question 3" in raised.value.message_dict["isolated"][0]
    response = Response.objects.get(member=member)
    assert response.answers == {"companionship": 2}
    assert response.status == ResponseStatus.DRAFT


def test_an_answer_to_a_question_the_measure_does_not_have_saves_nothing(member):
    check_in = started(member)

    with pytest.raises(ValidationError) as raised:
        save(member, check_in, "ucla3", {"companionship": 2, "x\x00" * 100: 1})

    (key,) = raised.value.message_dict
    assert "There is no question" in raised.value.message_dict[key][0]
    assert not Response.objects.filter(member=member).exists()


@pytest.mark.parametrize("answers", [None, [1, 2, 3], "1,2,3", 3])
def test_answers_that_are_not_a_mapping_are_refused(member, answers):
    check_in = started(member)

    with pytest.raises(ValidationError):
        save(member, check_in, "ucla3", answers)

    assert not Response.objects.filter(member=member).exists()


def test_nobody_can_answer_someone_elses_check_in(member, other_member):
    check_in = started(member)
    actions.set_consent(member=other_member, consented=True)

    with pytest.raises(PermissionDenied):
        save(other_member, check_in, "ucla3", every("ucla3", 1))
    with pytest.raises(PermissionDenied):
        actions.skip_check_in(check_in=check_in, member=other_member)

    assert not Response.objects.exists()
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.OPEN


def test_a_finished_check_in_cannot_be_changed(member):
    check_in = started(member)
    actions.skip_check_in(check_in=check_in, member=member)

    with pytest.raises(ValidationError) as raised:
        save(member, check_in, "ucla3", every("ucla3", 1))

    assert "This check-in has finished" in raised.value.messages[0]
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        actions.skip_check_in(check_in=check_in, member=member)


def test_a_measure_not_being_asked_cannot_be_answered(member, coordinator):
    check_in = started(member)
    # SWEMWBS has no wording yet; belonging is switched off.
    actions_measures.set_measure_active(
        measure=measure("belonging"), actor=coordinator, active=False
    )

    for key in ("swemwbs", "belonging"):
        with pytest.raises(ValidationError) as raised:
            save(member, check_in, key, every(key, 1))
        assert "aren't being asked" in raised.value.messages[0]
    assert not Response.objects.exists()


def test_an_answer_given_as_text_is_cleaned(member):
    cleaned = actions.clean_answers(
        measure("ucla3"), {"companionship": " 2 ", "left_out": "", "isolated": None}
    )
    assert cleaned == {"companionship": 2, "left_out": None, "isolated": None}


# Skipping


def test_skipping_ends_the_check_in_and_the_next_is_an_interval_away(member):
    check_in = started(member)
    save(member, check_in, "ucla3", {"companionship": 3}, finish=False)
    preference = preference_for(member)
    preference.next_routine_at = timezone.now() + timedelta(days=2)
    preference.save()

    skipped = actions.skip_check_in(check_in=check_in, member=member)

    assert skipped.status == CheckInStatus.SKIPPED
    assert skipped.finished_at is not None
    preference.refresh_from_db()
    assert abs(preference.next_routine_at - (timezone.now() + timedelta(days=91))) < timedelta(
        minutes=5
    )
    draft = Response.objects.get(member=member)
    assert draft.status == ResponseStatus.DRAFT and draft.score is None
    assert AuditLogEntry.objects.filter(verb="outcomes.check_in_skipped").count() == 1


# Deleting


def test_deleting_my_answers_erases_only_mine(member, other_member):
    mine = started(member)
    save(member, mine, "ucla3", every("ucla3", 1))
    save(member, mine, "belonging", {"understood": 2}, finish=False)
    theirs = started(other_member)
    save(other_member, theirs, "ucla3", every("ucla3", 3))

    assert actions.delete_my_answers(member=member) == 2

    assert not Response.objects.filter(member=member).exists()
    assert not CheckIn.objects.filter(member=member).exists()
    assert Response.objects.filter(member=other_member).count() == 1
    assert CheckIn.objects.filter(member=other_member).count() == 1
    entry = AuditLogEntry.objects.get(verb="outcomes.answers_deleted")
    assert entry.actor == member
    assert entry.data == {"responses": 2}
    # Their choice about check-ins stays: they may answer again.
    assert preference_for(member).consented is True
    assert actions.start_own_check_in(member=member).occasion == Occasion.BASELINE


# What coordinators set


def test_only_coordinators_change_measures_and_settings(member):
    swemwbs = measure("swemwbs")
    with pytest.raises(PermissionDenied):
        actions_measures.set_item_wording(measure=swemwbs, actor=member, wording=swemwbs_wording())
    with pytest.raises(PermissionDenied):
        actions_measures.set_measure_active(measure=measure("ucla3"), actor=member, active=False)
    with pytest.raises(PermissionDenied):
        actions_measures.update_outcomes_settings(
            actor=member, interval_months=1, ask_when_support_ends=False, quiet_days_after_urgent=1
        )

    swemwbs.refresh_from_db()
    assert swemwbs.item_wording == {}
    assert measure("ucla3").is_active
    assert outcomes_settings().interval_months == 3


def test_wording_needs_every_licensed_statement_and_saves_nothing_otherwise(coordinator):
    swemwbs = measure("swemwbs")
    wording = swemwbs_wording()
    wording["useful"] = "   "
    wording["close"] = "x" * 501

    with pytest.raises(ValidationError) as raised:
        actions_measures.set_item_wording(measure=swemwbs, actor=coordinator, wording=wording)

    errors = raised.value.message_dict
    assert errors["useful"] == ["Enter the wording of statement 2 (feeling useful)."]
    assert errors["close"] == ["Statement 6 must be 500 characters or fewer."]
    swemwbs.refresh_from_db()
    assert swemwbs.item_wording == {}
    assert not swemwbs.is_ready


def test_entered_wording_is_kept_on_one_line(coordinator):
    wording = swemwbs_wording()
    wording["optimistic"] = "  I've been feeling\noptimistic\x00 about the future "

    updated = actions_measures.set_item_wording(
        measure=measure("swemwbs"), actor=coordinator, wording=wording
    )

    assert "\n" not in updated.item_wording["optimistic"]
    assert "\x00" not in updated.item_wording["optimistic"]
    assert updated.is_ready


def test_a_measure_with_shipped_wording_has_none_to_enter(coordinator):
    with pytest.raises(ValidationError):
        actions_measures.set_item_wording(measure=measure("ucla3"), actor=coordinator, wording={})


@pytest.mark.parametrize(
    ("months", "days", "field"),
    [
        (0, 14, "interval_months"),
        (13, 14, "interval_months"),
        ("3", 14, "interval_months"),
        (True, 14, "interval_months"),
        (3, 0, "quiet_days_after_urgent"),
        (3, 10**9, "quiet_days_after_urgent"),
        (3, 2.5, "quiet_days_after_urgent"),
    ],
)
def test_settings_out_of_range_change_nothing(coordinator, months, days, field):
    with pytest.raises(ValidationError) as raised:
        actions_measures.update_outcomes_settings(
            actor=coordinator,
            interval_months=months,
            ask_when_support_ends=False,
            quiet_days_after_urgent=days,
        )

    assert list(raised.value.message_dict) == [field]
    row = outcomes_settings()
    assert (row.interval_months, row.ask_when_support_ends, row.quiet_days_after_urgent) == (
        3,
        True,
        14,
    )


def test_settings_changes_are_audited_with_before_and_after(coordinator):
    actions_measures.update_outcomes_settings(
        actor=coordinator,
        interval_months=6,
        ask_when_support_ends=False,
        quiet_days_after_urgent=21,
    )

    row = OutcomesSettings.objects.get(pk=1)
    assert (row.interval_months, row.ask_when_support_ends, row.quiet_days_after_urgent) == (
        6,
        False,
        21,
    )
    entry = AuditLogEntry.objects.get(verb="outcomes.settings_changed")
    assert entry.data["before"]["interval_months"] == 3
    assert entry.data["after"]["interval_months"] == 6


# The audit log


def test_the_audit_log_never_holds_answers_or_scores(member, coordinator):
    actions_measures.set_item_wording(
        measure=measure("swemwbs"), actor=coordinator, wording=swemwbs_wording()
    )
    check_in = started(member)
    save(
        member,
        check_in,
        "swemwbs",
        dict(zip(every("swemwbs", 0), (5, 5, 4, 4, 4, 4, 4), strict=True)),
    )
    save(member, check_in, "ucla3", every("ucla3", 3))
    save(member, check_in, "belonging", {"understood": 2}, finish=False)
    save(member, check_in, "belonging", every("belonging", 2))
    second = actions.start_own_check_in(member=member)
    save(member, second, "ucla3", {"left_out": 1}, finish=False)
    actions.skip_check_in(check_in=second, member=member)
    actions.set_consent(member=member, consented=False)
    actions.delete_my_answers(member=member)

    entries = AuditLogEntry.objects.filter(verb__startswith="outcomes.")
    verbs = set(entries.values_list("verb", flat=True))
    assert {
        "outcomes.consent_given",
        "outcomes.check_in_completed",
        "outcomes.check_in_started",
        "outcomes.check_in_skipped",
        "outcomes.consent_withdrawn",
        "outcomes.answers_deleted",
    } <= verbs
    for entry in entries:
        text = f"{entry.target_label} {entry.data}".lower()
        for word in ("answer", "score", "companionship", "left_out", "understood", "optimistic"):
            assert word not in text.replace("answers_deleted", ""), (entry.verb, text)
        assert set(entry.data) <= {"occasion", "responses"}, entry.verb
        assert entry.data.get("occasion", "baseline") in Occasion.values
        assert "27.03" not in text  # the SWEMWBS score given


def test_the_audit_tells_a_first_no_from_a_change_of_mind(member, other_member):
    actions.set_consent(member=member, consented=False)
    actions.set_consent(member=other_member, consented=True)
    actions.set_consent(member=other_member, consented=False)

    def verbs(user):
        return list(
            AuditLogEntry.objects.filter(actor=user, verb__startswith="outcomes.consent")
            .order_by("id")
            .values_list("verb", flat=True)
        )

    assert verbs(member) == ["outcomes.consent_declined"]
    assert verbs(other_member) == ["outcomes.consent_given", "outcomes.consent_withdrawn"]
