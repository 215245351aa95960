"""What each moderation action does to the stored content, the alert or report, the
item's history (ModerationAction), the audit log and the writer's notifications; and that
a refused action changes nothing."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError

from alongside.accounts.roles import Role
from alongside.accounts.tests.factories import UserFactory, activate_totp
from alongside.common.models import AuditLogEntry
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.models import (
    CopingStrategyRevision,
    Notification,
    PostRevision,
    Thread,
)
from alongside.safety.choices import AlertStatus, ModerationActionKind, ReportStatus
from alongside.safety.models import ModerationAction, Report, SafetyAlert
from alongside.safety.moderation import actions
from alongside.safety.moderation.actions import ModerationError
from alongside.safety.moderation.testing import (
    CONCERN,
    URGENT,
    flagged_comment,
    flagged_message,
    flagged_post,
    flagged_profile,
    flagged_strategy,
)

pytestmark = pytest.mark.django_db


def _claimed(content, moderator) -> SafetyAlert:
    alert = content.alerts.get()
    return actions.claim_item(moderator=moderator, item=alert)


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def _kinds(alert) -> list[str]:
    return list(ModerationAction.objects.filter(alert=alert).values_list("kind", flat=True))


# ---- Claim and release ------------------------------------------------------------------


def test_claiming_records_who_and_when_in_the_history_and_the_audit_log(moderator):
    post = flagged_post()

    alert = _claimed(post, moderator)

    stored = _fresh(alert)
    assert stored.status == AlertStatus.CLAIMED
    assert stored.claimed_by == moderator and stored.claimed_at is not None
    assert _kinds(alert) == [ModerationActionKind.CLAIM]
    entry = AuditLogEntry.objects.get(verb="moderation.claim")
    assert entry.actor == moderator
    assert entry.target_label == f"Safety alert {alert.pk} (Urgent)"
    assert entry.data["member_id"] == post.author_id


def test_a_second_moderator_cannot_claim_and_is_told_who_has_it(moderator, coordinator):
    alert = _claimed(flagged_post(), coordinator)

    with pytest.raises(ModerationError, match="Casey has already claimed this alert"):
        actions.claim_item(moderator=moderator, item=alert)

    assert _fresh(alert).claimed_by == coordinator
    assert _kinds(alert) == [ModerationActionKind.CLAIM]


def test_claiming_twice_is_harmless(moderator):
    alert = _claimed(flagged_post(), moderator)

    actions.claim_item(moderator=moderator, item=alert)

    assert _kinds(alert) == [ModerationActionKind.CLAIM]


def test_release_puts_it_back_and_only_the_claimer_or_a_coordinator_may(moderator, coordinator):
    other = UserFactory(profile__display_name="Quinn", roles=[Role.MODERATOR])
    activate_totp(other)
    alert = _claimed(flagged_post(), moderator)

    with pytest.raises(ModerationError, match="Morgan has claimed this alert"):
        actions.release_item(moderator=other, item=alert)
    assert _fresh(alert).claimed_by == moderator

    actions.release_item(moderator=coordinator, item=alert)
    stored = _fresh(alert)
    assert stored.status == AlertStatus.OPEN and stored.claimed_by is None
    assert _kinds(alert) == [ModerationActionKind.CLAIM, ModerationActionKind.RELEASE]

    with pytest.raises(ModerationError, match="isn't claimed"):
        actions.release_item(moderator=moderator, item=alert)


def test_acting_needs_a_claim_first(moderator):
    post = flagged_post()
    alert = post.alerts.get()

    with pytest.raises(ModerationError, match="Claim this alert first"):
        actions.approve_alert_content(moderator=moderator, alert=alert)

    assert _fresh(post).status == ContentStatus.HELD
    assert not ModerationAction.objects.exists()


# ---- Approve ----------------------------------------------------------------------------


def test_approving_a_held_opening_post_shows_it_and_its_thread_and_tells_the_writer(
    moderator,
):
    post = flagged_post()
    assert post.thread.status == ContentStatus.HELD
    alert = _claimed(post, moderator)

    actions.approve_alert_content(moderator=moderator, alert=alert)

    assert _fresh(post).status == ContentStatus.VISIBLE
    assert Thread.objects.get(pk=post.thread_id).status == ContentStatus.VISIBLE
    note = Notification.objects.get(user=post.author)
    assert note.kind == NotificationKind.MODERATION
    assert note.text == "Your post is now showing."
    assert "pills" not in note.text
    assert _kinds(alert) == [ModerationActionKind.CLAIM, ModerationActionKind.APPROVE]
    entry = AuditLogEntry.objects.get(verb="moderation.approve")
    assert entry.data["content_type"] == "community.post"
    assert entry.data["content_id"] == post.pk
    assert "pills" not in str(entry.data) + entry.target_label


def test_approving_a_held_reply_counts_it_in_the_thread(moderator):
    opening = flagged_post(text="Checking in with everyone this evening.")
    thread = opening.thread
    reply = flagged_post(thread=thread)
    alert = _claimed(reply, moderator)

    actions.approve_alert_content(moderator=moderator, alert=alert)

    thread = Thread.objects.get(pk=thread.pk)
    assert thread.status == ContentStatus.VISIBLE
    assert thread.reply_count == 1


def test_an_approved_chat_message_is_broadcast_after_commit(
    moderator, django_capture_on_commit_callbacks
):
    message = flagged_message()
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(message.room.channel_group, channel)
    alert = _claimed(message, moderator)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.approve_alert_content(moderator=moderator, alert=alert)

    assert callbacks
    event = async_to_sync(layer.receive)(channel)
    assert event["type"] == "chat.message"
    assert event["message"]["id"] == message.pk
    assert _fresh(message).status == ContentStatus.VISIBLE


def test_approving_a_profile_shows_its_text_again(moderator):
    profile = flagged_profile()
    assert profile.text_held
    alert = _claimed(profile, moderator)

    actions.approve_alert_content(moderator=moderator, alert=alert)

    assert not _fresh(profile).text_held
    assert Notification.objects.get(user=profile.user).text == (
        "Your profile is showing in full again."
    )


def test_approving_what_is_not_held_is_refused_and_changes_nothing(moderator):
    post = flagged_post(text=CONCERN)
    alert = _claimed(post, moderator)

    with pytest.raises(ModerationError, match="isn't held"):
        actions.approve_alert_content(moderator=moderator, alert=alert)

    assert _kinds(alert) == [ModerationActionKind.CLAIM]
    assert not Notification.objects.exists()


# ---- Hide -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, name",
    [
        (flagged_post, "post"),
        (flagged_message, "message"),
        (flagged_strategy, "coping strategy"),
        (flagged_comment, "comment"),
    ],
)
def test_hiding_keeps_it_from_members_and_tells_the_writer_kindly(moderator, make, name):
    content = make()
    alert = _claimed(content, moderator)

    actions.hide_alert_content(moderator=moderator, alert=alert, reason="Method details")

    assert _fresh(content).status == ContentStatus.HIDDEN
    note = Notification.objects.get(user=content.author)
    assert note.text.startswith(f"A moderator has hidden your {name} from other members.")
    assert "Method details" not in note.text
    hide = ModerationAction.objects.get(alert=alert, kind=ModerationActionKind.HIDE)
    assert hide.reason == "Method details" and hide.member == content.author
    entry = AuditLogEntry.objects.get(verb="moderation.hide")
    assert "Method details" not in str(entry.data)


def test_hiding_a_held_opening_post_hides_its_thread(moderator):
    post = flagged_post()
    alert = _claimed(post, moderator)

    actions.hide_alert_content(moderator=moderator, alert=alert, reason="Not safe to show")

    assert Thread.objects.get(pk=post.thread_id).status == ContentStatus.HIDDEN


def test_hiding_twice_is_refused(moderator):
    post = flagged_post(text=CONCERN)
    alert = _claimed(post, moderator)
    actions.hide_alert_content(moderator=moderator, alert=alert, reason="Once")

    with pytest.raises(ModerationError, match="already hidden"):
        actions.hide_alert_content(moderator=moderator, alert=alert, reason="Twice")

    assert ModerationAction.objects.filter(kind=ModerationActionKind.HIDE).count() == 1


# ---- Edit -------------------------------------------------------------------------------


def test_editing_a_post_keeps_a_revision_and_records_the_reason(moderator):
    post = flagged_post()
    alert = _claimed(post, moderator)

    actions.edit_alert_content(
        moderator=moderator,
        alert=alert,
        changes={"body": "I am having a really hard night and could use *company*."},
        reason="Removed the method",
    )

    stored = _fresh(post)
    assert stored.body == "I am having a really hard night and could use *company*."
    assert (
        stored.body_html
        == "<p>I am having a really hard night and could use <em>company</em>.</p>\n"
    )
    assert stored.edited_at is not None
    assert stored.status == ContentStatus.HELD  # still for the moderator to approve
    revision = PostRevision.objects.get(post=post)
    assert revision.body == URGENT and revision.edited_by == moderator
    edit = ModerationAction.objects.get(alert=alert, kind=ModerationActionKind.EDIT)
    assert edit.reason == "Removed the method"
    assert Notification.objects.get(user=post.author).text == "A moderator has edited your post."


def test_editing_a_coping_strategy_keeps_a_revision(moderator):
    strategy = flagged_strategy()
    alert = _claimed(strategy, moderator)

    actions.edit_alert_content(
        moderator=moderator,
        alert=alert,
        changes={
            "title": "Getting through the evening",
            "what_it_is": "Call someone I trust.",
            "when_it_helps": "Late at night.",
        },
        reason="Took out the risky part",
    )

    assert _fresh(strategy).what_it_is == "Call someone I trust."
    assert CopingStrategyRevision.objects.get(strategy=strategy).what_it_is == URGENT


def test_editing_a_message_records_the_action(moderator):
    message = flagged_message()
    alert = _claimed(message, moderator)

    actions.edit_alert_content(
        moderator=moderator, alert=alert, changes={"body": "Struggling tonight."}, reason="Tidy"
    )

    assert _fresh(message).body == "Struggling tonight."
    assert _kinds(alert)[-1] == ModerationActionKind.EDIT


@pytest.mark.parametrize("body", ["", "   ", "x" * 20_001])
def test_an_edit_is_checked_like_a_members_text_and_changes_nothing_when_refused(moderator, body):
    post = flagged_post()
    alert = _claimed(post, moderator)

    with pytest.raises(ValidationError) as error:
        actions.edit_alert_content(
            moderator=moderator, alert=alert, changes={"body": body}, reason="Why"
        )

    assert "body" in error.value.message_dict
    assert _fresh(post).body == URGENT
    assert not PostRevision.objects.exists()
    assert _kinds(alert) == [ModerationActionKind.CLAIM]


def test_a_hidden_profile_stays_hidden_and_its_alert_can_be_resolved(moderator):
    profile = flagged_profile()
    alert = _claimed(profile, moderator)

    actions.hide_alert_content(moderator=moderator, alert=alert, reason="Not safe to show")
    actions.resolve_alert(moderator=moderator, alert=alert, note="Spoke to them.")

    assert _fresh(profile).text_held
    assert _fresh(alert).status == AlertStatus.RESOLVED
    assert Notification.objects.get(user=profile.user).text == (
        "A moderator has hidden some of the writing on your profile from other members."
    )


def test_a_profile_cannot_be_edited(moderator):
    alert = _claimed(flagged_profile(), moderator)

    with pytest.raises(ModerationError, match="approve it or hide it"):
        actions.edit_alert_content(moderator=moderator, alert=alert, changes={}, reason="x")


# ---- Resolve ----------------------------------------------------------------------------


def test_resolving_while_the_content_is_held_asks_to_approve_or_hide_first(moderator):
    post = flagged_post()
    alert = _claimed(post, moderator)

    with pytest.raises(ModerationError, match=r"still held\. Approve it or hide it"):
        actions.resolve_alert(moderator=moderator, alert=alert, note="Looked at it")

    assert _fresh(alert).status == AlertStatus.CLAIMED


def test_resolving_closes_the_alert_with_the_note(moderator):
    post = flagged_post()
    alert = _claimed(post, moderator)
    actions.approve_alert_content(moderator=moderator, alert=alert)

    actions.resolve_alert(moderator=moderator, alert=alert, note="Checked in; they are safe.")

    stored = _fresh(alert)
    assert stored.status == AlertStatus.RESOLVED
    assert stored.resolved_by == moderator and stored.resolved_at is not None
    assert stored.resolution_note == "Checked in; they are safe."
    assert _kinds(alert) == ["claim", "approve", "resolve"]
    assert AuditLogEntry.objects.filter(verb="moderation.resolve").count() == 1

    with pytest.raises(ModerationError, match="already resolved by Morgan"):
        actions.claim_item(moderator=moderator, item=alert)


# ---- Reports ----------------------------------------------------------------------------


def _report(reporter, post) -> Report:
    return Report.objects.create(
        reporter=reporter,
        target="post",
        post=post,
        reported_member=post.author,
        reason="unkind",
        details="They were rude to me.",
    )


def test_a_report_is_claimed_its_content_hidden_and_the_reporter_thanked(moderator, member):
    post = flagged_post(text="You are all idiots.")
    report = _report(member, post)

    actions.claim_item(moderator=moderator, item=report)
    actions.hide_reported_content(moderator=moderator, report=report, reason="Unkind")
    actions.resolve_report(moderator=moderator, report=report, note="Hid the post.")

    assert _fresh(post).status == ContentStatus.HIDDEN
    stored = _fresh(report)
    assert stored.status == ReportStatus.RESOLVED and stored.resolution_note == "Hid the post."
    kinds = list(ModerationAction.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["claim", "hide", "resolve"]
    thanks = Notification.objects.get(user=member)
    assert thanks.kind == NotificationKind.MODERATION
    assert thanks.text == "Thank you for your report. A moderator has looked into it."
    told = Notification.objects.get(user=post.author)
    assert "idiots" not in told.text
    assert AuditLogEntry.objects.filter(verb__startswith="moderation.").count() == 3


def test_a_report_about_a_member_has_nothing_to_hide(moderator, member, other_member):
    report = Report.objects.create(
        reporter=member, target="member", member=other_member, reason="spam"
    )
    actions.claim_item(moderator=moderator, item=report)

    with pytest.raises(ModerationError, match="nothing to hide"):
        actions.hide_reported_content(moderator=moderator, report=report, reason="x")


def test_someone_elses_report_cannot_be_resolved(moderator, coordinator, member):
    report = _report(member, flagged_post(text="Hello."))
    actions.claim_item(moderator=coordinator, item=report)

    with pytest.raises(ModerationError, match="Casey has claimed this report"):
        actions.resolve_report(moderator=moderator, report=report, note="Done")

    assert _fresh(report).status == ReportStatus.CLAIMED
    assert not Notification.objects.filter(user=member).exists()
