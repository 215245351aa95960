"""Outcome reports: baseline to latest, breakdowns, response rates, confidence intervals,
and suppression of small cells."""

import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.accounts.tests.factories import TopicFactory, UserFactory
from alongside.groups.choices import GroupKind, MembershipStatus
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.matching.choices import MatchStatus, SupportKind
from alongside.matching.tests.factories import MatchFactory, SupportRequestFactory
from alongside.outcomes.reports import Breakdown, clean_period, outcome_report
from alongside.outcomes.tests.factories import complete_response, measure, offered_check_in

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 6, 30)
T_975_4 = 2.776445105  # t distribution, 97.5th percentile, 4 degrees of freedom (tables)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


BEFORE = at(date(2025, 10, 1))
DURING = at(date(2026, 3, 10))


def person_with_change(baseline, latest, *, key="belonging", first=BEFORE, then=DURING):
    user = UserFactory()
    complete_response(user, key, baseline, first)
    complete_response(user, key, latest, then)
    return user


def report(breakdown=Breakdown.EVERYONE, key="belonging", start=START, end=END):
    return outcome_report(measure=measure(key), start=start, end=end, breakdown=breakdown)


def test_mean_change_and_confidence_interval_match_a_hand_computed_example():
    for latest in (6, 7, 8, 9, 10):
        person_with_change(5, latest)
    total = report().total
    # Changes 1..5: mean 3, sample sd sqrt(2.5), n 5.
    half = T_975_4 * math.sqrt(2.5) / math.sqrt(5)
    assert not total.suppressed
    assert total.people == 5
    assert total.baseline_mean == Decimal("5.0")
    assert total.latest_mean == Decimal("8.0")
    assert total.mean_change == Decimal("3.0")
    assert total.ci_low == Decimal(f"{3 - half:.1f}") == Decimal("1.0")
    assert total.ci_high == Decimal(f"{3 + half:.1f}") == Decimal("5.0")


def test_four_people_are_suppressed_and_five_are_shown():
    for _ in range(4):
        person_with_change(5, 7)
    four = report().total
    assert four.suppressed
    assert (four.people, four.mean_change, four.ci_low, four.baseline_mean) == (None,) * 4

    person_with_change(5, 7)
    five = report().total
    assert not five.suppressed and five.people == 5 and five.mean_change == Decimal("2.0")


def test_baseline_is_the_first_answer_ever_and_latest_the_last_in_the_period():
    for _ in range(5):
        user = UserFactory()
        complete_response(user, "belonging", 4, at(date(2025, 5, 1)))  # baseline
        complete_response(user, "belonging", 12, at(date(2025, 9, 1)))  # before the period
        complete_response(user, "belonging", 6, at(date(2026, 2, 1)))
        complete_response(user, "belonging", 8, at(date(2026, 5, 1)))  # latest
        complete_response(user, "belonging", 3, at(date(2026, 8, 1)))  # after the period
    total = report().total
    assert (total.baseline_mean, total.latest_mean, total.mean_change) == (
        Decimal("4.0"),
        Decimal("8.0"),
        Decimal("4.0"),
    )


def test_a_first_answer_in_the_period_has_no_change_to_count():
    for _ in range(5):
        complete_response(UserFactory(), "ucla3", 6, DURING)
    result = report(key="ucla3")
    assert result.total.suppressed
    assert result.rows == []
    assert "answering them for the first time" in result.empty_message


def test_a_period_with_no_data_says_so_in_plain_words():
    result = report(key="ucla3", start=date(2026, 3, 1), end=date(2026, 5, 31))
    assert result.empty_message == (
        "No one completed the Loneliness (UCLA-3) questions between 1 March and 31 May "
        "2026, so there's no change to show. Try a longer period."
    )
    assert result.total.suppressed and result.rows == []


def test_drafts_and_other_measures_are_not_counted():
    for _ in range(5):
        person_with_change(5, 9, key="ucla3")
    assert report(key="belonging").empty_message


def test_response_rate_counts_people_invited_in_the_period():
    for _ in range(5):
        person_with_change(5, 7)
    for _ in range(5):
        offered_check_in(UserFactory(), DURING)
    total = report().total
    assert (total.invited, total.responded) == (10, 5)
    assert total.response_rate == pytest.approx(5 / 10)


def test_response_rate_is_hidden_when_one_to_four_people_did_not_respond():
    for _ in range(5):
        person_with_change(5, 7)
    for _ in range(2):
        offered_check_in(UserFactory(), DURING)
    total = report().total
    assert total.people == 5 and total.mean_change == Decimal("2.0")
    # 7 invited and 5 responded would tell that 2 people didn't.
    assert (total.invited, total.responded, total.response_rate) == (None, None, None)


def test_response_rate_is_hidden_when_fewer_than_five_were_invited():
    for index in range(5):
        user = UserFactory()
        complete_response(user, "belonging", 5, BEFORE)
        # Asked before the period began (all but one), answered during it.
        offered = DURING if index == 0 else BEFORE
        complete_response(user, "belonging", 7, DURING, offered_at=offered)
    total = report().total
    assert total.people == 5 and total.mean_change == Decimal("2.0")
    assert (total.invited, total.responded, total.response_rate) == (None, None, None)


def test_group_breakdown_suppresses_small_rows_and_the_next_smallest():
    big = GroupFactory(name="Big group")
    middle = GroupFactory(name="Middle group")
    small = GroupFactory(name="Small group")
    for group, count in ((big, 7), (middle, 5), (small, 3)):
        for _ in range(count):
            user = person_with_change(5, 8)
            MembershipFactory(group=group, user=user, joined_at=BEFORE)
    rows = {row.label: row for row in report(Breakdown.GROUP).rows}
    assert set(rows) == {"Big group", "Middle group", "Small group"}
    assert rows["Small group"].suppressed and rows["Small group"].people is None
    # Exactly one row was too small, so the next smallest is hidden too.
    assert rows["Middle group"].suppressed
    assert not rows["Big group"].suppressed and rows["Big group"].people == 7


@pytest.mark.parametrize(("each", "big_shown"), [(2, False), (3, True)])
def test_small_rows_adding_up_to_fewer_than_five_hide_the_next_smallest(each, big_shown):
    big = GroupFactory(name="Big group")
    for _ in range(6):
        MembershipFactory(group=big, user=person_with_change(5, 8), joined_at=BEFORE)
    for name in ("Small one", "Small two"):
        group = GroupFactory(name=name)
        for _ in range(each):
            MembershipFactory(group=group, user=person_with_change(5, 8), joined_at=BEFORE)
    result = report(Breakdown.GROUP)
    rows = {row.label: row for row in result.rows}
    assert rows["Small one"].suppressed and rows["Small two"].suppressed
    # With 2 in each, the total less Big group would describe the four in small groups.
    assert rows["Big group"].suppressed is not big_shown
    assert result.total.people == 6 + 2 * each


def test_people_in_no_row_can_not_be_worked_out_from_the_total():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    for _ in range(6):
        person_with_change(5, 7).profile.topics.add(anxiety)
    person_with_change(5, 12)  # no topic: total minus Anxiety would be their change
    result = report(Breakdown.TOPIC)
    assert not result.total.suppressed and result.total.people == 7
    assert [(row.label, row.suppressed, row.people) for row in result.rows] == [
        ("Anxiety", True, None)
    ]


def test_two_rows_a_few_people_apart_do_not_both_show():
    first, second = GroupFactory(name="Monday"), GroupFactory(name="Thursday")
    others = GroupFactory(name="Others")
    for index in range(7):
        user = person_with_change(5, 7)
        MembershipFactory(group=second, user=user, joined_at=BEFORE)
        if index:  # Monday holds six of Thursday's seven
            MembershipFactory(group=first, user=user, joined_at=BEFORE)
    for _ in range(6):
        MembershipFactory(group=others, user=person_with_change(5, 6), joined_at=BEFORE)
    rows = {row.label: row for row in report(Breakdown.GROUP).rows}
    assert rows["Monday"].suppressed
    assert not rows["Thursday"].suppressed and rows["Thursday"].people == 7
    assert not rows["Others"].suppressed and rows["Others"].people == 6


def test_form_breakdown_uses_support_that_began_before_the_latest_answer():
    group = GroupFactory(kind=GroupKind.SELF_HELP)
    for _ in range(5):
        user = person_with_change(5, 9)
        MembershipFactory(group=group, user=user, joined_at=BEFORE, status=MembershipStatus.LEFT)
    for _ in range(5):
        user = person_with_change(5, 6)
        request = SupportRequestFactory(member=user, kind=SupportKind.MENTORING)
        MatchFactory(request=request, status=MatchStatus.ACTIVE, activated_at=BEFORE)
    late = GroupFactory(kind=GroupKind.COMMUNITY)
    for _ in range(5):
        user = person_with_change(5, 6)
        MembershipFactory(group=late, user=user, joined_at=DURING + timedelta(days=1))
    rows = {row.key: row for row in report(Breakdown.FORM).rows}
    assert set(rows) == {"self_help", "mentoring"}
    assert rows["self_help"].label == "Self-help group"
    assert rows["self_help"].mean_change == Decimal("4.0")
    assert rows["mentoring"].mean_change == Decimal("1.0")
    assert report(Breakdown.FORM).total.people == 15


def test_topic_breakdown_uses_the_members_profile_topics():
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    for _ in range(5):
        user = person_with_change(5, 7)
        user.profile.topics.add(anxiety)
    for _ in range(5):
        person_with_change(5, 7)  # no topic
    rows = report(Breakdown.TOPIC).rows
    assert [(row.key, row.label, row.people) for row in rows] == [("topic-anxiety", "Anxiety", 5)]


def test_period_breakdown_puts_each_latest_answer_in_its_quarter():
    for _ in range(5):
        user = UserFactory()
        complete_response(user, "belonging", 5, BEFORE)
        complete_response(user, "belonging", 6, at(date(2026, 2, 1)))
        complete_response(user, "belonging", 7, at(date(2026, 3, 1)))
        complete_response(user, "belonging", 10, at(date(2026, 5, 1)))
    rows = report(Breakdown.PERIOD).rows
    assert [(row.key, row.label, row.mean_change) for row in rows] == [
        ("2026-Q1", "January to March 2026", Decimal("2.0")),
        ("2026-Q2", "April to June 2026", Decimal("5.0")),
    ]


def test_swemwbs_reports_use_the_converted_metric_score():
    for _ in range(5):
        person_with_change(7, 35, key="swemwbs")
    total = report(key="swemwbs").total
    assert (total.baseline_mean, total.latest_mean, total.mean_change) == (
        Decimal("7.0"),
        Decimal("35.0"),
        Decimal("28.0"),
    )


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (date(2026, 5, 1), date(2026, 4, 1), "end", "same as or after the start"),
        ("abc", date(2026, 4, 1), "start", "real start date"),
        ("2026-02-30", date(2026, 4, 1), "start", "real start date"),
        (date(2019, 1, 1), date(2026, 4, 1), "start", "at most 5 years"),
        (None, "99999-01-01", "end", "real end date"),
    ],
)
def test_clean_period_refuses_bad_periods_on_the_right_field(start, end, field, words):
    with pytest.raises(ValidationError) as caught:
        clean_period(start, end)
    assert words in " ".join(caught.value.message_dict[field])


def test_clean_period_refuses_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        clean_period(date(2026, 1, 1), tomorrow)
    assert caught.value.message_dict["end"] == ["The end date can't be in the future."]


def test_clean_period_accepts_a_good_period():
    assert clean_period("2026-01-01", date(2026, 2, 1)) == (date(2026, 1, 1), date(2026, 2, 1))


def test_days_and_quarters_are_the_days_people_live_in_not_utc(settings):
    settings.TIME_ZONE = "Europe/London"
    # 23:30 UTC on 31 March is 00:30 on 1 April in British Summer Time.
    late = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    for _ in range(5):
        person_with_change(5, 9, then=late)
    assert report(end=date(2026, 3, 31)).empty_message
    april_on = report(Breakdown.PERIOD, start=date(2026, 4, 1))
    assert april_on.total.people == 5
    assert [row.label for row in april_on.rows] == ["April to June 2026"]


def test_a_group_and_a_form_of_support_a_few_people_apart_do_not_both_show():
    tuesday = GroupFactory(name="Tuesday", kind=GroupKind.SUPPORT)
    for _ in range(7):
        MembershipFactory(group=tuesday, user=person_with_change(5, 7), joined_at=BEFORE)
    # One more person in a support group of their own: the form "Support group" is then
    # Tuesday's seven and them.
    alone = GroupFactory(name="Alone", kind=GroupKind.SUPPORT)
    MembershipFactory(group=alone, user=person_with_change(5, 12), joined_at=BEFORE)
    walkers = GroupFactory(name="Walkers", kind=GroupKind.COMMUNITY)
    for _ in range(6):
        MembershipFactory(group=walkers, user=person_with_change(5, 6), joined_at=BEFORE)
    groups = {row.label: row for row in report(Breakdown.GROUP).rows}
    forms = {row.key: row for row in report(Breakdown.FORM).rows}
    assert groups["Alone"].suppressed
    shown_side_by_side = not groups["Tuesday"].suppressed and not forms["support"].suppressed
    assert not shown_side_by_side
