"""Wellbeing check-ins in a real browser: Robin says yes, answers the loneliness and
belonging questions (with one mistake on the way), and sees the progress chart and table.
Every page gets an axe scan."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.outcomes.loading import load_shipped_measures
from alongside.outcomes.models import Response
from alongside.outcomes.tests.factories import complete_response

pytestmark = BROWSER_TEST


def test_say_yes_check_in_and_see_progress(browser, live_server, page):
    # Transactional tests empty the tables afterwards: make sure the measures are there.
    load_shipped_measures()
    robin = UserFactory(profile__display_name="Robin", email="robin@example.org")

    log_in(page, email="robin@example.org", password=DEFAULT_PASSWORD)
    page.get_by_role("link", name="Wellbeing", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Your wellbeing")).to_be_visible()
    expect(page.get_by_text("It's always optional")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Choose whether to take part").click()
    expect(
        page.get_by_role("heading", level=1, name="Wellbeing check-ins: your choice")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose yes or no.")
    assert_accessible(page)
    expect(page.get_by_label("Also invite me by email")).to_be_checked()
    page.get_by_label("Yes, invite me to check in now and then").check()
    page.get_by_role("button", name="Save my choice").click()

    # The first yes goes straight to the baseline check-in.
    expect(page.get_by_role("heading", level=1, name="Your check-in")).to_be_visible()
    expect(page.get_by_text("you don't have to do this")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Loneliness (UCLA-3)", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Loneliness (UCLA-3)")).to_be_visible()
    assert_accessible(page)

    # Finishing with a question left: saved as a draft, and the page says which one.
    first = page.get_by_role("group", name=re.compile("lack companionship"))
    first.get_by_label("Some of the time").check()
    page.get_by_role("group", name=re.compile("feel left out")).get_by_label(
        "Hardly ever or never"
    ).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Question 3 still needs an answer before this can be scored."
    )
    assert_accessible(page)

    # A value that isn't an option (as a tampered form would send): an error, linked.
    page.eval_on_selector("#id_isolated", "el => { el.value = '9'; el.checked = true; }")
    page.get_by_role("button", name="Save and continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Question 3: choose one of the answers shown")
    assert_accessible(page)

    # By keyboard: focus the third question's first answer, move down to "Often".
    page.locator("#id_isolated").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(
        page.get_by_role("group", name=re.compile("isolated")).get_by_label("Often")
    ).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1, name="Belonging")).to_be_visible()
    for name, answer in [
        ("peer support community", "Very strongly"),
        ("understand what you have been through", "Fairly strongly"),
        ("immediate neighbourhood", "Fairly strongly"),
    ]:
        page.get_by_role("group", name=re.compile(name)).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1, name="Thank you for checking in")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See your progress").click()

    expect(page.get_by_role("heading", level=1, name="Your wellbeing")).to_be_visible()
    expect(page.get_by_text("You've checked in once so far").first).to_be_visible()
    assert Response.objects.filter(member=robin, status="complete").count() == 2

    # An earlier check-in, two months ago, gives the chart a history.
    two_months_ago = timezone.now() - timedelta(days=61)
    complete_response(robin, "ucla3", 8, two_months_ago)
    complete_response(robin, "belonging", 5, two_months_ago)
    page.reload()
    expect(
        page.get_by_text("Your loneliness score has gone down by 2 points since")
    ).to_be_visible()
    expect(page.get_by_text("Your belonging score has gone up by 5 points since")).to_be_visible()
    charts = page.locator('svg[role="img"]')
    expect(charts).to_have_count(2)
    expect(page.locator('svg[role="img"] circle')).to_have_count(4)
    table = page.get_by_role("table", name=re.compile("loneliness score over time"))
    expect(table.get_by_role("cell", name="6", exact=True)).to_be_visible()
    expect(table.get_by_role("cell", name="8", exact=True)).to_be_visible()
    assert_accessible(page)
