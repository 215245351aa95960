"""The demo wellbeing data: quick, safe to run twice, and enough people for a report."""

import io
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alongside.accounts.management.commands.seed_demo import DEMO_DOMAIN
from alongside.accounts.models import User
from alongside.groups.actions import join_group
from alongside.groups.models import Group, Membership
from alongside.outcomes.actions import set_consent
from alongside.outcomes.demo import DEMO_GROUPS, NAMES, PARTICIPANTS
from alongside.outcomes.models import CheckIn, Measure, Response, WellbeingPreference

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        CheckIn.objects.count(),
        Response.objects.count(),
        Membership.objects.count(),
        WellbeingPreference.objects.filter(consented=True).count(),
    )


def test_demo_outcomes_are_quick_and_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    started = time.monotonic()
    call_command("seed_demo", stdout=io.StringIO())
    assert time.monotonic() - started < 10
    assert _counts() == first
    participants = User.objects.filter(email__startswith="demo-participant-")
    assert participants.count() == PARTICIPANTS
    assert not any(user.has_usable_password() for user in participants)


def test_every_score_is_what_the_measure_gives_and_people_improve_on_average():
    call_command("seed_demo", stdout=io.StringIO())
    responses = list(Response.objects.select_related("measure", "check_in"))
    assert responses
    for response in responses:
        assert response.score == response.measure.parsed.score(response.answers).score
    # From each participant's first to last wellbeing score, the average goes up.
    swemwbs = Measure.objects.get(key="swemwbs")
    firsts, lasts = [], []
    for member_id in {r.member_id for r in responses}:
        mine = sorted(
            (r for r in responses if r.member_id == member_id and r.measure == swemwbs),
            key=lambda r: r.completed_at,
        )
        firsts.append(mine[0].score)
        lasts.append(mine[-1].score)
    assert sum(lasts) > sum(firsts)
    # SWEMWBS wording is licensed: the demo leaves it for a coordinator to enter.
    assert swemwbs.missing_wording


def test_participants_stay_off_group_pages_and_leave_the_places_free(client):
    call_command("seed_demo", stdout=io.StringIO())
    circle = Group.objects.get(name="Evening Support Circle")
    robin = User.objects.get(email=f"robin@{DEMO_DOMAIN}")
    client.force_login(robin)
    page = client.get(f"/groups/{circle.slug}/").content.decode()
    members = page.split('id="members-heading"')[1].split("</ul>")[0]
    assert "Robin" in members and "Sam" in members
    assert not any(name in members for name in NAMES)
    # The circle has 12 places: another demo member can still join it.
    magda = User.objects.get(email=f"magda@{DEMO_DOMAIN}")
    join_group(group=circle, user=magda, accepted_version=1)
    assert Membership.objects.get(group=circle, user=magda).status == "active"


def test_a_second_run_keeps_a_members_own_choice_about_check_ins():
    call_command("seed_demo", stdout=io.StringIO())
    sam = User.objects.get(email=f"sam@{DEMO_DOMAIN}")
    set_consent(member=sam, consented=False)
    call_command("seed_demo", stdout=io.StringIO())
    assert WellbeingPreference.objects.get(member=sam).consented is False


def test_robin_has_a_history_and_his_own_page_shows_it(client):
    call_command("seed_demo", stdout=io.StringIO())
    robin = User.objects.get(email=f"robin@{DEMO_DOMAIN}")
    completed = Response.objects.filter(member=robin, status="complete")
    assert completed.values("check_in").distinct().count() >= 3
    client.force_login(robin)
    assert client.get("/wellbeing/").status_code == 200


def test_there_are_at_least_5_people_in_each_group_and_each_quarter():
    call_command("seed_demo", stdout=io.StringIO())
    ucla = Measure.objects.get(key="ucla3")
    with_history = set(
        Response.objects.filter(measure=ucla).values_list("member_id", flat=True).distinct()
    )
    per_group = Counter(
        Membership.objects.filter(user_id__in=with_history, joined_at__isnull=False).values_list(
            "group__kind", flat=True
        )
    )
    assert len(per_group) == 3
    assert all(people >= 5 for people in per_group.values())
    since = timezone.now() - timedelta(days=365)
    per_quarter = Counter()
    for member_id, completed_at in Response.objects.filter(
        measure=ucla, completed_at__gte=since
    ).values_list("member_id", "completed_at"):
        per_quarter[(completed_at.year, (completed_at.month - 1) // 3, member_id)] += 1
    quarters = Counter(year_quarter[:2] for year_quarter in per_quarter)
    assert sum(1 for people in quarters.values() if people >= 5) >= 3


def test_the_report_shows_unsuppressed_rows_by_form():
    from alongside.outcomes import reports

    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    try:
        report = reports.outcome_report(
            measure=Measure.objects.get(key="ucla3"),
            start=today - timedelta(days=400),
            end=today,
            breakdown=reports.Breakdown.FORM,
        )
    except NotImplementedError:
        pytest.skip("The outcome report isn't built yet; the raw counts are checked above.")
    assert not report.total.suppressed
    shown = [row for row in report.rows if not row.suppressed]
    assert len(shown) >= 3
    assert all(row.people >= 5 for row in shown)
    assert isinstance(report.start, date)
    start, end = reports.default_period()
    by_group = reports.outcome_report(
        measure=Measure.objects.get(key="ucla3"),
        start=start,
        end=end,
        breakdown=reports.Breakdown.GROUP,
    )
    assert {row.label for row in by_group.rows if not row.suppressed} >= set(DEMO_GROUPS)
