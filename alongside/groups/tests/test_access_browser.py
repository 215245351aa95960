"""The facilitators' member list with shared access needs, in a real browser (axe scan)."""

from playwright.sync_api import expect

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from alongside.common.testing.browser import BROWSER_TEST, assert_accessible, log_in
from alongside.groups.tests.factories import GroupFactory, MembershipFactory

pytestmark = [*BROWSER_TEST]


def test_a_facilitator_reads_the_needs_members_share(page, db):
    facilitator = UserFactory(profile__display_name="Alex", roles=[Role.PEER_SUPPORTER])
    robin = UserFactory(profile__display_name="Robin")
    robin.profile.access_needs, robin.profile.access_needs_shared = ["large_print"], True
    robin.profile.save()
    group = GroupFactory(name="Evening Circle", facilitators=[facilitator])
    MembershipFactory(group=group, user=robin)
    MembershipFactory(group=group, user=UserFactory(profile__display_name="Sam"))

    log_in(page, email=facilitator.email, password=DEFAULT_PASSWORD)
    page.goto(f"/groups/{group.slug}/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Members of Evening Circle")
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Robin Large print")).to_be_visible()
    expect(table.get_by_role("row", name="Sam None shared")).to_be_visible()
    assert_accessible(page)
