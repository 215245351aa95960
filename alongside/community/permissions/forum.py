"""Who may see and do what in the forum. Spaces are for signed-in members only; what a
member may not see (an archived space, a hidden thread) answers 404, as if it weren't there.

Members see visible threads that aren't locked; moderators see every thread, marked."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from alongside.common.http import parse_id
from alongside.community.choices import ContentStatus
from alongside.community.models import Post, Space, Thread
from alongside.community.permissions.roles import is_coordinator, is_moderator, is_signed_in


def check_manage_spaces_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can create and change spaces.")


def filter_spaces_queryset(user, queryset):
    if not is_signed_in(user):
        return queryset.none()
    return queryset if is_moderator(user) else queryset.filter(is_archived=False)


def access_space_by_slug(*, user, slug: str) -> Space:
    space = filter_spaces_queryset(user, Space.objects.all()).filter(slug=str(slug)[:90]).first()
    if space is None:
        raise Http404("No such space.")
    return space


def filter_threads_queryset(user, queryset):
    if is_moderator(user):
        return queryset
    if not is_signed_in(user):
        return queryset.none()
    # A locked thread stays readable; the post actions refuse replies to it.
    return queryset.filter(status=ContentStatus.VISIBLE, space__is_archived=False)


def access_thread_by_id(*, user, thread_id) -> Thread:
    thread_id = parse_id(thread_id)
    queryset = Thread.objects.select_related("space", "author__profile")
    thread = filter_threads_queryset(user, queryset).filter(pk=thread_id).first()
    if thread is None:
        raise Http404("No such thread.")
    return thread


def filter_posts_queryset(user, queryset):
    """Members see visible posts, deleted ones (as a placeholder, to keep the thread's
    shape) and their own held posts; moderators see everything."""
    if is_moderator(user):
        return queryset
    shown = Q(status__in=[ContentStatus.VISIBLE, ContentStatus.DELETED])
    if is_signed_in(user):
        shown |= Q(author=user, status=ContentStatus.HELD)
    return queryset.filter(shown)


def access_post_by_id(*, user, post_id) -> Post:
    post_id = parse_id(post_id)
    queryset = Post.objects.select_related("thread__space", "author__profile")
    post = filter_posts_queryset(user, queryset).filter(pk=post_id).first()
    if post is None:
        raise Http404("No such post.")
    access_thread_by_id(user=user, thread_id=post.thread_id)
    return post


def can_edit_post(user, post: Post) -> bool:
    return (
        is_signed_in(user)
        and post.author_id == user.pk
        and post.status in (ContentStatus.VISIBLE, ContentStatus.HELD)
    )


def check_edit_post_permission(user, post: Post) -> None:
    """Editing and deleting: your own post, while it hasn't been deleted or hidden."""
    if not can_edit_post(user, post):
        raise PermissionDenied("You can only change your own posts.")


def can_react_to_post(user, post: Post) -> bool:
    return is_signed_in(user) and post.author_id != user.pk and post.status == ContentStatus.VISIBLE


def check_react_to_post_permission(user, post: Post) -> None:
    # Reacting to your own post would be a score, not support: reactions are for others.
    if post.author_id == getattr(user, "pk", None):
        raise PermissionDenied("Reactions are for other members' posts, not your own.")
    if not can_react_to_post(user, post):
        raise PermissionDenied("You can't react to this post.")


def check_view_revisions_permission(user) -> None:
    """Edit history is for moderators; to anyone else it doesn't exist."""
    if not is_moderator(user):
        raise Http404("No such page.")
