"""A coordinator reads the outcomes report and the activity figures in a real browser,
each page checked with axe-core."""

from datetime import date, datetime

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.outcomes.tests.factories import complete_response

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def _totp_clock_tolerance(settings):
    settings.MFA_TOTP_TOLERANCE = 1


def at(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def test_coordinator_reads_the_report_and_the_activity_figures(page, live_server):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    groups = [GroupFactory(name="Tuesday Circle"), GroupFactory(name="Walk and Talk")]
    for index in range(13):  # 7 in Tuesday Circle, 6 in Walk and Talk
        user = UserFactory()
        complete_response(user, "ucla3", 9, at(date(2025, 12, 1)))
        complete_response(user, "ucla3", 5 + index % 3, at(date(2026, 3, 1)))
        MembershipFactory(group=groups[index % 2], user=user, joined_at=at(date(2025, 11, 1)))
    lonely = UserFactory()  # one person in a group of their own: never shown
    complete_response(lonely, "ucla3", 9, at(date(2025, 12, 1)))
    complete_response(lonely, "ucla3", 3, at(date(2026, 3, 1)))
    MembershipFactory(
        group=GroupFactory(name="Quiet Corner"), user=lonely, joined_at=at(date(2025, 11, 1))
    )

    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)
    page.goto(f"{live_server.url}/staff/outcomes/")
    expect(page.get_by_role("heading", level=1, name="Outcomes report")).to_be_visible()
    page.get_by_label("Measure").select_option(label="Three-item UCLA Loneliness Scale")
    page.get_by_label("Break down by").select_option(label="Group")
    page.get_by_label("Start date").fill("2026-01-01")
    page.get_by_label("End date").fill("2026-06-30")
    page.get_by_role("button", name="Show the report").click()

    expect(page.get_by_role("status")).to_contain_text("On average, loneliness scores went down by")
    expect(page.locator("p", has_text="A lower loneliness score is better")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Tuesday Circle")).to_be_visible()
    quiet = table.get_by_role("row").filter(has_text="Quiet Corner")
    expect(quiet.get_by_role("cell").first).to_have_text("Hidden to protect privacy")
    # Only one row was too small, so the next smallest is hidden too.
    walk = table.get_by_role("row").filter(has_text="Walk and Talk")
    expect(walk.get_by_role("cell").first).to_have_text("Hidden to protect privacy")
    expect(page.get_by_role("img", name="Average change in loneliness score")).to_be_visible()
    assert_accessible(page)

    # A mistake is explained beside the field and in the summary.
    page.get_by_label("End date").fill("2025-01-01")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("alert")).to_contain_text("same as or after the start date")
    assert_accessible(page)

    page.get_by_role("navigation", name="Wellbeing and outcomes").get_by_role(
        "link", name="Activity"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Activity")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Meetings held")).to_be_visible()
    assert_accessible(page)
