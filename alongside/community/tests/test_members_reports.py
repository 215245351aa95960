"""Reporting posts, messages, coping strategies, comments and members."""

import pytest

from alongside.accounts.tests.factories import UserFactory
from alongside.common.models import AuditLogEntry
from alongside.community.choices import ContentStatus
from alongside.community.tests.factories import (
    CopingStrategyFactory,
    GroupRoomFactory,
    MessageFactory,
    PostFactory,
    conversation_between,
)
from alongside.community.tests.factories_coping import CopingCommentFactory
from alongside.community.tests.factories_members import page_text
from alongside.safety.actions import REPORTING
from alongside.safety.choices import ReportStatus
from alongside.safety.models import Report


def _url(target, pk):
    return f"/community/report/{target}/{pk}/"


def _things(other_member):
    return {
        "post": PostFactory(author=other_member, thread__author=other_member),
        "message": MessageFactory(author=other_member),
        "coping_strategy": CopingStrategyFactory(author=other_member),
        "coping_comment": CopingCommentFactory(author=other_member),
        "member": other_member,
    }


@pytest.mark.parametrize(
    "target", ["post", "message", "coping_strategy", "coping_comment", "member"]
)
def test_each_kind_can_be_reported(client_for, member, other_member, target):
    thing = _things(other_member)[target]
    client = client_for(member)
    page = page_text(client.get(_url(target, thing.pk)))
    assert "Why are you reporting this?" in page
    if target != "member":
        assert "by Sam" in page
    response = client.post(
        _url(target, thing.pk), {"reason": "unkind", "details": "  Not okay.\r\n "}
    )
    assert response.status_code == 200
    thanks = page_text(response)
    assert "A moderator will look at this. If someone is in danger now, call 999." in thanks
    report = Report.objects.get()
    assert report.target == target
    assert report.reported_object == thing
    assert report.reported_member == other_member
    assert report.reporter == member
    assert report.details == "Not okay."
    assert report.status == ReportStatus.OPEN
    entry = AuditLogEntry.objects.get(verb="safety.report_made")
    assert "Not okay" not in str(entry.data)


def test_reporting_twice_while_open_stores_one(client_for, member, other_member):
    post = PostFactory(author=other_member)
    client = client_for(member)
    client.post(_url("post", post.pk), {"reason": "spam"})
    response = client.post(_url("post", post.pk), {"reason": "spam"})
    assert "You've already reported this" in page_text(response)
    assert Report.objects.count() == 1
    Report.objects.update(status=ReportStatus.RESOLVED)
    client.post(_url("post", post.pk), {"reason": "spam"})
    assert Report.objects.count() == 2


@pytest.mark.parametrize("reason", ["", "because"])
def test_a_bad_reason_gets_an_error_and_nothing_is_stored(client_for, member, other_member, reason):
    post = PostFactory(author=other_member)
    response = client_for(member).post(_url("post", post.pk), {"reason": reason})
    assert response.status_code == 400
    page = page_text(response)
    assert "Choose the reason that fits best." in page or "Choose one of the reasons" in page
    assert not Report.objects.exists()


def test_details_over_2000_characters_are_refused(client_for, member, other_member):
    post = PostFactory(author=other_member)
    response = client_for(member).post(
        _url("post", post.pk), {"reason": "other", "details": "x" * 2001}
    )
    assert response.status_code == 400
    assert "2,000 characters or fewer" in page_text(response)
    assert not Report.objects.exists()


def test_what_you_cant_see_cant_be_reported(client_for, member, other_member):
    hidden = PostFactory(author=other_member, status=ContentStatus.HIDDEN)
    private_group_message = MessageFactory(room=GroupRoomFactory(), author=other_member)
    conversation = conversation_between(other_member, UserFactory())
    private_message = MessageFactory(room=conversation.room, author=other_member)
    client = client_for(member)
    for target, pk in [
        ("post", hidden.pk),
        ("message", private_group_message.pk),
        ("message", private_message.pk),
        ("post", 999999),
        ("nonsense", 1),
        ("member", member.pk),
    ]:
        assert client.get(_url(target, pk)).status_code == 404
        assert client.post(_url(target, pk), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_participant_can_report_a_message_in_their_conversation(client_for, member, other_member):
    conversation = conversation_between(member, other_member)
    message = MessageFactory(room=conversation.room, author=other_member)
    client_for(member).post(_url("message", message.pk), {"reason": "unkind"})
    assert Report.objects.get().message == message


def test_reports_are_rate_limited(client_for, member):
    client = client_for(member)
    posts = [PostFactory() for _ in range(REPORTING.limit + 1)]
    for post in posts[:-1]:
        client.post(_url("post", post.pk), {"reason": "spam"})
    response = client.post(_url("post", posts[-1].pk), {"reason": "spam"})
    assert response.status_code == 429
    assert "You've sent a lot of reports in the last hour" in page_text(response)
    assert Report.objects.count() == REPORTING.limit


def test_visitors_must_log_in(client, other_member):
    assert client.get(_url("member", other_member.pk)).status_code == 302


def test_impossible_ids_are_404_not_errors(client_for, member, other_member):
    client = client_for(member)
    huge = 10**30
    assert client.get(_url("post", huge)).status_code == 404
    assert client.get(f"/community/messages/{huge}/").status_code == 404
    assert client.get(f"/community/notifications/{huge}/open/").status_code == 404
    assert client.post(f"/community/members/{huge}/block/").status_code == 404
    conversation = conversation_between(member, other_member)
    page = client.get(f"/community/messages/{conversation.pk}/?before={huge}")
    assert page.status_code == 200
