"""Coordinators grant and remove roles; every change is audited; nobody else can make one."""

from html import unescape

import pytest

from alongside.accounts.models import User
from alongside.accounts.roles import Role, roles_of
from alongside.common.models import AuditLogEntry


def change_role(client, user, role, *, grant: bool):
    return client.post(
        f"/staff/members/{user.pk}/roles/", {"role": role, "grant": "1" if grant else "0"}
    )


def current_roles(user) -> list[Role]:
    return roles_of(User.objects.get(pk=user.pk))  # fresh: permissions are cached per object


@pytest.mark.parametrize("role", list(Role))
def test_a_coordinator_grants_a_role(client_for, coordinator, member, role):
    response = change_role(client_for(coordinator), member, role, grant=True)

    assert response.status_code == 302
    assert response["Location"] == "/staff/members/"
    assert current_roles(member) == [role]
    entry = AuditLogEntry.objects.get(verb="role.granted")
    assert entry.actor == coordinator
    assert (entry.target_type, entry.target_id) == ("accounts.user", str(member.pk))
    assert entry.data == {"role": role.value}


def test_a_coordinator_removes_a_role(client_for, coordinator, moderator):
    response = change_role(client_for(coordinator), moderator, "moderator", grant=False)

    assert response.status_code == 302
    assert current_roles(moderator) == []
    entry = AuditLogEntry.objects.get(verb="role.removed")
    assert entry.actor == coordinator
    assert entry.target_id == str(moderator.pk)
    assert entry.data == {"role": "moderator"}


def test_the_change_is_confirmed_on_the_members_page(client_for, coordinator, member):
    client = client_for(coordinator)

    page = client.post(
        f"/staff/members/{member.pk}/roles/",
        {"role": "peer_supporter", "grant": "1"},
        follow=True,
    ).content.decode()

    assert "Robin is now a peer supporter." in page
    assert "Remove peer supporter" in page


@pytest.mark.parametrize(
    "data",
    [{"role": "admin", "grant": "1"}, {"role": "moderator", "grant": "yes"}, {}],
    ids=["unknown-role", "unknown-grant", "empty"],
)
def test_a_change_that_is_not_understood_changes_nothing(client_for, coordinator, member, data):
    client = client_for(coordinator)

    response = client.post(f"/staff/members/{member.pk}/roles/", data, follow=True)

    page = unescape(response.content.decode())
    assert "That role change wasn't understood. Nothing was changed." in page
    assert current_roles(member) == []
    assert not AuditLogEntry.objects.exists()


def test_an_unknown_member_is_not_found(client_for, coordinator):
    response = client_for(coordinator).post(
        "/staff/members/999999/roles/", {"role": "moderator", "grant": "1"}
    )

    assert response.status_code == 404
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("actor", ["member", "peer_supporter", "moderator"])
def test_only_coordinators_change_roles(request, client_for, other_member, actor):
    actor = request.getfixturevalue(actor)
    client = client_for(actor)

    granting = change_role(client, other_member, "coordinator", grant=True)
    self_granting = change_role(client, actor, "coordinator", grant=True)

    assert granting.status_code == 403
    assert self_granting.status_code == 403
    assert current_roles(other_member) == []
    assert Role.COORDINATOR not in current_roles(actor)
    assert not AuditLogEntry.objects.exists()


def test_a_moderator_cannot_remove_a_coordinator(client_for, moderator, coordinator):
    response = change_role(client_for(moderator), coordinator, "coordinator", grant=False)

    assert response.status_code == 403
    assert current_roles(coordinator) == [Role.COORDINATOR]


def test_a_coordinator_without_two_factor_changes_nothing(
    client_for, coordinator_without_2fa, member
):
    response = change_role(client_for(coordinator_without_2fa), member, "moderator", grant=True)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert current_roles(member) == []
    assert not AuditLogEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, member):
    response = change_role(client, member, "coordinator", grant=True)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert current_roles(member) == []


def test_role_changes_take_a_post(client_for, coordinator, member):
    response = client_for(coordinator).get(f"/staff/members/{member.pk}/roles/")

    assert response.status_code == 405
