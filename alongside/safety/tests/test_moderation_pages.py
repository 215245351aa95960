"""The alert and report pages, and their forms: what a moderator sees, what each button
does, and that bad input, stale pages and double submits get a plain answer, never a 500."""

import pytest

from alongside.common.models import AuditLogEntry
from alongside.community.choices import ContentStatus
from alongside.community.models import Post
from alongside.community.tests.factories import conversation_between
from alongside.safety.choices import AlertStatus, ModerationActionKind
from alongside.safety.models import ModerationAction, Report, SafetyAlert
from alongside.safety.moderation import actions
from alongside.safety.moderation.testing import (
    CONCERN,
    URGENT,
    flagged_message,
    flagged_post,
    flagged_profile,
    flagged_strategy,
)

pytestmark = pytest.mark.django_db


def _url(alert, action=""):
    return f"/staff/moderation/alerts/{alert.pk}/" + (f"{action}/" if action else "")


def _page(response) -> str:
    return response.content.decode()


def test_the_alert_page_shows_the_content_in_full_and_where_it_was_written(client_for, moderator):
    post = flagged_post()
    alert = post.alerts.get()

    page = _page(client_for(moderator).get(_url(alert)))

    assert URGENT in page
    assert f"Thread \u201c{post.thread.title}\u201d in {post.thread.space.name}" in page
    assert f'href="/community/posts/{post.pk}/"' in page or "/posts/" in page
    assert "mentions pills or an overdose" in page
    assert f'href="/members/{post.author_id}/"' in page
    assert "Claim this alert" in page
    assert "None. This is the only one." in page


def test_opening_the_edit_form_for_a_direct_message_is_on_the_record_too(
    client_for, moderator, member, other_member
):
    room = conversation_between(member, other_member).room
    message = flagged_message(author=member, room=room)

    page = _page(client_for(moderator).get(_url(message.alerts.get(), "edit")))

    assert "I have the pills ready" in page
    entry = AuditLogEntry.objects.get(verb="moderation.private_message_read")
    assert entry.actor == moderator and entry.data == {"message_id": message.pk}
    assert "pills" not in entry.target_label


def test_a_direct_message_shows_who_it_was_between_but_links_to_nothing_private(
    client_for, moderator, member, other_member
):
    room = conversation_between(member, other_member).room
    message = flagged_message(author=member, room=room)

    page = _page(client_for(moderator).get(_url(message.alerts.get())))

    assert "Direct messages between" in page and "Robin" in page and "Sam" in page
    assert f"/messages/{room.conversation.pk}" not in page
    # Reading a private message is on the record.
    entry = AuditLogEntry.objects.get(verb="moderation.private_message_read")
    assert entry.actor == moderator and entry.data == {"message_id": message.pk}


def test_reading_a_space_chat_alert_is_not_logged_as_private(client_for, moderator):
    message = flagged_message()

    page = _page(client_for(moderator).get(_url(message.alerts.get())))

    assert f"Chat in {message.room.space.name}" in page
    assert not AuditLogEntry.objects.filter(verb="moderation.private_message_read").exists()


def test_a_profile_alert_shows_the_held_fields(client_for, moderator):
    profile = flagged_profile()

    page = _page(client_for(moderator).get(_url(profile.alerts.get())))

    assert "What they could offer" in page
    assert URGENT in page


def test_other_alerts_for_the_same_member_are_listed(client_for, moderator, member):
    first = flagged_post(text=CONCERN, author=member).alerts.get()
    second = flagged_strategy(author=member).alerts.get()

    page = _page(client_for(moderator).get(_url(second)))

    assert f'href="{_url(first)}"' in page


def test_claim_approve_and_resolve_through_the_pages(client_for, moderator):
    post = flagged_post()
    alert = post.alerts.get()
    client = client_for(moderator)

    response = client.post(_url(alert, "claim"), follow=True)
    page = _page(response)
    assert "You have claimed this alert." in page
    assert "Approve and show it" in page
    assert f"/staff/moderation/members/{post.author_id}/contact/?alert={alert.pk}" in page
    assert f"/staff/moderation/members/{post.author_id}/suspend/?alert={alert.pk}" in page
    assert f"/staff/safeguarding/new/?member={post.author_id}&amp;alert={alert.pk}" in page

    page = _page(client.post(_url(alert, "approve"), follow=True))
    assert "Approved: it is showing now" in page
    assert Post.objects.get(pk=post.pk).status == ContentStatus.VISIBLE
    assert "Approved and shown" in page  # the history

    response = client.post(_url(alert, "resolve"), {"note": "Checked in with them."})
    assert response.status_code == 302
    assert SafetyAlert.objects.get(pk=alert.pk).status == AlertStatus.RESOLVED


def test_a_double_claim_gets_a_plain_message(client_for, moderator, coordinator):
    alert = flagged_post().alerts.get()
    actions.claim_item(moderator=coordinator, item=alert)

    response = client_for(moderator).post(_url(alert, "claim"), follow=True)

    assert response.status_code == 200
    assert "Casey has already claimed this alert." in _page(response)
    assert "Casey has claimed this alert. Ask them" in _page(response)


def test_a_stale_page_acting_on_a_resolved_alert_gets_a_plain_message(client_for, moderator):
    post = flagged_post(text=CONCERN)
    alert = actions.claim_item(moderator=moderator, item=post.alerts.get())
    actions.resolve_alert(moderator=moderator, alert=alert, note="Fine")
    client = client_for(moderator)

    for action, data in [("hide", {"reason": "x"}), ("approve", {}), ("resolve", {"note": "y"})]:
        response = client.post(_url(alert, action), data, follow=True)
        assert response.status_code == 200
        assert "already resolved by Morgan" in _page(response)
    assert Post.objects.get(pk=post.pk).status == ContentStatus.VISIBLE


def test_resolving_held_content_asks_to_approve_or_hide_first(client_for, moderator):
    alert = flagged_post().alerts.get()
    client = client_for(moderator)
    client.post(_url(alert, "claim"))

    page = _page(client.post(_url(alert, "resolve"), {"note": "Done"}, follow=True))

    assert "still held. Approve it or hide it before resolving the alert." in page
    assert SafetyAlert.objects.get(pk=alert.pk).status == AlertStatus.CLAIMED


@pytest.mark.parametrize(
    "action, field, data, error",
    [
        ("hide", "reason", {}, "Write why you are hiding it first."),
        ("hide", "reason", {"reason": "   "}, "Write why you are hiding it first."),
        ("hide", "reason", {"reason": "x" * 2001}, "2,000 characters or fewer"),
        ("resolve", "note", {"note": ""}, "Write a short note about what you did first."),
    ],
)
def test_empty_or_long_reasons_are_shown_next_to_the_field(
    client_for, moderator, action, field, data, error
):
    post = flagged_post(text=CONCERN)
    alert = post.alerts.get()
    client = client_for(moderator)
    client.post(_url(alert, "claim"))

    response = client.post(_url(alert, action), data)

    assert response.status_code == 400
    page = _page(response)
    assert error in page
    assert "<title>Error: " in page
    assert f'href="#{action}_{field}"' in page  # the error summary links to the field
    assert f'id="{action}_{field}"' in page
    assert Post.objects.get(pk=post.pk).status == ContentStatus.VISIBLE
    assert SafetyAlert.objects.get(pk=alert.pk).status == AlertStatus.CLAIMED


def test_the_edit_page_checks_the_new_text_and_the_reason(client_for, moderator):
    post = flagged_post()
    alert = post.alerts.get()
    client = client_for(moderator)
    client.post(_url(alert, "claim"))

    form = _page(client.get(_url(alert, "edit")))
    assert URGENT in form  # the current text, to change
    response = client.post(_url(alert, "edit"), {"body": "", "reason": ""})
    assert response.status_code == 400
    page = _page(response)
    assert "Write something in your post first." in page
    assert "Write why you are editing it first." in page
    assert Post.objects.get(pk=post.pk).body == URGENT

    response = client.post(
        _url(alert, "edit"), {"body": "A hard night.", "reason": "Removed details"}, follow=True
    )
    assert "Saved your edit." in _page(response)
    assert Post.objects.get(pk=post.pk).body == "A hard night."


def test_a_profile_has_no_edit_page(client_for, moderator):
    alert = flagged_profile().alerts.get()

    assert client_for(moderator).get(_url(alert, "edit")).status_code == 404


def test_unknown_ids_are_404s_and_wrong_methods_405s(client_for, moderator):
    client = client_for(moderator)
    alert = flagged_post().alerts.get()

    assert client.get("/staff/moderation/alerts/999999/").status_code == 404
    assert client.post("/staff/moderation/alerts/999999/claim/").status_code == 404
    assert client.get("/staff/moderation/reports/999999/").status_code == 404
    assert (
        client.post("/staff/moderation/reports/999999/resolve/", {"note": "x"}).status_code == 404
    )
    for action in ("claim", "release", "approve", "hide", "resolve"):
        assert client.get(_url(alert, action)).status_code == 405
    assert client.delete(_url(alert)).status_code == 405
    assert not ModerationAction.objects.exists()


def test_the_report_page_and_its_actions(client_for, moderator, member):
    post = flagged_post(text="Nobody here cares about you.")
    report = Report.objects.create(
        reporter=member,
        target="post",
        post=post,
        reported_member=post.author,
        reason="unkind",
        details="This <b>hurt</b>.",
    )
    url = f"/staff/moderation/reports/{report.pk}/"
    client = client_for(moderator)

    page = _page(client.get(url))
    assert "Nobody here cares about you." in page
    assert "This &lt;b&gt;hurt&lt;/b&gt;." in page  # member text is escaped
    assert "Claim this report" in page

    client.post(f"{url}claim/")
    response = client.post(f"{url}hide/", {"reason": ""})
    assert response.status_code == 400
    assert "Write why you are hiding it first." in _page(response)
    client.post(f"{url}hide/", {"reason": "Unkind to another member"})
    assert Post.objects.get(pk=post.pk).status == ContentStatus.HIDDEN

    response = client.post(f"{url}resolve/", {"note": "Hid it."})
    assert response.status_code == 302 and "show=reports" in response.url
    kinds = list(ModerationAction.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == [
        ModerationActionKind.CLAIM,
        ModerationActionKind.HIDE,
        ModerationActionKind.RESOLVE,
    ]
