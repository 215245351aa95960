"""Forum pages for spaces: the list, one space's threads, creating and changing spaces
(coordinators), and reading and accepting a space's guidelines."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.common.http import local_path
from alongside.community.actions import forum as actions
from alongside.community.errors import CommunityActionError
from alongside.community.forms_forum import AcceptGuidelinesForm, SpaceForm
from alongside.community.permissions.forum import (
    access_space_by_slug,
    check_manage_spaces_permission,
)
from alongside.community.permissions.roles import is_coordinator, is_moderator
from alongside.community.permissions.rooms import has_accepted_guidelines
from alongside.community.selectors import forum as selectors


def _safe_next(request, fallback: str) -> str:
    return local_path(request.POST.get("next") or request.GET.get("next")) or fallback


# ---- Spaces ------------------------------------------------------------------------------


class SpaceListView(LoginRequiredMixin, View):
    def get(self, request):
        context = {
            "spaces": selectors.space_list(user=request.user),
            "can_manage": is_coordinator(request.user),
        }
        return render(request, "community/forum/spaces.html", context)


class SpaceCreateView(LoginRequiredMixin, View):
    template_name = "community/forum/space_form.html"

    def get(self, request):
        check_manage_spaces_permission(request.user)
        return render(request, self.template_name, {"form": SpaceForm()})

    def post(self, request):
        check_manage_spaces_permission(request.user)
        form = SpaceForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        space = actions.create_space(
            actor=request.user, details=form.details(), topics=form.cleaned_data["topics"]
        )
        messages.success(request, f"The space \u201c{space.name}\u201d is ready.")
        return redirect("community:space", slug=space.slug)


class SpaceEditView(LoginRequiredMixin, View):
    template_name = "community/forum/space_form.html"

    def get(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        check_manage_spaces_permission(request.user)
        context = {"form": SpaceForm(instance=space), "space": space}
        return render(request, self.template_name, context)

    def post(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        check_manage_spaces_permission(request.user)
        form = SpaceForm(request.POST, instance=space)
        if not form.is_valid():
            context = {"form": form, "space": space}
            return render(request, self.template_name, context, status=400)
        details = form.details()
        space.refresh_from_db()  # the form changed the instance in place
        actions.update_space(
            actor=request.user, space=space, details=details, topics=form.cleaned_data["topics"]
        )
        messages.success(request, "Your changes to the space are saved.")
        return redirect("community:space", slug=space.slug)


class SpaceArchiveView(LoginRequiredMixin, View):
    def post(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        check_manage_spaces_permission(request.user)
        archived = request.POST.get("archive") == "1"
        actions.archive_space(actor=request.user, space=space, archived=archived)
        if archived:
            messages.success(request, f"\u201c{space.name}\u201d is archived: it is read-only.")
        else:
            messages.success(request, f"\u201c{space.name}\u201d is open again.")
        return redirect("community:space", slug=space.slug)


class SpaceDetailView(LoginRequiredMixin, View):
    def get(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        page = selectors.space_threads_page(
            user=request.user, space=space, page_number=request.GET.get("page")
        )
        context = {
            "space": space,
            "page": page,
            "is_moderator": is_moderator(request.user),
            "can_manage": is_coordinator(request.user),
        }
        return render(request, "community/forum/space.html", context)


class SpaceGuidelinesView(LoginRequiredMixin, View):
    """Read a space's guidelines and accept them: before a first post, or before chatting
    (the chat page links here with ?next=)."""

    template_name = "community/forum/guidelines.html"

    def render_page(self, request, space, form=None, *, problem="", status=200):
        if form is None:
            form = AcceptGuidelinesForm(initial={"version": space.guidelines_version})
        context = {
            "space": space,
            "form": form,
            "problem": problem,
            "accepted": has_accepted_guidelines(request.user, space),
            "next": _safe_next(request, ""),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        return self.render_page(request, space)

    def post(self, request, slug):
        space = access_space_by_slug(user=request.user, slug=slug)
        form = AcceptGuidelinesForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, space, form, status=400)
        try:
            actions.accept_guidelines(
                user=request.user, space=space, version=form.cleaned_data["version"]
            )
        except CommunityActionError as error:
            return self.render_page(request, space, problem=error.message, status=400)
        messages.success(request, "Thank you. You can post in this space now.")
        return redirect(_safe_next(request, reverse("community:space", args=[space.slug])))
