"""Staff pages and the other pages people reach most, in a real browser, each checked with
axe-core. A coordinator logs in with their password and an authenticator code, as in life."""

import re

import pytest
from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    TopicFactory,
    UserFactory,
    activate_totp,
)
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def _totp_clock_tolerance(settings):
    # Accept the codes either side of "now": a code worked out in the last moment of its
    # 30-second step must still pass when the server checks it a moment later.
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def casey_with_secret(db):
    """A coordinator, and the TOTP secret their authenticator app holds."""
    casey = UserFactory(profile__display_name="Casey", roles=[Role.COORDINATOR])
    return casey, activate_totp(casey)


def heading(page, text):
    return page.get_by_role("heading", level=1, name=text)


def test_coordinator_logs_in_with_totp_and_grants_a_role(page, casey_with_secret, member):
    casey, secret = casey_with_secret
    TopicFactory(name="Bereavement")
    log_in(page, email=casey.email, password=DEFAULT_PASSWORD, totp_secret=secret)

    page.get_by_role("banner").get_by_role("link", name="Staff").click()
    expect(heading(page, "Staff")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Members and roles").click()
    expect(heading(page, "Members and roles")).to_be_visible()
    robin_link = page.get_by_role("link", name="Robin", exact=True)
    robin_row = page.get_by_role("row").filter(has=robin_link)
    expect(robin_row.get_by_role("cell").nth(1)).to_have_text("Member")
    assert_accessible(page)

    # Each button's name ends with the member's name, visually hidden, for screen readers.
    robin_row.get_by_role("button", name=re.compile(r"^Make peer supporter\W+Robin$")).click()
    expect(page.get_by_role("status")).to_contain_text("Robin is now a peer supporter.")
    expect(robin_row.get_by_role("cell").nth(1)).to_have_text("Member, Peer supporter")
    remove = robin_row.get_by_role("button", name="Remove peer supporter role from Robin")
    expect(remove).to_be_visible()
    assert_accessible(page)

    # Searching narrows the list (and the search form is accessible with results shown).
    search = page.get_by_role("search").get_by_label("Search by display name")
    search.fill("Rob")
    search.press("Enter")
    expect(page.get_by_role("table")).to_contain_text("Robin")
    expect(page.get_by_role("table")).not_to_contain_text("Casey")
    assert_accessible(page)

    page.goto("/staff/topics/")
    expect(heading(page, "Topics of experience")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Bereavement")
    assert_accessible(page)
    # The error state of the add-topic form: a name that is already taken.
    page.get_by_label("Name").fill("Bereavement")
    page.get_by_role("button", name="Add topic").click()
    expect(page.get_by_text("There is already a topic with that name.")).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/audit/")
    expect(heading(page, "Audit log")).to_be_visible()
    grant = page.get_by_role("row").filter(has_text="role.granted")
    expect(grant).to_contain_text("Casey")
    expect(grant).to_contain_text("Robin")
    expect(grant).to_contain_text("role: peer_supporter")
    assert_accessible(page)


def test_public_pages(page, member):
    page.goto("/")
    expect(heading(page, re.compile("^Peer support"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="I need help now").first.click()
    expect(heading(page, "I need help now")).to_be_visible()
    expect(page.get_by_text("Samaritans: call 116 123")).to_be_visible()
    assert_accessible(page)

    page.goto("/accounts/password/reset/")
    expect(heading(page, "Password Reset")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email").fill(member.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    assert_accessible(page)


def test_member_creates_an_api_token_shown_once_and_opens_the_api_docs(page, member):
    log_in(page, email=member.email, password=DEFAULT_PASSWORD)

    page.goto("/profile/tokens/")
    expect(heading(page, "Personal API tokens")).to_be_visible()
    expect(page.get_by_text("You have no active tokens.")).to_be_visible()
    assert_accessible(page)

    # The error state: no name.
    page.get_by_role("button", name="Create token").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Token name").fill("my phone")
    page.get_by_role("button", name="Create token").click()
    new_token = page.get_by_role("status").filter(has_text="Your new token")
    expect(new_token).to_contain_text("won't be shown again")
    key = page.locator("#new-token").inner_text().strip()
    assert len(key) > 20
    expect(page.get_by_role("table")).to_contain_text("my phone")
    assert_accessible(page)

    # Shown once: coming back lists the token, never the key.
    page.goto("/profile/tokens/")
    expect(page.get_by_role("table")).to_contain_text("my phone")
    expect(page.get_by_text("Your new token")).to_have_count(0)
    assert key not in page.content()

    # The interactive API docs (third-party Swagger UI, not axe-checked) load and render.
    page.get_by_role("link", name="the API documentation").click()
    expect(page).to_have_url(re.compile(r"/api/v1/docs$"))
    expect(page.get_by_role("heading", name=re.compile("Alongside API"))).to_be_visible()
