"""A moderator pauses a member's posting: the member is told kindly (never the reason),
can't post or send messages, can still reach help and their safety plan; lifting it
restores them. Staff and oneself can't be suspended; bad input changes nothing."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.tests.helpers import error_shown_for
from alongside.common.models import AuditLogEntry
from alongside.community.actions.chat import send_message
from alongside.community.actions.forum.posts import start_thread
from alongside.community.choices import NotificationKind
from alongside.community.errors import CommunityActionError
from alongside.community.models import Notification, Thread
from alongside.community.tests.factories import GuidelinesAcceptanceFactory, SpaceRoomFactory
from alongside.safety.choices import ModerationActionKind
from alongside.safety.models import ModerationAction, SafetyPlan, Suspension

pytestmark = pytest.mark.django_db

REASON = "Repeated unkind replies to Sam after a warning."


def suspend_url(user, query=""):
    return reverse("safety:moderation_suspend", args=[user.pk]) + query


def lift_url(suspension):
    return reverse("safety:moderation_lift_suspension", args=[suspension.member_id, suspension.pk])


def page_text(response) -> str:
    return unescape(response.content.decode())


def suspend(client, member, *, reason=REASON, length="3d"):
    return client.post(suspend_url(member), {"reason": reason, "length": length})


def try_to_post(member):
    acceptance = GuidelinesAcceptanceFactory(user=member)
    start_thread(author=member, space=acceptance.space, title="Hello", body="A quiet day today.")


def test_a_suspended_member_is_told_kindly_and_cannot_post(client_for, moderator, member):
    response = suspend(client_for(moderator), member)
    assert response.status_code == 302
    assert response["Location"] == suspend_url(member)

    suspension = Suspension.objects.get()
    assert (suspension.member, suspension.suspended_by) == (member, moderator)
    assert suspension.reason == REASON
    expected_end = timezone.now() + timedelta(days=3)
    assert abs((suspension.ends_at - expected_end).total_seconds()) < 60

    notice = Notification.objects.get(user=member, kind=NotificationKind.MODERATION)
    assert notice.text.startswith("A moderator has paused your posting and messages until ")
    assert "help is here" in notice.text
    assert REASON not in notice.text and "unkind" not in notice.text
    assert notice.url == reverse("safety:help_now")

    with pytest.raises(CommunityActionError, match="paused your posting"):
        try_to_post(member)
    with pytest.raises(CommunityActionError, match="paused your posting"):
        send_message(room=SpaceRoomFactory(), author=member, body="Hello everyone")
    assert not Thread.objects.exists()


def test_a_suspended_member_can_still_reach_help_and_their_safety_plan(
    client_for, moderator, member, client
):
    suspend(client_for(moderator), member, length="lifted")
    SafetyPlan.objects.create(owner=member, people_to_ask="My sister, any time")

    client.force_login(member)
    help_now = client.get(reverse("safety:help_now"))
    assert help_now.status_code == 200
    plan = client.get(reverse("safety:plan"))
    assert plan.status_code == 200
    assert "My sister, any time" in page_text(plan)


def test_until_lifted_has_no_end_and_says_so(client_for, moderator, member):
    suspend(client_for(moderator), member, length="lifted")

    assert Suspension.objects.get().ends_at is None
    notice = Notification.objects.get(user=member, kind=NotificationKind.MODERATION)
    assert "until a moderator lifts it" in notice.text


def test_suspending_is_recorded_with_the_reason_kept_out_of_the_audit_log(
    client_for, moderator, member
):
    suspend(client_for(moderator), member)

    action = ModerationAction.objects.get(kind=ModerationActionKind.SUSPEND)
    assert (action.moderator, action.member, action.reason) == (moderator, member, REASON)
    entry = AuditLogEntry.objects.get(verb="moderation.suspend")
    assert entry.actor == moderator
    assert entry.data["member_id"] == member.pk
    assert entry.data["length"] == "3d"
    assert REASON not in str(entry.data) and REASON not in entry.target_label


def test_the_page_lists_the_current_suspension_and_lifting_restores_posting(
    client_for, moderator, member
):
    staff = client_for(moderator)
    suspend(staff, member)
    suspension = Suspension.objects.get()
    page = page_text(staff.get(suspend_url(member)))
    assert "Paused until" in page
    assert REASON in page

    response = staff.post(lift_url(suspension), {f"lift-{suspension.pk}-reason": "Talked it over."})

    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator and suspension.lifted_at is not None
    try_to_post(member)  # no refusal now
    assert Thread.objects.filter(author=member).exists()
    notices = Notification.objects.filter(user=member, kind=NotificationKind.MODERATION)
    assert notices.filter(text__contains="lifted the pause").exists()
    action = ModerationAction.objects.get(kind=ModerationActionKind.LIFT_SUSPENSION)
    assert action.reason == "Talked it over."
    assert AuditLogEntry.objects.filter(verb="moderation.lift_suspension").exists()
    assert "Robin is not suspended." in page_text(staff.get(suspend_url(member)))


def test_lifting_needs_a_reason(client_for, moderator, member):
    staff = client_for(moderator)
    suspend(staff, member)
    suspension = Suspension.objects.get()

    response = staff.post(lift_url(suspension), {f"lift-{suspension.pk}-reason": "  "})

    assert response.status_code == 400
    error = error_shown_for(response.content.decode(), f"lift-{suspension.pk}-reason")
    assert "Write why you are lifting this suspension." in error
    suspension.refresh_from_db()
    assert suspension.lifted_at is None


def test_lifting_an_ended_suspension_changes_nothing(client_for, moderator, member):
    staff = client_for(moderator)
    suspend(staff, member)
    suspension = Suspension.objects.get()
    staff.post(lift_url(suspension), {f"lift-{suspension.pk}-reason": "Sorted."})
    first_lift = Suspension.objects.get().lifted_at

    response = staff.post(
        lift_url(suspension), {f"lift-{suspension.pk}-reason": "Again."}, follow=True
    )

    assert "This suspension has already ended." in page_text(response)
    assert Suspension.objects.get().lifted_at == first_lift
    assert ModerationAction.objects.filter(kind=ModerationActionKind.LIFT_SUSPENSION).count() == 1


def test_a_member_already_suspended_is_not_suspended_twice(client_for, moderator, member):
    staff = client_for(moderator)
    suspend(staff, member)

    response = suspend(staff, member, length="30d")

    assert response.status_code == 400
    assert "already paused" in page_text(response)
    assert Suspension.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"reason": "", "length": "3d"}, "reason", "Write why you are suspending this member."),
        (
            {"reason": "x" * 2001, "length": "3d"},
            "reason",
            "Keep this to 2,000 characters or fewer",
        ),
        ({"reason": REASON}, "length", "Choose how long to pause their posting."),
        ({"reason": REASON, "length": "forever"}, "length", "Choose how long"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client_for, moderator, member, data, field, error):
    response = client_for(moderator).post(suspend_url(member), data)

    assert response.status_code == 400
    assert error in error_shown_for(response.content.decode(), field)
    assert not Suspension.objects.exists()
    assert not Notification.objects.filter(user=member).exists()


def test_a_moderator_cant_suspend_themselves(client_for, moderator):
    response = suspend(client_for(moderator), moderator)

    assert response.status_code == 400
    assert "You can't suspend yourself." in page_text(response)
    assert not Suspension.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "coordinator_without_2fa"])
def test_staff_cant_be_suspended(request, client_for, moderator, who):
    staff_member = request.getfixturevalue(who)

    response = suspend(client_for(moderator), staff_member)

    assert response.status_code == 400
    assert "You can't suspend another moderator or coordinator." in page_text(response)
    assert not Suspension.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_member", "peer_supporter"])
def test_only_moderators_find_the_pages(request, client_for, moderator, member, who):
    staff = client_for(moderator)
    suspend(staff, member)
    suspension = Suspension.objects.get()
    person = request.getfixturevalue(who)
    target = request.getfixturevalue("other_member" if who == "member" else "member")
    visitor = client_for(person)

    assert visitor.get(suspend_url(target)).status_code == 404
    assert suspend(visitor, target).status_code == 404
    response = visitor.post(lift_url(suspension), {f"lift-{suspension.pk}-reason": "x"})
    assert response.status_code == 404
    assert Suspension.objects.count() == 1
    assert Suspension.objects.get().lifted_at is None


def test_unknown_members_and_suspensions_are_not_found(client_for, moderator, member, other_member):
    staff = client_for(moderator)
    suspend(staff, member)
    suspension = Suspension.objects.get()

    assert staff.get(reverse("safety:moderation_suspend", args=[999999])).status_code == 404
    wrong_member = reverse(
        "safety:moderation_lift_suspension", args=[other_member.pk, suspension.pk]
    )
    assert staff.post(wrong_member, {f"lift-{suspension.pk}-reason": "x"}).status_code == 404
    assert staff.get(suspend_url(member, "?report=nonsense")).status_code == 404
    assert staff.get(lift_url(suspension)).status_code == 405
