"""In a real browser, with axe-core: a coordinator finds the wellbeing measures from the
staff dashboard, enters SWEMWBS's licensed wording (after one mistake) and changes when
members are asked."""

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.outcomes.models import Measure, OutcomesSettings

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_a_coordinator_enters_the_wording_and_changes_the_settings(page):
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/")
    page.get_by_role("link", name="Wellbeing measures").click()
    expect(heading(page, "Wellbeing measures")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Needs its wording: 7 statements to enter")
    assert_accessible(page)

    page.get_by_role("link", name="Wellbeing (SWEMWBS)").click()
    expect(heading(page, "Short Warwick-Edinburgh Mental Wellbeing Scale")).to_be_visible()
    assert_accessible(page)
    topics = [item.topic for item in Measure.objects.get(key="swemwbs").parsed.items]
    for number, topic in enumerate(topics, start=1):
        if number != 3:
            page.get_by_label(f"Statement {number} ({topic})").fill(f"Wording about {topic}")
    page.get_by_role("button", name="Save the wording").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the wording of statement 3 (feeling relaxed).")
    assert_accessible(page)
    assert Measure.objects.get(key="swemwbs").item_wording == {}

    summary.get_by_role("link").click()
    expect(page.get_by_label("Statement 3 (feeling relaxed)")).to_be_focused()
    page.get_by_label("Statement 3 (feeling relaxed)").fill("Wording about feeling relaxed")
    page.get_by_role("button", name="Save the wording").click()
    expect(page.get_by_text("Saved. Members will see this wording when asked.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Being asked")
    assert Measure.objects.get(key="swemwbs").is_ready

    page.get_by_role("navigation", name="Wellbeing and outcomes").get_by_role(
        "link", name="When members are asked"
    ).click()
    expect(heading(page, "When members are asked")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("How often members are asked, in months").fill("13")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter a whole number of months from 1 to 12, like 3."
    )
    assert_accessible(page)
    page.get_by_label("How often members are asked, in months").fill("6")
    page.get_by_label("Also ask when a match or a group membership ends").uncheck()
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_text("Saved. New check-ins will follow these settings.")).to_be_visible()
    row = OutcomesSettings.objects.get(pk=1)
    assert (row.interval_months, row.ask_when_support_ends) == (6, False)
