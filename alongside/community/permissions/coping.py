"""Who may see and change coping strategies and their comments. Checks raise
PermissionDenied; `access_*` also fetch, answering 404 for what the viewer may not see
(a held, hidden or deleted strategy is not shown to other members at all)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from alongside.common.http import parse_id
from alongside.community.choices import ContentStatus
from alongside.community.models import CopingComment, CopingStrategy
from alongside.community.permissions.roles import is_moderator, is_signed_in

# What a writer still sees of their own text: held for review, or hidden by a moderator.
OWN_STATUSES = (ContentStatus.VISIBLE, ContentStatus.HELD, ContentStatus.HIDDEN)


def _visibility(user) -> Q | None:
    """None means "everything" (moderators see every status, marked)."""
    if is_moderator(user):
        return None
    return Q(status=ContentStatus.VISIBLE) | Q(author_id=user.pk, status__in=OWN_STATUSES)


def filter_coping_strategies_queryset(user, queryset: QuerySet) -> QuerySet:
    if not is_signed_in(user):
        return queryset.none()
    rule = _visibility(user)
    return queryset if rule is None else queryset.filter(rule)


def filter_coping_comments_queryset(user, queryset: QuerySet) -> QuerySet:
    if not is_signed_in(user):
        return queryset.none()
    rule = _visibility(user)
    return queryset if rule is None else queryset.filter(rule)


def access_coping_strategy_by_id(*, user, strategy_id) -> CopingStrategy:
    queryset = CopingStrategy.objects.select_related("author__profile")
    found = filter_coping_strategies_queryset(user, queryset).filter(pk=parse_id(strategy_id))
    strategy = found.first()
    if strategy is None:
        raise Http404
    return strategy


def access_coping_comment_by_id(*, user, comment_id) -> CopingComment:
    queryset = CopingComment.objects.select_related("strategy", "author")
    comment = (
        filter_coping_comments_queryset(user, queryset).filter(pk=parse_id(comment_id)).first()
    )
    if comment is None:
        raise Http404
    # A comment on a strategy the viewer can't see is as private as the strategy.
    access_coping_strategy_by_id(user=user, strategy_id=comment.strategy_id)
    return comment


def check_share_coping_strategy_permission(user) -> None:
    if not is_signed_in(user):
        raise PermissionDenied("Log in to share a coping strategy.")


def check_edit_coping_strategy_permission(user, strategy: CopingStrategy) -> None:
    if not is_signed_in(user) or strategy.author_id != user.pk:
        raise PermissionDenied("Only the member who shared this strategy can change it.")
    if strategy.status == ContentStatus.DELETED:
        raise PermissionDenied("This strategy has been deleted.")
    if strategy.status == ContentStatus.HIDDEN:
        raise PermissionDenied(
            "A moderator has hidden this strategy, so it can't be changed. They will be in "
            "touch if there is something to talk about."
        )


def check_mark_helped_permission(user, strategy: CopingStrategy) -> None:
    if not is_signed_in(user):
        raise PermissionDenied("Log in to say a strategy helped you.")
    if strategy.author_id == user.pk:
        raise PermissionDenied("You can't mark your own strategy as helpful.")
    if strategy.status != ContentStatus.VISIBLE:
        raise PermissionDenied("This strategy isn't open for reactions just now.")


def check_comment_on_coping_strategy_permission(user, strategy: CopingStrategy) -> None:
    if not is_signed_in(user):
        raise PermissionDenied("Log in to comment.")
    if strategy.status != ContentStatus.VISIBLE:
        raise PermissionDenied("This strategy isn't open for comments just now.")


def check_delete_coping_comment_permission(user, comment: CopingComment) -> None:
    if not is_signed_in(user) or comment.author_id != user.pk:
        raise PermissionDenied("Only the member who wrote this comment can delete it.")
    if comment.status == ContentStatus.DELETED:
        raise PermissionDenied("This comment has already been deleted.")
