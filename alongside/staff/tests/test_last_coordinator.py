from alongside.accounts.roles import Role, has_role
from alongside.common.models import AuditLogEntry


def test_the_only_coordinator_cannot_remove_their_own_role(client_for, coordinator):
    response = client_for(coordinator).post(
        f"/staff/members/{coordinator.pk}/roles/",
        {"role": "coordinator", "grant": "0"},
        follow=True,
    )

    assert "There must always be at least one coordinator" in response.content.decode()
    assert has_role(type(coordinator).objects.get(pk=coordinator.pk), Role.COORDINATOR)
    assert not AuditLogEntry.objects.filter(verb="role.removed").exists()


def test_a_coordinator_can_step_down_when_another_remains(
    client_for, coordinator, coordinator_without_2fa
):
    client_for(coordinator).post(
        f"/staff/members/{coordinator.pk}/roles/", {"role": "coordinator", "grant": "0"}
    )

    fresh = type(coordinator).objects.get(pk=coordinator.pk)
    assert not has_role(fresh, Role.COORDINATOR)
    assert AuditLogEntry.objects.filter(verb="role.removed").count() == 1


def test_a_moderator_dashboard_offers_no_pages_they_cannot_open(client_for, moderator):
    page = client_for(moderator).get("/staff/").content.decode()

    assert "/staff/members/" not in page
    assert "/staff/moderation/" in page
