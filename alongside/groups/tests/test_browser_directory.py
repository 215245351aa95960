"""Finding a group in a real browser: filter the directory by keyboard, with axe scans."""

from playwright.sync_api import expect

from alongside.common.testing.browser import BROWSER_TEST, assert_accessible
from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode
from alongside.groups.models import Group

pytestmark = BROWSER_TEST


def test_a_visitor_filters_the_directory_to_the_group_they_need(page, db):
    for name, kind, languages in [
        ("Grief Circle", GroupKind.SUPPORT, ["en", "cy"]),
        ("Walking Together", GroupKind.COMMUNITY, ["en"]),
    ]:
        Group.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            kind=kind,
            mode=MeetingMode.VIDEO,
            status=GroupStatus.ACTIVE,
            languages=languages,
            purpose="We meet to share and listen.",
        )

    page.goto("/")
    page.get_by_role("link", name="Find a group").click()
    expect(page.get_by_role("heading", level=1, name="Find a group")).to_be_visible()
    expect(page.get_by_role("heading", name="2 groups")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Language").select_option(label="Welsh (Cymraeg)")
    page.get_by_role("button", name="Show groups").press("Enter")
    expect(page.get_by_role("heading", name="1 group")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Grief Circle")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search by name or purpose").fill("nothing like this")
    page.get_by_label("Search by name or purpose").press("Enter")
    expect(page.get_by_text("No groups match these filters.")).to_be_visible()
    assert_accessible(page)
