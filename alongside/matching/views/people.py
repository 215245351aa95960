"""Asking for support, offering it, and the mentoring and befriending home page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.community.text import NO_RISK
from alongside.matching import presenters, selectors_people
from alongside.matching.actions import requests as request_actions
from alongside.matching.actions import supporters as supporter_actions
from alongside.matching.choices import RequestStatus, SupporterStatus, SupportKind
from alongside.matching.forms import SupporterForm, SupportRequestForm
from alongside.matching.permissions import access_support_request_by_id
from alongside.safety.views_support import after_writing

# Someone with an application in hand or approved changes it; anyone else may apply.
STILL_APPLYING = (SupporterStatus.APPLIED, SupporterStatus.APPROVED)


class MatchingHomeView(LoginRequiredMixin, View):
    """What mentoring and befriending are, my requests, my matches, and the way in to
    offering support."""

    def get(self, request):
        return render(request, "matching/home.html", presenters.home_page(user=request.user))


# ----------------------------------------------------------------------------------------
# Asking for support
# ----------------------------------------------------------------------------------------


def _kind_or_404(kind: str) -> SupportKind:
    if kind not in SupportKind.values:
        raise Http404("No such kind of support.")
    return SupportKind(kind)


class SupportRequestView(LoginRequiredMixin, View):
    """Ask for a mentor or befriender, or change a request that is still waiting."""

    template_name = "matching/request_form.html"

    def render_page(self, request, kind, existing, form=None, status=200):
        if form is None and (existing is None or existing.status == RequestStatus.WAITING):
            form = self.make_form(request, kind, existing)
        context = {
            "kind": kind,
            "noun": presenters.supporter_noun(kind),
            "existing": existing,
            "form": form,
            "match": presenters.live_match_of(existing) if existing else None,
        }
        return render(request, self.template_name, context, status=status)

    def make_form(self, request, kind, existing, data=None):
        if existing is not None:
            initial = SupportRequestForm.initial_from_request(existing)
            held = existing.topics.values_list("pk", flat=True)
        else:
            initial = SupportRequestForm.initial_from_profile(request.user.profile)
            held = ()
        return SupportRequestForm(data, kind=kind, initial=initial, held_topic_ids=held)

    def get(self, request, kind):
        kind = _kind_or_404(kind)
        existing = selectors_people.open_request_of(request.user, kind)
        return self.render_page(request, kind, existing)

    def post(self, request, kind):
        kind = _kind_or_404(kind)
        existing = selectors_people.open_request_of(request.user, kind)
        if existing is not None and existing.status != RequestStatus.WAITING:
            return self.render_page(request, kind, existing, status=400)
        form = self.make_form(request, kind, existing, data=request.POST)
        if not form.is_valid():
            return self.render_page(request, kind, existing, form, status=400)
        try:
            if existing is None:
                saved = request_actions.create_support_request(
                    member=request.user, actor=request.user, data=form.data_for_action()
                )
            else:
                saved = request_actions.update_support_request(
                    support_request=existing, actor=request.user, data=form.data_for_action()
                )
        except ValidationError as error:
            form.add_action_error(error)
            return self.render_page(request, kind, existing, form, status=400)
        noun = presenters.supporter_noun(kind)
        success = (
            f"Thank you. We'll let you know as soon as we've found a {noun} for you."
            if existing is None
            else "Your request has been updated."
        )
        wrote = existing is None or "about" in form.changed_data
        return after_writing(
            request,
            risk=saved.risk if wrote else NO_RISK,
            held=saved.text_held,
            back_url=reverse("matching:home"),
            success=success,
        )


class WithdrawRequestView(LoginRequiredMixin, View):
    """A confirm page, then withdraw (a proposal waiting on it is called off)."""

    def own_request(self, request, request_id):
        support_request = access_support_request_by_id(user=request.user, request_id=request_id)
        if support_request.member_id != request.user.pk:
            raise Http404("No such request.")  # coordinators use the staff pages
        return support_request

    def get(self, request, request_id):
        support_request = self.own_request(request, request_id)
        status = support_request.status
        context = {
            "support_request": support_request,
            "noun": presenters.supporter_noun(support_request.kind),
            "can_withdraw": status in (RequestStatus.WAITING, RequestStatus.PROPOSED),
            "match": presenters.live_match_of(support_request)
            if status == RequestStatus.MATCHED
            else None,
        }
        return render(request, "matching/withdraw_request.html", context)

    def post(self, request, request_id):
        support_request = self.own_request(request, request_id)
        try:
            request_actions.withdraw_support_request(
                support_request=support_request, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "You've withdrawn your request. You can ask again whenever you like.",
            )
        return redirect("matching:home")


# ----------------------------------------------------------------------------------------
# Offering support
# ----------------------------------------------------------------------------------------


class SupporterAreaView(LoginRequiredMixin, View):
    """My application or supporter profile, my caseload, and taking a break."""

    def get(self, request):
        return render(
            request, "matching/supporter.html", presenters.supporter_page(user=request.user)
        )

    def post(self, request):
        profile = selectors_people.supporter_profile_of(request.user)
        if profile is None:
            return redirect("matching:apply")
        choice = request.POST.get("action")
        try:
            if choice == "pause":
                supporter_actions.pause_supporting(profile=profile, actor=request.user)
                messages.success(
                    request,
                    "You're taking a break. We won't suggest anyone new until you're back.",
                )
            elif choice == "resume":
                supporter_actions.resume_supporting(profile=profile, actor=request.user)
                messages.success(request, "Welcome back. We can suggest new matches again.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("matching:supporter")


class SupporterFormView(LoginRequiredMixin, View):
    """Apply to be a supporter (`editing` False) or change your supporter profile."""

    editing = False
    template_name = "matching/supporter_form.html"

    def render_page(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "editing": self.editing}, status=status
        )

    def make_form(self, request, profile, data=None):
        if profile is not None:
            initial = SupporterForm.initial_from_supporter(profile)
            held = profile.topics.values_list("pk", flat=True)
        else:
            initial = SupporterForm.initial_from_profile(request.user.profile)
            held = ()
        return SupporterForm(data, initial=initial, held_topic_ids=held)

    def profile_or_redirect(self, request):
        profile = selectors_people.supporter_profile_of(request.user)
        if self.editing and profile is None:
            return None, redirect("matching:apply")
        if not self.editing and profile is not None and profile.status in STILL_APPLYING:
            return None, redirect("matching:supporter")
        return profile, None

    def get(self, request):
        profile, elsewhere = self.profile_or_redirect(request)
        return elsewhere or self.render_page(request, self.make_form(request, profile))

    def post(self, request):
        profile, elsewhere = self.profile_or_redirect(request)
        if elsewhere:
            return elsewhere
        form = self.make_form(request, profile, data=request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        try:
            if not self.editing:  # a first application, or again after a decision
                saved = supporter_actions.apply_to_support(
                    user=request.user, data=form.data_for_action()
                )
            else:
                saved = supporter_actions.update_supporter_profile(
                    profile=profile, actor=request.user, data=form.data_for_action()
                )
        except ValidationError as error:
            form.add_action_error(error)
            return self.render_page(request, form, status=400)
        wrote = not self.editing or {"motivation", "experience"} & set(form.changed_data)
        return after_writing(
            request,
            risk=saved.risk if wrote else NO_RISK,
            held=saved.text_held,
            back_url=reverse("matching:supporter"),
            success=(
                "Your supporter profile has been saved."
                if self.editing
                else "Thank you for offering to help. A coordinator will get in touch to "
                "arrange a chat and training."
            ),
        )


class SupporterEditView(SupporterFormView):
    editing = True
