"""The coordinators' outcomes report and activity pages, and their CSV exports."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.outcomes.tests.factories import complete_response

pytestmark = pytest.mark.django_db

REPORT = reverse("outcomes_staff:report")
REPORT_CSV = reverse("outcomes_staff:report_csv")
ACTIVITY = reverse("outcomes_staff:activity")
ACTIVITY_CSV = reverse("outcomes_staff:activity_csv")
PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def people_with_change(count, *, key="belonging", baseline=5, latest=8, group=None):
    for _ in range(count):
        user = UserFactory()
        complete_response(user, key, baseline, at(date(2025, 10, 1)))
        complete_response(user, key, latest, at(date(2026, 3, 1)))
        if group is not None:
            MembershipFactory(group=group, user=user, joined_at=at(date(2025, 9, 1)))


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("url", [REPORT, REPORT_CSV, ACTIVITY, ACTIVITY_CSV])
@pytest.mark.parametrize("persona", ["member", "moderator", "peer_supporter"])
def test_only_coordinators_can_see_reports(client_for, request, url, persona):
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("url", [REPORT, ACTIVITY])
def test_signed_out_people_are_asked_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "login" in response.url


def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(client_for, coordinator_without_2fa):
    response = client_for(coordinator_without_2fa).get(REPORT)
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_first_visit_shows_the_last_twelve_months_and_a_plain_empty_message(
    client_for, coordinator
):
    response = client_for(coordinator).get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in page
    assert "so there&#x27;s no change to show. Try a longer period." in page


def test_report_shows_the_total_in_words_a_table_and_a_chart(client_for, coordinator):
    people_with_change(6, baseline=5, latest=8)
    response = client_for(coordinator).get(REPORT, {"measure": "belonging", **PERIOD})
    page = response.content.decode()
    assert response.status_code == 200
    assert "On average, belonging scores went up by 3.0 points" in page
    assert "for 6 people." in page
    assert "A higher belonging score is better" in page
    assert 'role="img"' in page and '<title id="report-chart-title">' in page
    assert "+3.0 (3.0 to 3.0)" in page
    assert f"{REPORT_CSV}?measure=belonging&amp;breakdown=all&amp;start=2026-01-01" in page
    assert "Robin" not in page


def test_a_small_group_is_shown_as_fewer_than_five_in_every_cell(client_for, coordinator):
    big, small, other = GroupFactory(name="Big"), GroupFactory(name="Small"), GroupFactory()
    people_with_change(6, group=big)
    people_with_change(5, group=other)
    people_with_change(2, group=small)
    response = client_for(coordinator).get(
        REPORT, {"measure": "belonging", "breakdown": "group", **PERIOD}
    )
    page = response.content.decode()
    # Small, and the next smallest: with the total it would tell Small's figures.
    assert page.count('<td colspan="5">Hidden to protect privacy</td>') == 2
    assert "<td>6</td>" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "same as or after the start date"),
        ({"start": "abc"}, "Enter a real start date"),
        ({"start": "2026-02-30"}, "Enter a real start date"),
        ({"end": "99999-01-01"}, "Enter a real end date"),
        ({"measure": "nope"}, "Choose one of the measures in the list."),
        ({"breakdown": "people"}, "Choose one of the ways to break the report down."),
        ({"start": "2026-01-01\x00"}, "Enter a real start date"),
        ({"start": "2015-01-01", "end": "2026-01-01"}, "at most 5 years"),
        ({"start": ""}, "Enter the start date."),
    ],
)
def test_bad_report_input_gets_a_400_and_a_clear_message(client_for, coordinator, query, message):
    client = client_for(coordinator)
    response = client.get(REPORT, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert client.get(REPORT_CSV, query).status_code == 400


def test_bad_activity_input_gets_a_400(client_for, coordinator):
    client = client_for(coordinator)
    for query in ({"start": "abc"}, {"start": "2026-05-01", "end": "2026-04-01"}):
        assert client.get(ACTIVITY, query).status_code == 400
        assert client.get(ACTIVITY_CSV, query).status_code == 400


def test_report_csv_has_a_header_the_rows_and_suppressed_cells(client_for, coordinator):
    people_with_change(6, group=GroupFactory(name='=HYPERLINK("http://x")'))
    people_with_change(3, group=GroupFactory(name="@small"))
    response = client_for(coordinator).get(
        REPORT_CSV, {"measure": "belonging", "breakdown": "group", **PERIOD}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="outcomes-belonging-group-2026-01-01-to-2026-06-30.csv"'
    )
    rows = rows_of(response)
    assert rows[0] == ["Measure", "Belonging"]
    assert rows[1] == ["Period", "2026-01-01", "2026-06-30"]
    assert rows[2] == ["Breakdown", "Group"]
    table = {row[0]: row for row in rows if row and row[0] not in ("Measure", "Period")}
    # Group names are member text: a leading = or @ can't become a formula.
    assert '\'=HYPERLINK("http://x")' in table
    assert table["'@small"][1:] == ["suppressed"] * 9
    everyone = table["Everyone"]
    assert everyone[1] == "9" and everyone[7] == "3.0"


def test_report_csv_keeps_a_fall_in_scores_as_a_number(client_for, coordinator):
    people_with_change(6, key="ucla3", baseline=9, latest=5)
    response = client_for(coordinator).get(REPORT_CSV, {"measure": "ucla3", **PERIOD})
    everyone = next(row for row in rows_of(response) if row and row[0] == "Everyone")
    assert everyone[5:] == ["9.0", "5.0", "-4.0", "-4.0", "-4.0"]


def test_report_csv_quotes_a_formula_behind_spaces(client_for, coordinator):
    people_with_change(6, group=GroupFactory(name="  =1+1"))
    response = client_for(coordinator).get(
        REPORT_CSV, {"measure": "belonging", "breakdown": "group", **PERIOD}
    )
    labels = [row[0] for row in rows_of(response) if row]
    assert "'  =1+1" in labels and "  =1+1" not in labels


@pytest.mark.parametrize("url", [REPORT, REPORT_CSV, ACTIVITY, ACTIVITY_CSV])
def test_report_pages_only_answer_get(client_for, coordinator, url):
    assert client_for(coordinator).post(url, PERIOD).status_code == 405


def test_repeated_and_unknown_parameters_are_harmless(client_for, coordinator):
    people_with_change(6)
    response = client_for(coordinator).get(
        f"{REPORT}?measure=nope&measure=belonging&breakdown=form&start=2026-01-01"
        "&end=2026-06-30&colour=blue&start=2026-01-01"
    )
    assert response.status_code == 200
    assert "went up by 3.0 points" in response.content.decode()


def test_activity_page_and_csv(client_for, coordinator):
    client = client_for(coordinator)
    response = client.get(ACTIVITY, PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Meetings held" in page and "Between 1 January and 30 June 2026" in page
    export = client.get(ACTIVITY_CSV, PERIOD)
    assert export.status_code == 200
    assert "attachment" in export["Content-Disposition"]
    rows = rows_of(export)
    assert ["Meetings held", "0"] in rows


def test_report_query_count_does_not_grow_with_people(
    client_for, coordinator, django_assert_max_num_queries
):
    people_with_change(6)
    client = client_for(coordinator)
    query = {"measure": "belonging", "breakdown": "form", **PERIOD}
    client.get(REPORT, query)
    with django_assert_max_num_queries(20):
        client.get(REPORT, query)
    people_with_change(6)
    with django_assert_max_num_queries(20):
        assert client.get(REPORT, query).status_code == 200


def test_period_ending_today_is_allowed(client_for, coordinator):
    today = timezone.localdate()
    response = client_for(coordinator).get(
        REPORT, {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}
    )
    assert response.status_code == 200
