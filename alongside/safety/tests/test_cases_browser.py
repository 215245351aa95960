"""In a real browser, with axe-core, by keyboard only: a moderator with two-factor finds a
member, opens a safeguarding case about them, links their alert, adds a note, makes a
mistake recording a contact and fixes it, then closes the case with an outcome."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.safety.choices import CaseEntryKind, CaseStatus
from alongside.safety.models import SafeguardingCase
from alongside.safety.tests.test_cases_actions import alert_about

pytestmark = BROWSER_TEST


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def type_into(page, field, text):
    field.focus()
    page.keyboard.type(text)


def press(page, control):
    """Reach a link or button by keyboard and activate it."""
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Enter")


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_moderator_opens_works_on_and_closes_a_case(page):
    robin = UserFactory(profile__display_name="Robin")
    alert = alert_about(robin)
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    log_in(page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto("/staff/safeguarding/")
    expect(heading(page, "Safeguarding cases")).to_be_visible()
    expect(page.get_by_text("No cases here.")).to_be_visible()
    assert_accessible(page)

    press(page, page.get_by_role("link", name="Open a case"))
    expect(heading(page, "Open a safeguarding case")).to_be_visible()
    type_into(page, page.get_by_label("Search by display name or email address"), "rob")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Members matching “rob”")).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Open a case about Robin"))

    expect(page.get_by_text("About Robin.")).to_be_visible()
    press(page, page.get_by_role("button", name="Open the case"))
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Write a short summary")
    expect(page.get_by_label("Summary")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert not SafeguardingCase.objects.exists()

    type_into(page, page.get_by_label("Summary"), "Urgent post last night; not answering.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Open the case")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Safeguarding case \d+ is open"))
    case = SafeguardingCase.objects.get()
    expect(heading(page, f"Safeguarding case {case.pk}")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Alert to link").select_option(str(alert.pk))
    press(page, page.get_by_role("button", name="Link alert"))
    expect(page.get_by_role("status")).to_contain_text(f"Alert {alert.pk} is linked.")
    expect(page.get_by_role("cell", name=f"Alert {alert.pk}")).to_be_visible()
    expect(page.get_by_role("cell", name="Urgent")).to_be_visible()

    type_into(page, page.get_by_label("Note:", exact=True), "Sent a kind message; will try again.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add note")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Note added.")
    expect(page.get_by_text("Sent a kind message; will try again.")).to_be_visible()

    type_into(page, page.get_by_label("What was said or agreed"), "Robin replied and is safe.")
    page.get_by_label("When it happened").fill(local_input(timezone.now() + timedelta(days=2)))
    press(page, page.get_by_role("button", name="Record contact"))
    expect(page.get_by_role("alert")).to_contain_text("A contact can't be in the future.")
    expect(page.get_by_label("When it happened")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label("When it happened").fill(local_input(timezone.now() - timedelta(hours=1)))
    press(page, page.get_by_role("button", name="Record contact"))
    expect(page.get_by_role("status")).to_contain_text("Contact recorded.")
    expect(page.get_by_text("Robin replied and is safe.")).to_be_visible()
    assert list(case.entries.values_list("kind", flat=True)) == [
        CaseEntryKind.NOTE,
        CaseEntryKind.CONTACT,
    ]

    type_into(page, page.get_by_label("Outcome"), "Robin is safe and has their GP's support.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Close the case")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"Safeguarding case {case.pk} is closed.")
    expect(page.get_by_text("About Robin. Closed.")).to_be_visible()
    expect(page.get_by_role("button", name="Reopen the case")).to_be_visible()
    assert_accessible(page)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome == "Robin is safe and has their GP's support."

    page.goto("/staff/safeguarding/")
    expect(page.get_by_role("link", name=f"Safeguarding case {case.pk}")).to_be_visible()
    assert_accessible(page)
    viewed = AuditLogEntry.objects.filter(verb="safety.case_viewed", actor=morgan).count()
    assert viewed >= 5  # opening, linking, note, failed and recorded contact, closing
    assert AuditLogEntry.objects.filter(verb="safety.cases_listed", actor=morgan).count() == 2


def test_a_member_finds_nothing_there(page):
    robin = UserFactory(profile__display_name="Robin")
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    case = SafeguardingCase.objects.create(member=robin, opened_by=morgan, summary="Worried.")
    log_in(page, email=robin.email, password=DEFAULT_PASSWORD)

    for url in ["/staff/safeguarding/", f"/staff/safeguarding/{case.pk}/"]:
        response = page.goto(url)
        assert response.status == 404
        expect(page.get_by_text("Worried.")).to_have_count(0)
    assert not AuditLogEntry.objects.filter(verb__startswith="safety.case").exists()


def test_a_new_alert_joins_the_members_open_case(page):
    robin = UserFactory(profile__display_name="Robin")
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    case = SafeguardingCase.objects.create(member=robin, opened_by=casey, summary="Ongoing.")
    alert = alert_about(robin)
    morgan = UserFactory(profile__display_name="Morgan", roles=[Role.MODERATOR])
    secret = activate_totp(morgan)
    log_in(page, email=morgan.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.goto(f"/staff/safeguarding/new/?alert={alert.pk}")
    expect(page.get_by_role("heading", name="Robin already has an open case")).to_be_visible()
    expect(page.get_by_role("button", name="Open the case")).to_have_count(0)
    assert_accessible(page)

    press(page, page.get_by_role("button", name=f"Link alert {alert.pk} to safeguarding case"))
    expect(page.get_by_role("status")).to_contain_text(f"Alert {alert.pk} is linked.")
    expect(heading(page, f"Safeguarding case {case.pk}")).to_be_visible()
    assert list(case.alerts.all()) == [alert]

    press(page, page.get_by_role("link", name="all cases about them"))
    expect(heading(page, "Safeguarding cases about Robin")).to_be_visible()
    page.get_by_label("Show").select_option("closed")
    press(page, page.get_by_role("button", name="Show cases"))
    expect(page.get_by_text("No cases here.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"member={robin.pk}"))
    assert_accessible(page)
