"""Forum pages: the space list, a space's threads, a thread's posts, and the forms to
start, reply, edit, delete, react and mute. Each view checks input, authorises, calls one
action or selector, and renders."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.community.actions import forum as actions
from alongside.community.actions.forum.posts import GuidelinesNotAccepted
from alongside.community.choices import ContentStatus, ReactionKind
from alongside.community.forms_forum import (
    EditPostForm,
    MuteForm,
    ReactionForm,
    ReplyForm,
    ThreadForm,
)
from alongside.community.permissions.forum import (
    access_post_by_id,
    access_space_by_slug,
    access_thread_by_id,
    check_edit_post_permission,
    check_react_to_post_permission,
    check_view_revisions_permission,
)
from alongside.community.permissions.roles import is_moderator
from alongside.community.permissions.rooms import has_accepted_guidelines
from alongside.community.selectors import forum as selectors
from alongside.safety.views_support import after_writing_content


def apply_action_error(form, error: ValidationError) -> str:
    """Put an action's refusal next to the field it is about; return what belongs at the
    top of the page instead (or "")."""
    if isinstance(error, GuidelinesNotAccepted) and "accept_guidelines" in form.fields:
        form.add_error("accept_guidelines", error.message)
        return ""
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
        return ""
    return " ".join(error.messages)


# ---- Threads and posts -------------------------------------------------------------------


class ThreadCreateView(LoginRequiredMixin, View):
    template_name = "community/forum/thread_form.html"

    def _form(self, request, space, data=None):
        return ThreadForm(
            data,
            needs_guidelines=not has_accepted_guidelines(request.user, space),
            guidelines_version=space.guidelines_version,
        )

    def _render(self, request, space, form, *, problem="", status=200):
        context = {"space": space, "form": form, "problem": problem}
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        if space.is_archived:
            raise Http404("This space is archived.")
        return self._render(request, space, self._form(request, space))

    def post(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        form = self._form(request, space, request.POST)
        if not form.is_valid():
            return self._render(request, space, form, status=400)
        data = form.cleaned_data
        try:
            thread = actions.start_thread(
                author=request.user,
                space=space,
                title=data["title"],
                body=data["body"],
                content_warning=data["content_warning"],
                accepted_guidelines_version=form.accepted_guidelines_version(),
            )
        except ValidationError as error:
            problem = apply_action_error(form, error)
            return self._render(request, space, form, problem=problem, status=400)
        post = selectors.opening_post(thread=thread)
        back_url = reverse("community:thread", args=[thread.pk])
        return after_writing_content(request, post, back_url=back_url)


def _reply_form(request, thread, data=None, *, initial=None):
    return ReplyForm(
        data,
        initial=initial,
        needs_guidelines=not has_accepted_guidelines(request.user, thread.space),
        guidelines_version=thread.space.guidelines_version,
    )


class ThreadDetailView(LoginRequiredMixin, View):
    def get(self, request, thread_id):
        # The writer of a thread held for a moderator still reads it here (nobody else can).
        thread = selectors.access_thread_to_read(user=request.user, thread_id=thread_id)
        view = selectors.thread_page(
            user=request.user, thread=thread, page_number=request.GET.get("page")
        )
        posts = view.page.object_list
        if posts:
            actions.record_thread_visit(
                user=request.user, thread=thread, up_to_post_id=posts[-1].pk
            )
        context = {
            "view": view,
            "thread": thread,
            "space": thread.space,
            "page": view.page,
            "form": ReplyForm(
                needs_guidelines=view.needs_guidelines,
                guidelines_version=thread.space.guidelines_version,
            )
            if view.can_post
            else None,
            "is_moderator": is_moderator(request.user),
        }
        return render(request, "community/forum/thread.html", context)


class ThreadReplyView(LoginRequiredMixin, View):
    """The reply form on a page of its own: for quoting, and to show mistakes."""

    template_name = "community/forum/reply.html"

    def _render(self, request, thread, form, *, quoted=None, problem="", status=200):
        context = {
            "thread": thread,
            "space": thread.space,
            "form": form,
            "quoted": quoted,
            "problem": problem,
        }
        return render(request, self.template_name, context, status=status)

    def _quoted(self, request, thread, post_id):
        if not post_id:
            return None
        post = access_post_by_id(user=request.user, post_id=post_id)
        if post.thread_id != thread.pk or post.status != ContentStatus.VISIBLE:
            raise Http404("No such post in this thread.")
        return post

    def get(self, request, thread_id):
        thread = access_thread_by_id(user=request.user, thread_id=thread_id)
        quoted = self._quoted(request, thread, request.GET.get("quote"))
        initial = {"quoted_post": quoted.pk} if quoted else None
        form = _reply_form(request, thread, initial=initial)
        return self._render(request, thread, form, quoted=quoted)

    def post(self, request, thread_id):
        thread = access_thread_by_id(user=request.user, thread_id=thread_id)
        form = _reply_form(request, thread, request.POST)
        if not form.is_valid():
            return self._render(request, thread, form, status=400)
        data = form.cleaned_data
        quoted = self._quoted(request, thread, data["quoted_post"])
        try:
            post = actions.reply_to_thread(
                author=request.user,
                thread=thread,
                body=data["body"],
                content_warning=data["content_warning"],
                quoted_post=quoted,
                accepted_guidelines_version=form.accepted_guidelines_version(),
            )
        except ValidationError as error:
            problem = apply_action_error(form, error)
            return self._render(request, thread, form, quoted=quoted, problem=problem, status=400)
        return after_writing_content(request, post, back_url=selectors.post_anchor_url(post))


class PostLinkView(LoginRequiredMixin, View):
    """A lasting link to a post: sends you to the page of its thread where it is."""

    def get(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        return redirect(selectors.post_anchor_url(post))


class PostEditView(LoginRequiredMixin, View):
    template_name = "community/forum/post_edit.html"

    def _render(self, request, post, form, *, problem="", status=200):
        context = {"post": post, "thread": post.thread, "form": form, "problem": problem}
        return render(request, self.template_name, context, status=status)

    def get(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        check_edit_post_permission(request.user, post)
        form = EditPostForm(initial={"body": post.body, "content_warning": post.content_warning})
        return self._render(request, post, form)

    def post(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        check_edit_post_permission(request.user, post)
        form = EditPostForm(request.POST)
        if not form.is_valid():
            return self._render(request, post, form, status=400)
        try:
            actions.edit_post(
                actor=request.user,
                post=post,
                body=form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
            )
        except ValidationError as error:
            problem = apply_action_error(form, error)
            return self._render(request, post, form, problem=problem, status=400)
        return after_writing_content(
            request,
            post,
            back_url=selectors.post_anchor_url(post),
            success="Your post is updated.",
        )


class PostDeleteView(LoginRequiredMixin, View):
    template_name = "community/forum/post_delete.html"

    def get(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        check_edit_post_permission(request.user, post)
        return render(request, self.template_name, {"post": post, "thread": post.thread})

    def post(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        check_edit_post_permission(request.user, post)
        actions.delete_post(actor=request.user, post=post)
        messages.success(request, "Your post is deleted.")
        return redirect(selectors.post_anchor_url(post))


class PostHistoryView(LoginRequiredMixin, View):
    """What a post said before each edit. Moderators only; 404 to everyone else."""

    def get(self, request, post_id):
        check_view_revisions_permission(request.user)
        post = access_post_by_id(user=request.user, post_id=post_id)
        context = {
            "post": post,
            "thread": post.thread,
            "revisions": selectors.post_revisions(post=post),
        }
        return render(request, "community/forum/post_history.html", context)


class PostReactView(LoginRequiredMixin, View):
    """Toggle one reaction. Works as a plain form; htmx swaps just the reaction buttons."""

    def post(self, request, post_id):
        post = access_post_by_id(user=request.user, post_id=post_id)
        check_react_to_post_permission(request.user, post)
        form = ReactionForm(request.POST)
        if not form.is_valid():
            raise Http404("No such reaction.")
        kind = ReactionKind(form.cleaned_data["kind"])
        if form.cleaned_data["on"]:
            actions.add_reaction(user=request.user, post=post, kind=kind)
        else:
            actions.remove_reaction(user=request.user, post=post, kind=kind)
        if request.htmx:
            selectors.annotate_single_post(post=post, user=request.user)
            return render(request, "community/forum/_reactions.html", {"post": post})
        return redirect(selectors.post_anchor_url(post))


class ThreadMuteView(LoginRequiredMixin, View):
    def post(self, request, thread_id):
        thread = access_thread_by_id(user=request.user, thread_id=thread_id)
        form = MuteForm(request.POST)
        form.is_valid()
        if form.cleaned_data.get("mute"):
            actions.mute_thread(user=request.user, thread=thread)
            messages.success(request, "Thread muted: you won't be told about replies to it.")
        else:
            actions.unmute_thread(user=request.user, thread=thread)
            messages.success(request, "Thread unmuted: you'll be told about replies again.")
        return redirect("community:thread", thread_id=thread.pk)
