"""The audit log records who did what to what, from where, and can't be changed afterwards."""

import pytest

from alongside.accounts import actions
from alongside.accounts.roles import Role
from alongside.common.audit import record_audit
from alongside.common.models import AppendOnlyError, AuditLogEntry


def test_an_entry_records_actor_verb_target_and_data(member, other_member):
    entry = record_audit(actor=member, verb="thing.done", target=other_member, data={"n": 1})

    entry = AuditLogEntry.objects.get(pk=entry.pk)
    assert entry.actor == member
    assert entry.actor_label == "Robin"
    assert entry.verb == "thing.done"
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "accounts.user",
        str(other_member.pk),
        "Sam",
    )
    assert entry.data == {"n": 1}
    assert entry.ip_address is None  # not made during a request
    assert entry.created_at is not None


def test_an_entry_without_actor_or_target_is_the_system(db):
    entry = record_audit(actor=None, verb="system.tick")

    assert (entry.actor, entry.actor_label, entry.target_type, entry.target_id) == (
        None,
        "",
        "",
        "",
    )
    assert "system system.tick" in str(entry)


def test_an_entry_made_during_a_request_records_the_ip_address(client_for, coordinator, member):
    client_for(coordinator).post(
        f"/staff/members/{member.pk}/roles/",
        {"role": "moderator", "grant": "1"},
        REMOTE_ADDR="203.0.113.7",
    )

    entry = AuditLogEntry.objects.get(verb="role.granted")
    assert entry.ip_address == "203.0.113.7"
    assert entry.actor == coordinator
    assert entry.target_id == str(member.pk)


def test_a_forwarded_for_header_is_ignored_unless_a_proxy_is_trusted(client_for, member, settings):
    client = client_for(member)
    headers = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}

    client.post("/profile/tokens/", {"name": "first"}, **headers)
    settings.TRUSTED_PROXIES = 1
    client.post("/profile/tokens/", {"name": "second"}, **headers)

    ips = AuditLogEntry.objects.order_by("id").values_list("ip_address", flat=True)
    assert list(ips) == ["10.0.0.5", "198.51.100.9"]


@pytest.mark.parametrize(
    ("forwarded_for", "recorded"),
    [
        # The client wrote the left entry itself; our one proxy appended the right one.
        ("1.2.3.4, 198.51.100.9", "198.51.100.9"),
        ("not-an-ip", "10.0.0.5"),
        ("", "10.0.0.5"),
        ("1.2.3.4, <script>", "10.0.0.5"),
    ],
)
def test_a_spoofed_or_malformed_forwarded_for_is_not_recorded(
    client_for, member, settings, forwarded_for, recorded
):
    settings.TRUSTED_PROXIES = 1
    client_for(member).post(
        "/profile/tokens/",
        {"name": "tok"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )

    assert AuditLogEntry.objects.get(verb="api_token.created").ip_address == recorded


def test_the_ip_address_is_not_kept_after_the_request(client_for, member, other_member):
    client_for(member).post("/profile/tokens/", {"name": "script"}, REMOTE_ADDR="203.0.113.7")

    entry = record_audit(actor=other_member, verb="later.outside.a.request")

    assert entry.ip_address is None


@pytest.fixture
def entry(member):
    return record_audit(actor=member, verb="thing.done", data={"n": 1})


def test_saving_an_existing_entry_is_refused(entry):
    entry.verb = "thing.undone"

    with pytest.raises(AppendOnlyError):
        entry.save()

    assert AuditLogEntry.objects.get(pk=entry.pk).verb == "thing.done"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()

    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_updating_entries_in_bulk_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.filter(pk=entry.pk).update(verb="thing.undone")
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.update(data={})

    assert AuditLogEntry.objects.get(pk=entry.pk).verb == "thing.done"


def test_deleting_entries_in_bulk_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().delete()

    assert AuditLogEntry.objects.count() == 1


def test_entries_outlive_their_actor_by_label(member, other_member):
    actions.grant_role(user=other_member, role=Role.MODERATOR, actor=member)

    member.delete()

    entry = AuditLogEntry.objects.get(verb="role.granted")
    assert entry.actor is None
    assert entry.actor_label == "Robin"
