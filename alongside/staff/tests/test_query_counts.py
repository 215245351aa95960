"""Staff list pages make the same number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory
from alongside.common.audit import record_audit


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def add_members(n: int) -> None:
    for i in range(n):
        roles = [list(Role)[i % 3]] if i % 2 else []
        UserFactory(roles=roles)


@pytest.fixture
def staff_client(client_for, coordinator):
    client = client_for(coordinator)
    client.get("/staff/")  # first request warms per-process caches (content types, ...)
    return client


@pytest.mark.parametrize("path", ["/staff/members/", "/staff/members/?q=Member"])
def test_the_members_page_costs_the_same_for_3_or_13_members(
    staff_client, django_assert_num_queries, path
):
    add_members(2)  # with the coordinator: 3 members
    with_3 = count_queries(staff_client, path)

    add_members(10)
    with django_assert_num_queries(with_3):
        response = staff_client.get(path)

    assert len(response.context["rows"]) == (13 if "?q=" not in path else 12)


def test_the_audit_log_costs_the_same_for_3_or_13_entries(
    staff_client, member, django_assert_num_queries
):
    for n in range(3):
        record_audit(actor=member, verb=f"thing.{n}", target=member.profile)
    with_3 = count_queries(staff_client, "/staff/audit/")

    for n in range(10):
        record_audit(actor=member, verb=f"thing.{n}", target=member.profile)
    with django_assert_num_queries(with_3):
        response = staff_client.get("/staff/audit/")

    assert len(response.context["page"]) == 13


def test_the_pages_stay_small(staff_client, django_assert_max_num_queries):
    add_members(12)
    for n in range(12):
        record_audit(actor=None, verb=f"thing.{n}")

    # Session, user, two permission lookups, two-factor check, the viewer's profile, then
    # the page's own count, rows and prefetch.
    for path in ("/staff/members/", "/staff/audit/"):
        with django_assert_max_num_queries(9):
            staff_client.get(path)
