"""Reads for the coping strategies library, shaped for its pages and the API."""

from django.db.models import Prefetch, QuerySet

from alongside.accounts.models import Topic
from alongside.community.models import CopingStrategy, CopingStrategyHelped
from alongside.community.permissions.coping import (
    filter_coping_comments_queryset,
    filter_coping_strategies_queryset,
)
from alongside.community.selectors.protections import protections_for
from alongside.community.selectors.search import matching_strategy_ids


def coping_strategies(*, viewer, topic: Topic | None = None, words: str = "") -> QuerySet:
    """The strategies `viewer` may see, most helpful first, then newest."""
    queryset = filter_coping_strategies_queryset(viewer, CopingStrategy.objects.all())
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    if words:
        queryset = queryset.filter(pk__in=matching_strategy_ids(words, queryset))
    return queryset.order_by("-helped_count", "-created_at", "-id")


def with_list_details(strategies: list[CopingStrategy], *, viewer) -> list[CopingStrategy]:
    """Author, topics, whether the viewer found each helpful, and why any is collapsed:
    a fixed number of queries for a page of any size."""
    ids = [strategy.pk for strategy in strategies]
    details = (
        CopingStrategy.objects.filter(pk__in=ids)
        .select_related("author__profile")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .in_bulk()
    )
    helped = set(
        CopingStrategyHelped.objects.filter(strategy_id__in=ids, user=viewer).values_list(
            "strategy_id", flat=True
        )
    )
    protections = protections_for(viewer)
    shown = []
    for strategy in strategies:
        strategy = details.get(strategy.pk)
        if strategy is None:
            continue
        strategy.viewer_found_helpful = strategy.pk in helped
        strategy.collapse_reason = protections.collapse_reason(
            author_id=strategy.author_id,
            text=f"{strategy.title} {strategy.what_it_is} {strategy.when_it_helps}",
        )
        shown.append(strategy)
    return shown


def coping_strategy_page(*, viewer, strategy: CopingStrategy) -> dict:
    """Everything a strategy's page shows: the strategy, its comments, and the viewer's
    own "this helped me"."""
    (strategy,) = with_list_details([strategy], viewer=viewer)
    comments = list(coping_comments(viewer=viewer, strategy=strategy))
    protections = protections_for(viewer)
    for comment in comments:
        comment.collapse_reason = protections.collapse_reason(
            author_id=comment.author_id, text=comment.body
        )
    return {"strategy": strategy, "comments": comments}


def coping_comments(*, viewer, strategy: CopingStrategy) -> QuerySet:
    return (
        filter_coping_comments_queryset(viewer, strategy.comments.all())
        .select_related("author__profile")
        .order_by("id")
    )
