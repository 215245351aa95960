"""/community: forum. Input is checked by the same forms as the pages; actions make every
change. Member text is checked by the actions, so its messages match the pages'."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError

from alongside.api.community_forum_schemas import (
    AcceptGuidelinesIn,
    MuteOut,
    PostIn,
    PostOut,
    PostPatch,
    PostWrittenOut,
    RevisionOut,
    SpaceDetailOut,
    SpaceIn,
    SpaceOut,
    SpacePatch,
    ThreadDetailOut,
    ThreadIn,
    ThreadPageOut,
    ThreadStartedOut,
)
from alongside.api.errors import FormErrors, form_as_input
from alongside.api.paging import check_page_bounds
from alongside.api.schemas import ERRORS, REFUSED
from alongside.community.actions import forum as actions
from alongside.community.choices import ContentStatus, ReactionKind
from alongside.community.forms_forum import EditPostForm, ReplyForm, SpaceForm, ThreadForm
from alongside.community.models import Space
from alongside.community.permissions.forum import (
    access_post_by_id,
    access_space_by_slug,
    access_thread_by_id,
    check_edit_post_permission,
    check_manage_spaces_permission,
    check_react_to_post_permission,
    check_view_revisions_permission,
)
from alongside.community.permissions.roles import is_moderator
from alongside.community.permissions.rooms import has_accepted_guidelines
from alongside.community.selectors import forum as selectors
from alongside.safety.support import content_safety

router = Router(tags=["community: forum"])


@contextmanager
def _refusals(renamed: dict | None = None):
    """An action's field messages are 422s like a form's; its other refusals are 409s.
    `renamed` maps an action's field name to the API's."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            errors = {(renamed or {}).get(k, k): v for k, v in error.message_dict.items()}
            raise FormErrors.from_messages(errors) from error
        raise HttpError(409, " ".join(error.messages)) from error


def _form_or_422(form):
    if not form.is_valid():
        raise FormErrors(form)
    return form.cleaned_data


# ---- Serialising -------------------------------------------------------------------------


def _name(user) -> str | None:
    return str(user) if user is not None else None


def _space_out(space: Space, user, *, detail=False) -> dict:
    counted = selectors.space_list(user=user).filter(pk=space.pk).first()
    data = {
        "slug": space.slug,
        "name": space.name,
        "description": space.description,
        "topics": [topic.slug for topic in space.topics.all()],
        "is_archived": space.is_archived,
        "guidelines_version": space.guidelines_version,
        "thread_count": counted.thread_count if counted else 0,
        "last_activity": counted.last_activity if counted else None,
    }
    if detail:
        data["guidelines"] = space.guidelines
        data["guidelines_accepted"] = has_accepted_guidelines(user, space)
    return data


def _thread_out(thread) -> dict:
    return {
        "id": thread.pk,
        "space": thread.space.slug,
        "title": thread.title,
        "author": _name(thread.author),
        "status": thread.status,
        "is_locked": thread.is_locked,
        "reply_count": thread.reply_count,
        "last_posted_at": thread.last_posted_at,
        "is_new": getattr(thread, "is_new", False),
    }


def _post_out(post, user) -> dict:
    hidden = post.status == ContentStatus.DELETED and not is_moderator(user)
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "author": _name(post.author),
        "status": post.status,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "body": "" if hidden else post.body,
        "body_html": "" if hidden else post.body_html,
        "content_warning": "" if hidden else post.content_warning,
        "quoted_post_id": post.quoted_post_id,
        "is_new": getattr(post, "is_new", False),
        "collapse_reason": getattr(post, "collapse_reason", ""),
        "can_edit": getattr(post, "can_edit", False),
        "can_react": post.can_react,
        "reactions": [vars(summary) for summary in post.reaction_summaries],
    }


def _single_post_out(post, user) -> dict:
    selectors.annotate_single_post(post=post, user=user)
    from alongside.community.permissions.forum import can_edit_post

    post.can_edit = can_edit_post(user, post)
    return _post_out(post, user)


# ---- Spaces ------------------------------------------------------------------------------


@router.get("/spaces", response={200: list[SpaceOut], **ERRORS}, summary="Spaces")
def list_spaces(request):
    spaces = selectors.space_list(user=request.auth).prefetch_related("topics")
    return [
        {
            **{f: getattr(space, f) for f in ("slug", "name", "description", "is_archived")},
            "guidelines_version": space.guidelines_version,
            "topics": [topic.slug for topic in space.topics.all()],
            "thread_count": space.thread_count,
            "last_activity": space.last_activity,
        }
        for space in spaces
    ]


@router.get("/spaces/{slug}", response={200: SpaceDetailOut, **ERRORS}, summary="One space")
def read_space(request, slug: str):
    space = access_space_by_slug(user=request.auth, slug=slug)
    return _space_out(space, request.auth, detail=True)


@router.post(
    "/spaces",
    response={201: SpaceDetailOut, **ERRORS},
    summary="Create a space",
    description="For coordinators. The slug is made from the name.",
)
def create_space(request, payload: SpaceIn):
    check_manage_spaces_permission(request.auth)
    form = SpaceForm(payload.model_dump())
    _form_or_422(form)
    space = actions.create_space(
        actor=request.auth, details=form.details(), topics=form.cleaned_data["topics"]
    )
    return Status(201, _space_out(space, request.auth, detail=True))


@router.patch(
    "/spaces/{slug}",
    response={200: SpaceDetailOut, **ERRORS},
    summary="Change or archive a space",
    description="For coordinators. The slug stays the same when the name changes.",
)
def update_space(request, slug: str, payload: SpacePatch):
    space = access_space_by_slug(user=request.auth, slug=slug)
    check_manage_spaces_permission(request.auth)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    archived = changes.pop("is_archived", None)
    if changes:
        data = form_as_input(SpaceForm(instance=space))
        data["topics"] = [topic.slug for topic in space.topics.all()]
        data.update(changes)
        form = SpaceForm(data, instance=space)
        _form_or_422(form)
        details = form.details()
        space.refresh_from_db()  # the form changed the instance in place
        space = actions.update_space(
            actor=request.auth, space=space, details=details, topics=form.cleaned_data["topics"]
        )
    if archived is not None and archived != space.is_archived:
        space = actions.archive_space(actor=request.auth, space=space, archived=archived)
    return _space_out(space, request.auth, detail=True)


@router.post(
    "/spaces/{slug}/guidelines/accept",
    response={200: SpaceDetailOut, **ERRORS, **REFUSED},
    summary="Accept a space's guidelines",
    description="409 if the guidelines changed since the version you read.",
)
def accept_guidelines(request, slug: str, payload: AcceptGuidelinesIn):
    space = access_space_by_slug(user=request.auth, slug=slug)
    with _refusals():
        actions.accept_guidelines(user=request.auth, space=space, version=payload.version)
    return _space_out(space, request.auth, detail=True)


# ---- Threads -----------------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/threads",
    response={200: ThreadPageOut, **ERRORS},
    summary="A space's threads",
    description="Newest activity first.",
)
def list_threads(request, slug: str, limit: int = 20, offset: int = 0):
    space = access_space_by_slug(user=request.auth, slug=slug)
    check_page_bounds(limit, offset)
    threads = selectors.space_threads(user=request.auth, space=space)
    count = threads.count()
    items = selectors.mark_new_threads(threads[offset : offset + limit])
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [_thread_out(t) for t in items],
    }


def _thread_detail(request, thread, page_number) -> dict:
    view = selectors.thread_page(user=request.auth, thread=thread, page_number=page_number)
    posts = view.page.object_list
    if posts:
        actions.record_thread_visit(user=request.auth, thread=thread, up_to_post_id=posts[-1].pk)
    return {
        **_thread_out(thread),
        "is_muted": view.is_muted,
        "can_post": view.can_post,
        "guidelines_accepted": not view.needs_guidelines,
        "page": view.page.number,
        "num_pages": view.page.paginator.num_pages,
        "posts": [_post_out(post, request.auth) for post in posts],
    }


@router.post(
    "/spaces/{slug}/threads",
    response={201: ThreadStartedOut, **ERRORS, **REFUSED},
    summary="Start a thread",
    description="409 if you haven't accepted the space's current guidelines (send "
    "`accept_guidelines_version` to accept them with this post), are posting too fast, or "
    "a moderator has paused your posting. `safety` is not null when the risk check found "
    "something: show it to the writer at once. An urgent thread is held (status `held`).",
)
def start_thread(request, slug: str, payload: ThreadIn):
    space = access_space_by_slug(user=request.auth, slug=slug)
    data = _form_or_422(ThreadForm(payload.model_dump()))
    with _refusals():
        thread = actions.start_thread(
            author=request.auth,
            space=space,
            title=data["title"],
            body=data["body"],
            content_warning=data["content_warning"],
            accepted_guidelines_version=payload.accept_guidelines_version,
        )
    opening = selectors.opening_post(thread=thread)
    return Status(
        201,
        {
            **_thread_detail(request, thread, 1),
            "safety": content_safety(user=request.auth, content=opening),
        },
    )


@router.get(
    "/threads/{thread_id}",
    response={200: ThreadDetailOut, **ERRORS},
    summary="A thread and one page of its posts",
    description="20 posts a page. Reading it marks those posts as seen.",
)
def read_thread(request, thread_id: int, page: int = 1):
    # The writer of a thread held for a moderator still reads it (nobody else can).
    thread = selectors.access_thread_to_read(user=request.auth, thread_id=thread_id)
    return _thread_detail(request, thread, page)


@router.post(
    "/threads/{thread_id}/posts",
    response={201: PostWrittenOut, **ERRORS, **REFUSED},
    summary="Reply to a thread",
    description="`quoted_post_id` quotes a visible post of the same thread. `safety` is "
    "not null when the risk check found something: show it to the writer at once. 409 if "
    "the thread isn't taking replies or a moderator has paused your posting.",
)
def reply(request, thread_id: int, payload: PostIn):
    thread = access_thread_by_id(user=request.auth, thread_id=thread_id)
    data = _form_or_422(
        ReplyForm({**payload.model_dump(exclude={"quoted_post_id"}), "quoted_post": ""})
    )
    quoted = None
    if payload.quoted_post_id is not None:
        try:
            quoted = access_post_by_id(user=request.auth, post_id=payload.quoted_post_id)
        except Http404 as error:
            raise FormErrors.from_messages(
                {"quoted_post_id": ["You can only quote a visible post here."]}
            ) from error
    with _refusals({"quoted_post": "quoted_post_id"}):
        post = actions.reply_to_thread(
            author=request.auth,
            thread=thread,
            body=data["body"],
            content_warning=data["content_warning"],
            quoted_post=quoted,
            accepted_guidelines_version=payload.accept_guidelines_version,
        )
    return Status(
        201,
        {
            **_single_post_out(post, request.auth),
            "safety": content_safety(user=request.auth, content=post),
        },
    )


@router.post(
    "/threads/{thread_id}/mute", response={200: MuteOut, **ERRORS}, summary="Mute a thread"
)
def mute(request, thread_id: int):
    thread = access_thread_by_id(user=request.auth, thread_id=thread_id)
    actions.mute_thread(user=request.auth, thread=thread)
    return {"muted": True}


@router.delete(
    "/threads/{thread_id}/mute", response={200: MuteOut, **ERRORS}, summary="Unmute a thread"
)
def unmute(request, thread_id: int):
    thread = access_thread_by_id(user=request.auth, thread_id=thread_id)
    actions.unmute_thread(user=request.auth, thread=thread)
    return {"muted": False}


# ---- Posts -------------------------------------------------------------------------------


@router.patch(
    "/posts/{post_id}",
    response={200: PostWrittenOut, **ERRORS, **REFUSED},
    summary="Edit your post",
    description="The previous version is kept for moderators. An edit is risk-checked "
    "like a new post: `safety` is not null when it found something, and an urgent edit is "
    "held again.",
)
def edit_post(request, post_id: int, payload: PostPatch):
    post = access_post_by_id(user=request.auth, post_id=post_id)
    check_edit_post_permission(request.auth, post)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    data = _form_or_422(
        EditPostForm({"body": post.body, "content_warning": post.content_warning, **changes})
    )
    with _refusals():
        post = actions.edit_post(
            actor=request.auth,
            post=post,
            body=data["body"],
            content_warning=data["content_warning"],
        )
    return {
        **_single_post_out(post, request.auth),
        "safety": content_safety(user=request.auth, content=post),
    }


@router.delete(
    "/posts/{post_id}", response={204: None, **ERRORS}, summary="Delete your post (soft)"
)
def delete_post(request, post_id: int):
    post = access_post_by_id(user=request.auth, post_id=post_id)
    check_edit_post_permission(request.auth, post)
    actions.delete_post(actor=request.auth, post=post)
    return Status(204, None)


@router.get(
    "/posts/{post_id}/revisions",
    response={200: list[RevisionOut], **ERRORS},
    summary="A post's edit history",
    description="Moderators only; 404 to everyone else.",
)
def post_revisions(request, post_id: int):
    check_view_revisions_permission(request.auth)
    post = access_post_by_id(user=request.auth, post_id=post_id)
    return [
        {
            "body": revision.body,
            "content_warning": revision.content_warning,
            "edited_by": _name(revision.edited_by),
            "created_at": revision.created_at,
        }
        for revision in selectors.post_revisions(post=post)
    ]


@router.post(
    "/posts/{post_id}/reactions/{kind}",
    response={200: PostOut, **ERRORS},
    summary="React to a post",
    description="me_too, helped or support. Not on your own posts (403).",
)
def add_reaction(request, post_id: int, kind: ReactionKind):
    post = access_post_by_id(user=request.auth, post_id=post_id)
    check_react_to_post_permission(request.auth, post)
    actions.add_reaction(user=request.auth, post=post, kind=kind)
    return _single_post_out(post, request.auth)


@router.delete(
    "/posts/{post_id}/reactions/{kind}",
    response={200: PostOut, **ERRORS},
    summary="Take back a reaction",
)
def remove_reaction(request, post_id: int, kind: ReactionKind):
    post = access_post_by_id(user=request.auth, post_id=post_id)
    check_react_to_post_permission(request.auth, post)
    actions.remove_reaction(user=request.auth, post=post, kind=kind)
    return _single_post_out(post, request.auth)
