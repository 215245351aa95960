"""Notifications: the list, opening one, "Mark all as read", breaks, and the email digest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone
from django_tasks import default_task_backend

from alongside.community.actions.notifications import next_digest_time
from alongside.community.actions.protection import take_break
from alongside.community.choices import DigestFrequency
from alongside.community.models import CommunitySettings, Notification
from alongside.community.notifications import notify
from alongside.community.tasks import send_community_digest
from alongside.community.tests.factories_members import (
    CommunitySettingsFactory,
    NotificationFactory,
    page_text,
)

LIST = "/community/notifications/"


def test_the_list_is_newest_first_with_unread_marked_in_words(
    client_for, member, django_assert_max_num_queries
):
    old = NotificationFactory(user=member, text="Sam replied to Sleep", read_at=timezone.now())
    new = NotificationFactory(user=member, text="Alex sent you a message")
    for _ in range(10):
        NotificationFactory(user=member, read_at=timezone.now())
    NotificationFactory(text="Someone else's news")
    client = client_for(member)
    client.get("/community/settings/")
    with django_assert_max_num_queries(8):  # 6 are every page's: session, user, roles, nav
        response = client.get(LIST)
    page = page_text(response)
    assert page.index("Alex sent you a message") < page.index("Sam replied to Sleep")
    assert "New: Alex sent you a message" in page
    assert "New: Sam replied to Sleep" not in page
    assert "Someone else's news" not in page
    assert "Notifications (1 unread)" in page
    assert f"/community/notifications/{new.pk}/open/" in response.content.decode()
    assert old.pk


def test_opening_marks_read_and_redirects(client_for, member):
    item = NotificationFactory(user=member, url="/community/messages/")
    response = client_for(member).get(f"/community/notifications/{item.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/community/messages/"
    item.refresh_from_db()
    assert item.read_at is not None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_opening_never_leaves_the_site(client_for, member, url):
    item = NotificationFactory(user=member, url=url)
    response = client_for(member).get(f"/community/notifications/{item.pk}/open/")
    assert response["Location"] == LIST


def test_someone_elses_notification_is_404(client_for, member, other_member):
    item = NotificationFactory(user=other_member)
    assert client_for(member).get(f"/community/notifications/{item.pk}/open/").status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_as_read(client_for, member, other_member):
    NotificationFactory.create_batch(3, user=member)
    theirs = NotificationFactory(user=other_member)
    client = client_for(member)
    assert "Mark all as read" in page_text(client.get(LIST))
    client.post("/community/notifications/read-all/")
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Mark all as read" not in page_text(client.get(LIST))


def test_on_a_break_notifications_are_hidden_but_kept(client_for, member):
    NotificationFactory(user=member, text="Sam replied to Sleep")
    take_break(actor=member, length="1d")
    page = page_text(client_for(member).get(LIST))
    assert "Sam replied to Sleep" not in page
    assert "You're on a break" in page
    assert "(1 unread)" not in page
    assert Notification.objects.filter(user=member).count() == 1


# ---- The digest -------------------------------------------------------------------------


def test_the_digest_emails_who_did_what_and_links_but_no_titles(
    member, other_member, django_capture_on_commit_callbacks
):
    CommunitySettingsFactory(user=member, email_digest=DigestFrequency.DAILY)
    NotificationFactory(
        user=member, actor=other_member, text="Sam replied to Sleep", url="/community/t/1/"
    )
    NotificationFactory(user=member, text="Already read", read_at=timezone.now())
    NotificationFactory(user=member, text="Already emailed", emailed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_community_digest.call(user_id=member.pk) == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "Your Alongside community digest"
    assert email.to == [member.email]
    assert "Sam replied to your thread" in email.body
    assert "Sleep" not in email.body  # a thread title is a member's words: not in email
    assert "/community/t/1/" in email.body
    assert "Already read" not in email.body
    html = email.alternatives[0][0]
    assert "Sam replied to your thread" in html
    assert "Sleep" not in html
    assert not Notification.objects.filter(user=member, emailed_at__isnull=True, read_at=None)
    assert CommunitySettings.objects.get(user=member).last_digest_at is not None
    # Nothing new: no second email.
    assert send_community_digest.call(user_id=member.pk) == 0
    assert len(mail.outbox) == 1


def test_no_digest_when_never_or_on_a_break(member, other_member):
    NotificationFactory(user=member)
    assert send_community_digest.call(user_id=member.pk) == 0
    CommunitySettingsFactory(
        user=other_member,
        email_digest=DigestFrequency.WEEKLY,
        break_until=timezone.now() + timedelta(days=1),
    )
    NotificationFactory(user=other_member)
    assert send_community_digest.call(user_id=other_member.pk) == 0
    assert mail.outbox == []


def test_a_notification_queues_one_digest_for_the_next_morning(settings, member, other_member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    CommunitySettingsFactory(user=member, email_digest=DigestFrequency.DAILY)
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify(user=member, kind="reply", text="Sam replied", url="/", actor=other_member)
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify(user=member, kind="reply", text="Sam replied again", url="/", actor=other_member)
    results = default_task_backend.results
    assert len(results) == 1
    assert results[0].kwargs == {"user_id": member.pk}
    assert results[0].task.run_after is not None
    assert results[0].task.run_after > timezone.now()


def test_no_digest_is_queued_for_members_without_one(settings, member, other_member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        notify(user=member, kind="reply", text="Sam replied", url="/", actor=other_member)
    assert default_task_backend.results == []


def test_next_digest_time_is_a_morning_after_the_period(member):
    now = timezone.now()
    row = CommunitySettings(user=member, email_digest=DigestFrequency.WEEKLY, last_digest_at=now)
    when = next_digest_time(row, now)
    assert when - now >= timedelta(days=6, hours=22)
    assert when.hour == 8
    assert next_digest_time(CommunitySettings(user=member), now) is None


def test_turning_the_digest_on_queues_one_for_what_is_waiting(settings, member):
    from alongside.community.actions.protection import update_community_settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    NotificationFactory.create_batch(2, user=member)
    with TestCase.captureOnCommitCallbacks(execute=True):
        update_community_settings(
            actor=member, allow_direct_messages=False, muted_words=[], email_digest="daily"
        )
    assert [result.kwargs for result in default_task_backend.results] == [{"user_id": member.pk}]
