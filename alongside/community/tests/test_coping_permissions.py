"""Who may do what in the coping strategies library: every denied case."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.models import CopingComment, CopingStrategyHelped
from alongside.community.permissions import coping as permissions
from alongside.community.tests.factories_coping import CopingCommentFactory, CopingStrategyFactory


def test_anonymous_visitors_can_see_nothing_and_do_nothing(db):
    anonymous = AnonymousUser()
    strategy = CopingStrategyFactory()
    with pytest.raises(Http404):
        permissions.access_coping_strategy_by_id(user=anonymous, strategy_id=strategy.pk)
    with pytest.raises(PermissionDenied):
        permissions.check_share_coping_strategy_permission(anonymous)
    with pytest.raises(PermissionDenied):
        permissions.check_mark_helped_permission(anonymous, strategy)


def test_anonymous_posts_are_sent_to_log_in(db, client):
    strategy = CopingStrategyFactory()
    response = client.post(reverse("community:coping_helped", args=[strategy.pk]), {"helped": "1"})
    assert response.status_code == 302
    assert not CopingStrategyHelped.objects.exists()


def test_nobody_else_can_edit_or_delete_a_strategy(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member, title="Sam's own")
    client = client_for(member)
    edit = reverse("community:coping_edit", args=[strategy.pk])
    assert client.get(edit).status_code == 403
    data = {"title": "Taken over", "what_it_is": "x", "when_it_helps": "y"}
    assert client.post(edit, data).status_code == 403
    delete = reverse("community:coping_delete", args=[strategy.pk])
    assert client.post(delete).status_code == 403
    strategy.refresh_from_db()
    assert (strategy.title, strategy.status) == ("Sam's own", ContentStatus.VISIBLE)


def test_you_cannot_mark_your_own_strategy_helpful(client_for, member):
    strategy = CopingStrategyFactory(author=member)
    url = reverse("community:coping_helped", args=[strategy.pk])
    assert client_for(member).post(url, {"helped": "1"}).status_code == 403
    strategy.refresh_from_db()
    assert strategy.helped_count == 0


def test_nobody_else_can_delete_a_comment(client_for, member, other_member):
    comment = CopingCommentFactory(author=other_member)
    url = reverse("community:coping_comment_delete", args=[comment.pk])
    assert client_for(member).post(url).status_code == 403
    comment.refresh_from_db()
    assert comment.status == ContentStatus.VISIBLE


def test_a_hidden_strategy_takes_no_comments_or_helped(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member, status=ContentStatus.HIDDEN)
    client = client_for(member)
    comment = reverse("community:coping_comment", args=[strategy.pk])
    assert client.post(comment, {"body": "Hello"}).status_code == 404
    helped = reverse("community:coping_helped", args=[strategy.pk])
    assert client.post(helped, {"helped": "1"}).status_code == 404
    assert not CopingComment.objects.exists()


def test_a_writer_sees_their_own_held_strategy_but_cannot_gather_comments(member):
    strategy = CopingStrategyFactory(author=member, status=ContentStatus.HELD)
    assert permissions.access_coping_strategy_by_id(user=member, strategy_id=strategy.pk)
    with pytest.raises(PermissionDenied):
        permissions.check_comment_on_coping_strategy_permission(member, strategy)


def test_a_comment_on_a_strategy_you_cannot_see_is_not_found(member):
    comment = CopingCommentFactory(strategy=CopingStrategyFactory(status=ContentStatus.HELD))
    with pytest.raises(Http404):
        permissions.access_coping_comment_by_id(user=member, comment_id=comment.pk)


@pytest.mark.parametrize("strategy_id", ["abc", None, 10**30, -1])
def test_odd_ids_are_not_found(member, strategy_id):
    with pytest.raises(Http404):
        permissions.access_coping_strategy_by_id(user=member, strategy_id=strategy_id)


def test_a_hidden_strategy_cannot_be_edited_by_its_writer(member):
    import pytest
    from django.core.exceptions import PermissionDenied

    from alongside.community.permissions.coping import check_edit_coping_strategy_permission

    strategy = CopingStrategyFactory(author=member, status=ContentStatus.HIDDEN)
    with pytest.raises(PermissionDenied, match="A moderator has hidden this strategy"):
        check_edit_coping_strategy_permission(member, strategy)
