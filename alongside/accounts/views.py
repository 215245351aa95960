from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from alongside.accounts import actions, places, selectors
from alongside.accounts.forms import ApiTokenForm, ProfileForm
from alongside.accounts.permissions import access_api_token_by_id, access_member_by_id
from alongside.accounts.presenters import profile_rows
from alongside.community.text import NO_RISK
from alongside.safety.views_support import after_writing


class OwnProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile_own.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        user.profile = selectors.profile_with_topics(user=user)
        return super().get_context_data(
            rows=profile_rows(viewer=user, owner=user), profile=user.profile, **kwargs
        )


class MemberProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile_member.html"

    def get_context_data(self, **kwargs):
        member = access_member_by_id(viewer=self.request.user, user_id=self.kwargs["user_id"])
        return super().get_context_data(
            member=member, rows=profile_rows(viewer=self.request.user, owner=member), **kwargs
        )


class ProfileEditView(LoginRequiredMixin, View):
    template_name = "accounts/profile_edit.html"

    def get(self, request):
        form = ProfileForm(instance=selectors.profile_with_topics(user=request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        profile = selectors.profile_with_topics(user=request.user)
        form = ProfileForm(request.POST, instance=profile)
        if not (form.is_valid() and form.apply(actor=request.user)):
            return render(request, self.template_name, {"form": form}, status=400)
        profile = selectors.profile_with_topics(user=request.user)
        # Support is about what they just wrote: only when the free text changed.
        risk = profile.risk if actions.profile_text_changed(form.changed_data) else NO_RISK
        return after_writing(
            request,
            risk=risk,
            held=profile.text_held,
            back_url=reverse("accounts:profile"),
            success="Your profile has been saved.",
        )


class ApiTokenListView(LoginRequiredMixin, View):
    template_name = "accounts/api_tokens.html"

    def render_page(self, request, form, *, new_key=None, status=200):
        tokens = selectors.active_api_tokens(user=request.user)
        context = {"form": form, "tokens": tokens, "new_key": new_key}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        _token, key = actions.create_api_token(user=request.user, name=form.cleaned_data["name"])
        return self.render_page(request, ApiTokenForm(), new_key=key)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, token_id):
        token = access_api_token_by_id(user=request.user, token_id=token_id)
        actions.revoke_api_token(token=token, actor=request.user)
        messages.success(request, f"The token \u201c{token.name}\u201d no longer works.")
        return redirect("accounts:api_tokens")


class PlaceSuggestionsView(View):
    """`<option>`s for the place field's datalist, fetched by htmx as the person types."""

    def get(self, request):
        query = request.GET.get("place", "")[:100]
        suggestions = places.search_places(query)
        return render(request, "accounts/place_options.html", {"places": suggestions})
