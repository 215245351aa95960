"""/staff/audit/: coordinators read the audit log, newest first, and filter it by action."""

import pytest

from alongside.accounts import actions
from alongside.accounts.roles import Role
from alongside.common.audit import record_audit


@pytest.fixture
def history(coordinator, member, other_member):
    actions.grant_role(user=member, role=Role.PEER_SUPPORTER, actor=coordinator)
    actions.remove_role(user=member, role=Role.PEER_SUPPORTER, actor=coordinator)
    actions.create_api_token(user=other_member, name="Sam's script")
    record_audit(actor=other_member, verb="profile.updated", target=other_member.profile)


def rows(response) -> list[str]:
    """The action column of each row of the table, in order."""
    return [entry.verb for entry in response.context["page"]]


def test_a_coordinator_reads_every_entry_newest_first(client_for, coordinator, history):
    response = client_for(coordinator).get("/staff/audit/")

    assert response.status_code == 200
    assert rows(response) == [
        "profile.updated",
        "api_token.created",
        "role.removed",
        "role.granted",
    ]
    page = response.content.decode()
    assert "<td>Casey</td>" in page
    assert "role: peer_supporter" in page


def test_filtering_by_verb_prefix(client_for, coordinator, history):
    response = client_for(coordinator).get("/staff/audit/", {"verb": "role"})

    assert rows(response) == ["role.removed", "role.granted"]
    assert 'value="role"' in response.content.decode()


def test_a_filter_that_matches_nothing_says_so(client_for, coordinator, history):
    response = client_for(coordinator).get("/staff/audit/", {"verb": "nothing.like.this"})

    assert rows(response) == []
    assert "No entries." in response.content.decode()


def test_the_ip_address_is_shown(client_for, coordinator, member):
    client = client_for(coordinator)
    client.post(
        f"/staff/members/{member.pk}/roles/",
        {"role": "moderator", "grant": "1"},
        REMOTE_ADDR="203.0.113.7",
    )

    assert "<td>203.0.113.7</td>" in client.get("/staff/audit/").content.decode()


@pytest.mark.parametrize("persona", ["moderator", "peer_supporter", "member"])
def test_only_coordinators_read_the_audit_log(request, client_for, history, persona):
    response = client_for(request.getfixturevalue(persona)).get("/staff/audit/")

    assert response.status_code == 403
    assert "role.granted" not in response.content.decode()


def test_the_audit_log_is_paginated(client_for, coordinator, member):
    for n in range(55):
        record_audit(actor=member, verb=f"thing.{n}")
    client = client_for(coordinator)

    first = client.get("/staff/audit/")
    second = client.get("/staff/audit/", {"page": 2})

    assert len(rows(first)) == 50
    assert rows(second)[-1] == "thing.0"
    assert "Page 2 of 2" in second.content.decode()
