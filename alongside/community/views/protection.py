"""Community settings (direct messages, muted words, digest), taking a break, blocking."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from alongside.common.http import local_path
from alongside.community.actions import protection
from alongside.community.forms_members import BreakForm, CommunitySettingsForm
from alongside.community.permissions.members import (
    access_member_by_id,
    check_block_member_permission,
)
from alongside.community.selectors.protections import blocked_members, has_blocked, settings_for

TEMPLATE = "community/members/settings.html"


def render_settings(request, *, form=None, break_form=None, status=200):
    row = settings_for(request.user)
    on_break = row.break_until is not None and row.break_until > timezone.now()
    context = {
        "form": form or CommunitySettingsForm(initial=CommunitySettingsForm.initial_for(row)),
        "break_form": break_form or BreakForm(),
        "break_until": row.break_until if on_break else None,
        "blocked_members": blocked_members(request.user),
    }
    return render(request, TEMPLATE, context, status=status)


class CommunitySettingsView(LoginRequiredMixin, View):
    def get(self, request):
        return render_settings(request)

    def post(self, request):
        form = CommunitySettingsForm(request.POST)
        if not form.is_valid():
            return render_settings(request, form=form, status=400)
        protection.update_community_settings(actor=request.user, **form.cleaned_data)
        messages.success(request, "Your community settings are saved.")
        return redirect("community:settings")


class TakeBreakView(LoginRequiredMixin, View):
    def post(self, request):
        form = BreakForm(request.POST)
        if not form.is_valid():
            return render_settings(request, break_form=form, status=400)
        protection.take_break(actor=request.user, length=form.cleaned_data["length"])
        messages.success(request, "Your break has started. Take care of yourself.")
        return redirect("community:settings")


class EndBreakView(LoginRequiredMixin, View):
    def post(self, request):
        protection.end_break(actor=request.user)
        messages.success(request, "Welcome back. Your break has ended.")
        return redirect(local_path(request.POST.get("next")) or "community:settings")


class BlockMemberView(LoginRequiredMixin, View):
    """GET asks to confirm (for links from a post or message menu); POST blocks."""

    template_name = "community/members/block.html"

    def _member(self, request, user_id):
        member = access_member_by_id(user=request.user, member_id=user_id)
        return member

    def get(self, request, user_id):
        member = self._member(request, user_id)
        try:
            check_block_member_permission(request.user, member)
        except PermissionDenied as refusal:
            return render(
                request, self.template_name, {"member": member, "refusal": str(refusal)}, status=403
            )
        already = has_blocked(blocker=request.user, blocked=member)
        return render(request, self.template_name, {"member": member, "already": already})

    def post(self, request, user_id):
        member = self._member(request, user_id)
        try:
            check_block_member_permission(request.user, member)
        except PermissionDenied as refusal:
            return render(
                request, self.template_name, {"member": member, "refusal": str(refusal)}, status=403
            )
        protection.block_member(actor=request.user, member=member)
        name = member.profile.display_name
        messages.success(
            request, f"You've blocked {name}. They won't be told. You can unblock them here."
        )
        return redirect("community:settings")


class UnblockMemberView(LoginRequiredMixin, View):
    def post(self, request, user_id):
        member = access_member_by_id(user=request.user, member_id=user_id)
        protection.unblock_member(actor=request.user, member=member)
        messages.success(request, f"You've unblocked {member.profile.display_name}.")
        return redirect(local_path(request.POST.get("next")) or "community:settings")
