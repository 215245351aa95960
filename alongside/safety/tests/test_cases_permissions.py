"""Who can reach a safeguarding case: moderators and coordinators with two-factor. To
everyone else every case URL is the same 404 as a case that doesn't exist, nothing changes,
and nothing is written to the audit log as a view."""

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.safety.choices import CaseStatus
from alongside.safety.models import CaseEntry, SafeguardingCase
from alongside.safety.tests.test_cases_actions import alert_about, case_about

MISSING_ID = 987654


def case_urls(case_id: int) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every page and form about one case."""
    detail = reverse("safety:case_detail", args=[case_id])
    return [
        ("get", detail, {}),
        ("post", reverse("safety:case_add_entry", args=[case_id, "note"]), {"note-text": "Hi"}),
        ("post", reverse("safety:case_link_alert", args=[case_id]), {"alert": "1"}),
        ("post", reverse("safety:case_close", args=[case_id]), {"outcome": "Done."}),
        ("post", reverse("safety:case_reopen", args=[case_id]), {}),
    ]


@pytest.fixture
def case(moderator, member):
    return case_about(member, by=moderator, alert=alert_about(member))


def _state(case):
    case.refresh_from_db()
    return (case.status, case.outcome, case.alerts.count(), CaseEntry.objects.count())


def _responses(client, case_id):
    return [getattr(client, method)(url, data) for method, url, data in case_urls(case_id)]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "member", "other_member", "peer_supporter"])
def test_everyone_else_gets_the_same_404_as_a_missing_case(request, client, case, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    before = _state(case)
    audit_before = AuditLogEntry.objects.count()

    for response in _responses(client, case.pk) + _responses(client, MISSING_ID):
        assert response.status_code == 404
        assert b"Safeguarding case" not in response.content
    for url in [reverse("safety:case_list"), reverse("safety:case_create")]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"member": case.member_id, "summary": "x"}).status_code == 404

    assert _state(case) == before
    assert AuditLogEntry.objects.count() == audit_before
    assert SafeguardingCase.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.COORDINATOR])
def test_staff_without_two_factor_learn_nothing(client, case, role):
    """The staff area sends them to set up two-factor, for a real case and a missing one
    alike; without the middleware's help, the permission check itself would give 404."""
    client.force_login(UserFactory(roles=[role]))
    before = _state(case)
    real, missing = _responses(client, case.pk), _responses(client, MISSING_ID)
    for seen, unseen in zip(real, missing, strict=True):
        assert seen.status_code in (302, 404)
        assert (seen.status_code, seen.get("Location")) == (
            unseen.status_code,
            unseen.get("Location"),
        )
    assert _state(case) == before
    assert not AuditLogEntry.objects.filter(verb="safety.case_viewed").exists()


@pytest.mark.django_db
def test_the_permission_check_itself_hides_cases_from_staff_without_two_factor(case):
    from django.http import Http404

    from alongside.safety.cases import access_case_by_id

    with pytest.raises(Http404):
        access_case_by_id(viewer=UserFactory(roles=[Role.MODERATOR]), case_id=case.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["moderator", "coordinator"])
def test_moderators_and_coordinators_see_cases(request, client_for, case, persona):
    client = client_for(request.getfixturevalue(persona))
    detail = client.get(reverse("safety:case_detail", args=[case.pk]))
    assert detail.status_code == 200
    assert f"Safeguarding case {case.pk}" in detail.content.decode()
    listing = client.get(reverse("safety:case_list"))
    assert listing.status_code == 200
    assert f"Safeguarding case {case.pk}" in listing.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("case_id", [MISSING_ID, 0, 99999999999999999999999])
def test_a_missing_case_is_404_for_staff_too(client_for, moderator, case_id):
    url = f"/staff/safeguarding/{case_id}/"
    assert client_for(moderator).get(url).status_code == 404
    assert client_for(moderator).post(url + "close/", {"outcome": "x"}).status_code == 404


@pytest.mark.django_db
def test_a_case_about_a_moderator_is_hidden_from_that_moderator(client_for, moderator, coordinator):
    case = case_about(moderator, by=coordinator)
    client = client_for(moderator)
    for response in _responses(client, case.pk):
        assert response.status_code == 404
    listing = client.get(reverse("safety:case_list"))
    assert f"Safeguarding case {case.pk}" not in listing.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN

    other_moderator = UserFactory(roles=[Role.MODERATOR])
    activate_totp(other_moderator)
    detail = client_for(other_moderator).get(reverse("safety:case_detail", args=[case.pk]))
    assert detail.status_code == 200
