"""In a real browser, with axe-core: a coordinator works through the matching pages,
from the overview to a proposal, an onboarding mistake fixed, and a run previewed."""

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.matching.choices import MatchStatus, SupporterStatus
from alongside.matching.models import Match
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_a_coordinator_works_through_the_matching_pages(page):
    kit = UserFactory(profile__display_name="Kit")
    SupportRequestFactory(member=kit)
    SupportRequestFactory(member=UserFactory(profile__display_name="Wyn"), languages=["cy"])
    SupporterProfileFactory(user=UserFactory(profile__display_name="Lee"))
    applicant = SupporterProfileFactory(
        status=SupporterStatus.APPLIED, user=UserFactory(profile__display_name="Rowan")
    )
    ended = MatchFactory(status=MatchStatus.ENDED)
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    secret = activate_totp(casey)
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/")
    page.get_by_role("main").get_by_role("link", name="Mentoring and befriending").click()
    expect(heading(page, "Mentoring and befriending")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("2 people are waiting for a match.")
    assert_accessible(page)

    page.get_by_role("navigation", name="Matching").get_by_role("link", name="Waiting list").click()
    expect(heading(page, "Waiting list")).to_be_visible()
    expect(page.get_by_text("speaks Welsh")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Kit").click()
    expect(heading(page, "Befriending request from Kit")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Propose this match with Lee").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lee and Kit")
    assert Match.objects.filter(member=kit, status=MatchStatus.PROPOSED).exists()
    assert_accessible(page)

    page.goto(f"/staff/matching/supporters/{applicant.pk}/")
    expect(heading(page, "Rowan")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Background check", exact=True).select_option("clear")
    page.get_by_role("button", name="Save the onboarding record").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_text("Enter the date the background check result came.").first
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/matching/settings/")
    page.get_by_label("Shared topics of experience").fill("500")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_text("Choose a number from 0 to 100.").first).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/matching/runs/")
    assert_accessible(page)
    page.get_by_role("button", name="Preview a matching run").click()
    expect(page.get_by_text("A preview: nobody has been told anything yet.")).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/matching/matches/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Match {ended.pk}", exact=True).click()
    expect(page.get_by_role("heading", name="Mark as ended badly")).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/matching/requests/new/?q=Kit")
    page.get_by_role("link", name="Add a request for Kit").click()
    expect(page.get_by_text("For Kit, after an enquiry or a referral.")).to_be_visible()
    assert_accessible(page)
