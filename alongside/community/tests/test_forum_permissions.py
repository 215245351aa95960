"""Forum permissions, every denied case: anonymous visitors, members, moderators."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.choices import ContentStatus
from alongside.community.models import Post, Space, Thread
from alongside.community.permissions import forum as permissions
from alongside.community.tests.factories import SpaceFactory
from alongside.community.tests.factories_forum import thread_by

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_no_spaces_threads_or_posts(member):
    thread = thread_by(member)
    anonymous = AnonymousUser()
    assert not permissions.filter_spaces_queryset(anonymous, Space.objects.all()).exists()
    assert not permissions.filter_threads_queryset(anonymous, Thread.objects.all()).exists()
    with pytest.raises(Http404):
        permissions.access_space_by_slug(user=anonymous, slug=thread.space.slug)
    with pytest.raises(Http404):
        permissions.access_thread_by_id(user=anonymous, thread_id=thread.pk)
    with pytest.raises(PermissionDenied):
        permissions.check_manage_spaces_permission(anonymous)


def test_only_coordinators_with_two_factor_manage_spaces(
    member, moderator, coordinator, coordinator_without_2fa
):
    permissions.check_manage_spaces_permission(coordinator)
    for user in (member, moderator, coordinator_without_2fa):
        with pytest.raises(PermissionDenied):
            permissions.check_manage_spaces_permission(user)


def test_bad_ids_are_404(member):
    for bad in ("abc", None, "1; drop table"):
        with pytest.raises(Http404):
            permissions.access_thread_by_id(user=member, thread_id=bad)
        with pytest.raises(Http404):
            permissions.access_post_by_id(user=member, post_id=bad)


def test_members_cannot_reach_hidden_or_archived_threads_but_can_read_locked_ones(
    member, moderator
):
    hidden = thread_by(member)
    Thread.objects.filter(pk=hidden.pk).update(status=ContentStatus.HIDDEN)
    locked = thread_by(member, space=hidden.space)
    Thread.objects.filter(pk=locked.pk).update(is_locked=True)
    assert permissions.access_thread_by_id(user=member, thread_id=locked.pk) == locked
    archived = thread_by(member)
    Space.objects.filter(pk=archived.space_id).update(is_archived=True)
    for thread in (hidden, archived):
        with pytest.raises(Http404):
            permissions.access_thread_by_id(user=member, thread_id=thread.pk)
        assert permissions.access_thread_by_id(user=moderator, thread_id=thread.pk)
    with pytest.raises(Http404):
        permissions.access_post_by_id(user=member, post_id=hidden.posts.get().pk)


def test_only_the_writer_edits_and_only_others_react(member, other_member):
    post = thread_by(member).posts.get()
    permissions.check_edit_post_permission(member, post)
    with pytest.raises(PermissionDenied):
        permissions.check_edit_post_permission(other_member, post)
    permissions.check_react_to_post_permission(other_member, post)
    with pytest.raises(PermissionDenied, match="not your own"):
        permissions.check_react_to_post_permission(member, post)
    Post.objects.filter(pk=post.pk).update(status=ContentStatus.DELETED)
    post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        permissions.check_edit_post_permission(member, post)
    with pytest.raises(PermissionDenied):
        permissions.check_react_to_post_permission(other_member, post)


def test_revisions_are_404_to_all_but_moderators(member, peer_supporter, moderator):
    permissions.check_view_revisions_permission(moderator)
    for user in (member, peer_supporter, AnonymousUser()):
        with pytest.raises(Http404):
            permissions.check_view_revisions_permission(user)


def test_archived_spaces_are_for_moderators_only(member, moderator):
    space = SpaceFactory(is_archived=True)
    with pytest.raises(Http404):
        permissions.access_space_by_slug(user=member, slug=space.slug)
    assert permissions.access_space_by_slug(user=moderator, slug=space.slug) == space
