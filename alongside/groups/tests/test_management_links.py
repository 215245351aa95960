"""The management pages can be reached from the pages people already use."""

from alongside.groups.actions.groups import RESERVED_SLUGS, _unique_group_slug


def test_group_slugs_never_take_a_management_path(db):
    for word in RESERVED_SLUGS:
        assert _unique_group_slug(word.title()) == f"{word}-2"


def test_the_staff_dashboard_links_to_group_tools(client_for, coordinator):
    page = client_for(coordinator).get("/staff/").content.decode()
    for path in ("/staff/groups/proposed/", "/staff/venues/", "/groups/new/"):
        assert f'href="{path}"' in page


def test_signed_in_visitors_are_offered_to_suggest_a_group(client_for, member):
    assert 'href="/groups/propose/"' in client_for(member).get("/groups/").content.decode()


def test_facilitators_find_their_tools_on_the_group_page(client_for, group, peer_supporter, member):
    assert (
        "Schedule a meeting"
        in client_for(peer_supporter).get(f"/groups/{group.slug}/").content.decode()
    )
    assert (
        "Schedule a meeting"
        not in client_for(member).get(f"/groups/{group.slug}/").content.decode()
    )
