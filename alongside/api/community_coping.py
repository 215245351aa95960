"""/community: coping strategies and search. Input is checked by the same forms as the
pages; the coping actions make every change."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from ninja import Router, Status

from alongside.api.errors import FormErrors
from alongside.api.paging import check_page_bounds
from alongside.api.refusals import refusals_as_conflicts
from alongside.api.schemas import ERRORS, REFUSED
from alongside.api.schemas_coping import (
    CopingCommentIn,
    CopingCommentOut,
    CopingCommentWrittenOut,
    CopingStrategyIn,
    CopingStrategyOut,
    CopingStrategyPageOut,
    CopingStrategyPatch,
    CopingStrategyWrittenOut,
    HelpedOut,
    SearchPageOut,
)
from alongside.community.actions import coping as actions
from alongside.community.forms_coping import (
    CopingCommentForm,
    CopingFilterForm,
    CopingStrategyForm,
    SearchForm,
)
from alongside.community.permissions import coping as permissions
from alongside.community.selectors.coping import (
    coping_comments,
    coping_strategies,
    with_list_details,
)
from alongside.community.selectors.protections import protections_for
from alongside.community.selectors.search import describe_hits, search_community
from alongside.safety.support import content_safety

router = Router(tags=["community: coping"])


# ---- Helpers ----------------------------------------------------------------------------


@contextmanager
def _action_errors():
    """Text the action can't store is 422 against its field; a refusal is 409."""
    try:
        with refusals_as_conflicts():
            yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise FormErrors.from_messages(error.message_dict) from error
        raise FormErrors.from_messages({"__all__": error.messages}) from error


def _author_name(user) -> str | None:
    return user.profile.display_name if user is not None else None


def _strategy_out(strategy, viewer) -> dict:
    return {
        "id": strategy.pk,
        "title": strategy.title,
        "what_it_is": strategy.what_it_is,
        "what_it_is_html": strategy.what_it_is_html,
        "when_it_helps": strategy.when_it_helps,
        "when_it_helps_html": strategy.when_it_helps_html,
        "topics": [topic.slug for topic in strategy.topics.all()],
        "author": _author_name(strategy.author),
        "helped_count": strategy.helped_count,
        "found_helpful": strategy.viewer_found_helpful,
        "is_own": strategy.author_id == viewer.pk,
        "status": strategy.status,
        "collapse_reason": strategy.collapse_reason,
        "created_at": strategy.created_at,
        "edited_at": strategy.edited_at,
    }


def _strategy_detail(strategy, viewer) -> dict:
    (strategy,) = with_list_details([strategy], viewer=viewer)
    return _strategy_out(strategy, viewer)


def _comment_out(comment, viewer, protections) -> dict:
    return {
        "id": comment.pk,
        "strategy_id": comment.strategy_id,
        "author": _author_name(comment.author),
        "body": comment.body,
        "body_html": comment.body_html,
        "status": comment.status,
        "is_own": comment.author_id == viewer.pk,
        "collapse_reason": protections.collapse_reason(
            author_id=comment.author_id, text=comment.body
        ),
        "created_at": comment.created_at,
    }


def _valid_strategy_form(data: dict) -> CopingStrategyForm:
    form = CopingStrategyForm({**data, "topics": data.get("topics") or []})
    if not form.is_valid():
        raise FormErrors(form)
    return form


# ---- Strategies -------------------------------------------------------------------------


@router.get(
    "/coping",
    response={200: CopingStrategyPageOut, **ERRORS},
    summary="Coping strategies",
    description="Most helpful first, then newest. `topic` is a topic slug; `q` keeps the "
    "strategies containing every word.",
)
def list_coping_strategies(request, topic: str = "", q: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    form = CopingFilterForm({"topic": topic, "q": q})
    if not form.is_valid():
        raise FormErrors(form)
    filters = form.filters()
    strategies = coping_strategies(viewer=request.auth, **filters)
    page = list(strategies.only("pk")[offset : offset + limit])
    items = with_list_details(page, viewer=request.auth)
    return {
        "count": strategies.count(),
        "limit": limit,
        "offset": offset,
        "items": [_strategy_out(strategy, request.auth) for strategy in items],
    }


@router.post(
    "/coping",
    response={201: CopingStrategyWrittenOut, **ERRORS, **REFUSED},
    summary="Share a coping strategy",
    description="`what_it_is` and `when_it_helps` take markdown. 409 when posting too fast "
    "or when a moderator has paused your posting. `safety` is not null when the risk check "
    "found something: show it to the writer at once. An urgent strategy is held.",
)
def share_coping_strategy(request, payload: CopingStrategyIn):
    permissions.check_share_coping_strategy_permission(request.auth)
    form = _valid_strategy_form(payload.model_dump())
    with _action_errors():
        strategy = actions.share_coping_strategy(author=request.auth, details=form.details())
    detail = _strategy_detail(strategy, request.auth)
    return Status(201, {**detail, "safety": content_safety(user=request.auth, content=strategy)})


@router.get(
    "/coping/{strategy_id}",
    response={200: CopingStrategyOut, **ERRORS},
    summary="One coping strategy",
    description="Held, hidden and deleted strategies are 404 to other members.",
)
def read_coping_strategy(request, strategy_id: int):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    return _strategy_detail(strategy, request.auth)


@router.patch(
    "/coping/{strategy_id}",
    response={200: CopingStrategyWrittenOut, **ERRORS, **REFUSED},
    summary="Change your coping strategy",
    description="Only its writer can. Send only the fields to change. Risk-checked like a "
    "new strategy (`safety`); an urgent edit is held again.",
)
def edit_coping_strategy(request, strategy_id: int, payload: CopingStrategyPatch):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    permissions.check_edit_coping_strategy_permission(request.auth, strategy)
    data = CopingStrategyForm.initial_for(strategy)
    data.update(payload.model_dump(exclude_unset=True, exclude_none=True))
    form = _valid_strategy_form(data)
    with _action_errors():
        actions.edit_coping_strategy(strategy=strategy, editor=request.auth, details=form.details())
    return {
        **_strategy_detail(strategy, request.auth),
        "safety": content_safety(user=request.auth, content=strategy),
    }


@router.delete(
    "/coping/{strategy_id}",
    response={204: None, **ERRORS},
    summary="Delete your coping strategy",
    description="Only its writer can. It is no longer shown to anyone.",
)
def delete_coping_strategy(request, strategy_id: int):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    permissions.check_edit_coping_strategy_permission(request.auth, strategy)
    actions.delete_coping_strategy(strategy=strategy, actor=request.auth)
    return Status(204, None)


# ---- "This helped me" -------------------------------------------------------------------


def _helped_out(strategy, found_helpful: bool) -> dict:
    return {"helped_count": strategy.helped_count, "found_helpful": found_helpful}


@router.post(
    "/coping/{strategy_id}/helped",
    response={200: HelpedOut, **ERRORS},
    summary="Say a strategy helped you",
    description="Saying it twice changes nothing. You can't mark your own strategy (403).",
)
def mark_helped(request, strategy_id: int):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    permissions.check_mark_helped_permission(request.auth, strategy)
    actions.mark_coping_strategy_helped(strategy=strategy, user=request.auth)
    return _helped_out(strategy, True)


@router.delete(
    "/coping/{strategy_id}/helped",
    response={200: HelpedOut, **ERRORS},
    summary="Take back \u201cthis helped me\u201d",
)
def unmark_helped(request, strategy_id: int):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    permissions.check_mark_helped_permission(request.auth, strategy)
    actions.unmark_coping_strategy_helped(strategy=strategy, user=request.auth)
    return _helped_out(strategy, False)


# ---- Comments ---------------------------------------------------------------------------


@router.get(
    "/coping/{strategy_id}/comments",
    response={200: list[CopingCommentOut], **ERRORS},
    summary="A strategy's comments",
    description="Oldest first.",
)
def list_comments(request, strategy_id: int):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    protections = protections_for(request.auth)
    comments = coping_comments(viewer=request.auth, strategy=strategy)
    return [_comment_out(comment, request.auth, protections) for comment in comments]


@router.post(
    "/coping/{strategy_id}/comments",
    response={201: CopingCommentWrittenOut, **ERRORS, **REFUSED},
    summary="Comment on a strategy",
    description="`body` takes markdown. The strategy's writer is notified (not while the "
    "comment is held). 409 when posting too fast or when a moderator has paused your "
    "posting. `safety` is not null when the risk check found something.",
)
def comment_on_strategy(request, strategy_id: int, payload: CopingCommentIn):
    strategy = permissions.access_coping_strategy_by_id(user=request.auth, strategy_id=strategy_id)
    permissions.check_comment_on_coping_strategy_permission(request.auth, strategy)
    form = CopingCommentForm(payload.model_dump())
    if not form.is_valid():
        raise FormErrors(form)
    with _action_errors():
        comment = actions.comment_on_coping_strategy(
            strategy=strategy, author=request.auth, body=form.cleaned_data["body"]
        )
    out = _comment_out(comment, request.auth, protections_for(request.auth))
    return Status(201, {**out, "safety": content_safety(user=request.auth, content=comment)})


@router.delete(
    "/coping/comments/{comment_id}",
    response={204: None, **ERRORS},
    summary="Delete your comment",
    description="Only its writer can.",
)
def delete_comment(request, comment_id: int):
    comment = permissions.access_coping_comment_by_id(user=request.auth, comment_id=comment_id)
    permissions.check_delete_coping_comment_permission(request.auth, comment)
    actions.delete_coping_comment(comment=comment, actor=request.auth)
    return Status(204, None)


# ---- Search -----------------------------------------------------------------------------


@router.get(
    "/search",
    response={200: SearchPageOut, **ERRORS},
    summary="Search threads and coping strategies",
    description="Every word must appear (PostgreSQL also takes websearch syntax: quotes, "
    "`or`, `-word`). Best matches first. At most 200 characters.",
)
def search(request, q: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    form = SearchForm({"q": q})
    if not form.is_valid():
        raise FormErrors(form)
    query = form.cleaned_data["q"]
    hits = search_community(viewer=request.auth, query=query) if query else []
    items = describe_hits(
        hits[offset : offset + limit], query=query, protections=protections_for(request.user)
    )
    return {
        "count": len(hits),
        "limit": limit,
        "offset": offset,
        "items": [
            {
                "kind": hit.kind,
                "id": hit.pk,
                "title": hit.title,
                "place": hit.place,
                "excerpt": hit.excerpt,
                "date": hit.date,
                "url": hit.url,
            }
            for hit in items
        ],
    }
