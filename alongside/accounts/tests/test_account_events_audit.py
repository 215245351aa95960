from alongside.accounts.tests.factories import DEFAULT_PASSWORD
from alongside.common.models import AuditLogEntry


def test_logging_in_is_audited_with_the_client_ip(member, client):
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(verb="account.logged_in")
    assert entry.actor == member
    assert entry.ip_address == "203.0.113.9"


def test_changing_password_is_audited(member, client_for):
    client = client_for(member)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "a different calm password",
            "password2": "a different calm password",
        },
    )
    assert response.status_code == 302
    assert AuditLogEntry.objects.filter(verb="account.password_changed", actor=member).exists()
