"""Blocking a member: from their profile, listed on the settings page, and what it stops."""

from alongside.common.models import AuditLogEntry
from alongside.community.models import Block
from alongside.community.notifications import notify
from alongside.community.tests.factories_members import BlockFactory, allow_messages, page_text


def test_block_and_unblock_from_the_profile(client_for, member, other_member):
    client = client_for(member)
    profile = page_text(client.get(f"/members/{other_member.pk}/"))
    assert "Block Sam" in profile
    assert "Report this member" in profile

    response = client.post(f"/community/members/{other_member.pk}/block/")
    assert response.status_code == 302
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
    settings_page = page_text(client.get("/community/settings/"))
    assert "Members you've blocked" in settings_page
    assert "Sam" in settings_page
    assert "Unblock Sam" in page_text(client.get(f"/members/{other_member.pk}/"))
    assert AuditLogEntry.objects.filter(verb="community.member_blocked").count() == 1

    response = client.post(
        f"/community/members/{other_member.pk}/unblock/",
        {"next": f"/members/{other_member.pk}/"},
    )
    assert response["Location"] == f"/members/{other_member.pk}/"
    assert not Block.objects.exists()


def test_blocking_twice_keeps_one_block(client_for, member, other_member):
    client = client_for(member)
    client.post(f"/community/members/{other_member.pk}/block/")
    client.post(f"/community/members/{other_member.pk}/block/")
    assert Block.objects.count() == 1


def test_the_block_link_from_a_menu_asks_first(client_for, member, other_member):
    response = client_for(member).get(f"/community/members/{other_member.pk}/block/")
    assert response.status_code == 200
    assert "They won't be told." in page_text(response)
    assert not Block.objects.exists()


def test_you_cant_block_yourself(client_for, member):
    response = client_for(member).post(f"/community/members/{member.pk}/block/")
    assert response.status_code == 403
    assert "You can't block yourself." in page_text(response)
    assert not Block.objects.exists()


def test_blocking_an_unknown_member_is_404(client_for, member):
    assert client_for(member).post("/community/members/999999/block/").status_code == 404


def test_a_blocked_member_cannot_start_a_conversation(client_for, member, other_member):
    allow_messages(member, other_member)
    BlockFactory(blocker=member, blocked=other_member)
    client = client_for(other_member)
    response = client.post(f"/community/messages/new/{member.pk}/")
    assert response.status_code == 403
    # To the blocked member it looks like any member who doesn't take messages.
    assert "doesn't accept direct messages" in page_text(response)
    assert "Robin doesn't accept direct messages." in page_text(
        client.get(f"/members/{member.pk}/")
    )


def test_blocked_members_dont_notify(member, other_member):
    BlockFactory(blocker=member, blocked=other_member)
    assert notify(user=member, kind="reply", text="x", url="/", actor=other_member) is None


def test_the_blocked_member_is_not_told(client_for, member, other_member):
    client_for(member).post(f"/community/members/{other_member.pk}/block/")
    from alongside.community.models import Notification

    assert not Notification.objects.filter(user=other_member).exists()
