"""Reads for the forum pages and API, shaped so that each page costs a fixed number of
queries however many threads, posts or reactions it shows."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse

from alongside.common.http import parse_id
from alongside.community.choices import ContentStatus, ReactionKind
from alongside.community.models import Post, Reaction, Space, Thread, ThreadMute, ThreadVisit
from alongside.community.permissions.forum import (
    access_thread_by_id,
    can_edit_post,
    can_react_to_post,
    filter_posts_queryset,
    filter_spaces_queryset,
    filter_threads_queryset,
)
from alongside.community.permissions.roles import is_moderator, is_signed_in
from alongside.community.permissions.rooms import has_accepted_guidelines
from alongside.community.selectors.protections import protections_for

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 20


def post_anchor_url(post: Post) -> str:
    """The post's place in its thread: the page it is on, and its anchor."""
    position = Post.objects.filter(thread_id=post.thread_id, pk__lte=post.pk).count()
    page = max(1, (position - 1) // POSTS_PER_PAGE + 1)
    url = reverse("community:thread", args=[post.thread_id])
    query = f"?page={page}" if page > 1 else ""
    return f"{url}{query}#post-{post.pk}"


def opening_post(*, thread: Thread) -> Post:
    return thread.posts.order_by("id").first()


def _own_held_threads(user, queryset):
    """The member's own threads held for a moderator: nobody else sees them, but their
    writer still finds them where they were, so that nothing they wrote seems lost."""
    if not is_signed_in(user) or is_moderator(user):
        return queryset.none()
    return queryset.filter(author=user, status=ContentStatus.HELD, space__is_archived=False)


def access_thread_to_read(*, user, thread_id) -> Thread:
    """access_thread_by_id, and also the member's own held thread (to read, not reply)."""
    try:
        return access_thread_by_id(user=user, thread_id=thread_id)
    except Http404:
        queryset = Thread.objects.select_related("space", "author__profile")
        thread = _own_held_threads(user, queryset).filter(pk=parse_id(thread_id)).first()
        if thread is None:
            raise
        return thread


def space_list(*, user):
    """Spaces the member can see, with how many threads they may read and when the last
    post was."""
    visible = Q(threads__status=ContentStatus.VISIBLE, threads__is_locked=False)
    return (
        filter_spaces_queryset(user, Space.objects.all())
        .annotate(
            thread_count=Count("threads", filter=visible),
            last_activity=Max("threads__last_posted_at", filter=visible),
        )
        .order_by("name")
    )


def space_threads(*, user, space: Space):
    """A space's threads the member may read, newest activity first, annotated for
    `mark_new_threads`."""
    visits = ThreadVisit.objects.filter(thread=OuterRef("pk"), user=user)
    readable = filter_threads_queryset(user, space.threads.all()) | _own_held_threads(
        user, space.threads.all()
    )
    # A post held for a moderator doesn't make a thread "new" to anyone but its writer.
    not_held = [status for status in ContentStatus.values if status != ContentStatus.HELD]
    shown_posts = Q(posts__status__in=not_held)
    if is_signed_in(user):
        shown_posts |= Q(posts__author=user)
    return (
        readable.select_related("author__profile", "space")
        .annotate(
            last_seen_post_id=Subquery(visits.values("last_seen_post_id")[:1]),
            last_post_id=Max("posts__id", filter=shown_posts),
        )
        .order_by("-last_posted_at", "-id")
    )


def mark_new_threads(threads) -> list[Thread]:
    """`is_new`: posts since the member's last visit, or a thread they never opened."""
    threads = list(threads)
    for thread in threads:
        thread.is_new = thread.last_seen_post_id is None or (
            (thread.last_post_id or 0) > thread.last_seen_post_id
        )
    return threads


def space_threads_page(*, user, space: Space, page_number):
    page = Paginator(space_threads(user=user, space=space), THREADS_PER_PAGE).get_page(page_number)
    page.object_list = mark_new_threads(page.object_list)
    return page


@dataclass
class ReactionSummary:
    kind: str
    label: str
    count: int = 0
    names: list[str] = field(default_factory=list)
    mine: bool = False


@dataclass
class ThreadPage:
    thread: Thread
    page: object
    last_seen_post_id: int
    first_new_post_id: int | None
    is_muted: bool
    can_post: bool
    needs_guidelines: bool


def _reaction_summaries(posts: list[Post], user) -> None:
    reactions = (
        Reaction.objects.filter(post__in=posts)
        .select_related("user__profile")
        .order_by("created_at", "id")
    )
    by_post: dict[int, dict[str, ReactionSummary]] = {
        post.pk: {kind.value: ReactionSummary(kind.value, kind.label) for kind in ReactionKind}
        for post in posts
    }
    for reaction in reactions:
        summary = by_post[reaction.post_id][reaction.kind]
        summary.count += 1
        summary.names.append(str(reaction.user))
        if reaction.user_id == user.pk:
            summary.mine = True
    for post in posts:
        post.reaction_summaries = list(by_post[post.pk].values())
        post.reaction_total = sum(summary.count for summary in post.reaction_summaries)


def thread_page(*, user, thread: Thread, page_number) -> ThreadPage:
    """One page of a thread's posts, with reactions, quotes, "new" marks and what the
    member chose not to see collapsed."""
    visit = ThreadVisit.objects.filter(thread=thread, user=user).first()
    last_seen = visit.last_seen_post_id if visit else 0
    posts = filter_posts_queryset(user, thread.posts.all()).select_related(
        "author__profile", "quoted_post__author__profile"
    )
    page = Paginator(posts.order_by("id"), POSTS_PER_PAGE).get_page(page_number)
    post_list = list(page.object_list)
    protections = protections_for(user)
    moderator = is_moderator(user)
    for post in post_list:
        post.is_new = bool(visit) and post.pk > last_seen and post.author_id != user.pk
        post.collapse_reason = (
            protections.collapse_reason(author_id=post.author_id, text=post.body)
            if post.status == ContentStatus.VISIBLE
            else ""
        )
        post.can_edit = can_edit_post(user, post)
        post.can_react = can_react_to_post(user, post)
        post.is_own = post.author_id == user.pk
        post.show_history = moderator and post.edited_at is not None
        quoted = post.quoted_post
        post.quote_visible = quoted is not None and quoted.status == ContentStatus.VISIBLE
        # A quote must not show what the member chose not to see in the post itself.
        post.quote_collapse_reason = (
            protections.collapse_reason(author_id=quoted.author_id, text=quoted.body)
            if post.quote_visible
            else ""
        )
    _reaction_summaries(post_list, user)
    page.object_list = post_list
    first_new = next((post.pk for post in post_list if post.is_new), None)
    if visit is not None and first_new is None:
        first_new_post = (
            filter_posts_queryset(user, thread.posts.filter(pk__gt=last_seen))
            .exclude(author=user)
            .order_by("id")
            .first()
        )
        first_new = first_new_post.pk if first_new_post else None
    needs_guidelines = not has_accepted_guidelines(user, thread.space)
    return ThreadPage(
        thread=thread,
        page=page,
        last_seen_post_id=last_seen,
        first_new_post_id=first_new,
        is_muted=ThreadMute.objects.filter(thread=thread, user=user).exists(),
        can_post=not thread.is_locked
        and thread.status == ContentStatus.VISIBLE
        and not thread.space.is_archived,
        needs_guidelines=needs_guidelines,
    )


def post_revisions(*, post: Post):
    return post.revisions.select_related("edited_by__profile").order_by("-created_at", "-id")


def annotate_single_post(*, post: Post, user) -> Post:
    """What the reaction buttons of one post need (after a reaction changed)."""
    post.can_react = can_react_to_post(user, post)
    post.is_own = post.author_id == user.pk
    _reaction_summaries([post], user)
    return post
