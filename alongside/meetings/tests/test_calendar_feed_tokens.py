"""The secret key of a member's calendar feed: shown once, replaced or revoked."""

import pytest
from django.urls import reverse

from alongside.common.models import AuditLogEntry
from alongside.meetings.feed_tokens import (
    calendar_feed_owner,
    create_calendar_feed_token,
    hash_feed_key,
    revoke_calendar_feed_token,
)
from alongside.meetings.models import CalendarFeedToken

pytestmark = pytest.mark.django_db


def feed_status(client, key):
    return client.get(reverse("meetings:member_calendar", kwargs={"key": key})).status_code


def verbs():
    return list(AuditLogEntry.objects.order_by("pk").values_list("verb", flat=True))


def test_the_key_is_returned_once_and_only_its_hash_is_kept(member):
    token, key = create_calendar_feed_token(user=member)

    assert len(key) >= 40
    assert token.user == member
    assert token.key_hash == hash_feed_key(key) != key
    assert key not in str(list(CalendarFeedToken.objects.values_list()))
    assert calendar_feed_owner(key) == member


def test_creating_is_audited(member):
    create_calendar_feed_token(user=member)

    entry = AuditLogEntry.objects.get(verb="calendar_feed.created")
    assert entry.actor == member
    assert entry.data == {"replaced": False}


def test_each_key_is_new(member, other_member):
    _, first = create_calendar_feed_token(user=member)
    _, second = create_calendar_feed_token(user=other_member)

    assert first != second


def test_a_new_key_replaces_the_old_one(client, member):
    _, old = create_calendar_feed_token(user=member)

    _, new = create_calendar_feed_token(user=member)

    assert CalendarFeedToken.objects.filter(user=member).count() == 1
    assert feed_status(client, old) == 404
    assert feed_status(client, new) == 200
    assert verbs() == ["calendar_feed.created", "calendar_feed.created"]
    assert AuditLogEntry.objects.order_by("pk").last().data == {"replaced": True}


def test_a_revoked_key_stops_working(client, member):
    _, key = create_calendar_feed_token(user=member)
    assert feed_status(client, key) == 200

    assert revoke_calendar_feed_token(user=member) is True

    assert feed_status(client, key) == 404
    assert not CalendarFeedToken.objects.filter(user=member).exists()
    assert verbs() == ["calendar_feed.created", "calendar_feed.revoked"]
    assert AuditLogEntry.objects.order_by("pk").last().actor == member


def test_revoking_when_there_is_no_feed_changes_nothing(member):
    assert revoke_calendar_feed_token(user=member) is False

    assert verbs() == []


def test_revoking_one_members_feed_leaves_anothers(client, member, other_member):
    create_calendar_feed_token(user=member)
    _, key = create_calendar_feed_token(user=other_member)

    revoke_calendar_feed_token(user=member)

    assert feed_status(client, key) == 200


@pytest.mark.parametrize("key", ["nonsense", "a" * 43, "calendar"])
def test_an_unknown_key_is_not_found(client, member, key):
    create_calendar_feed_token(user=member)

    assert feed_status(client, key) == 404


def test_the_hash_is_not_a_key(client, member):
    token, _ = create_calendar_feed_token(user=member)

    assert feed_status(client, token.key_hash) == 404


def test_a_deactivated_accounts_feed_is_not_found(client, member):
    _, key = create_calendar_feed_token(user=member)
    member.is_active = False
    member.save()

    assert feed_status(client, key) == 404
