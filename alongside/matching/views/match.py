"""One page per match that shows what to do next for whichever state the match is in,
and the forms posted from it. Only the two people in the match may use it; to anyone else
it doesn't exist (404)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.matching import presenters, selectors
from alongside.matching.actions import agreements, contact, endings, proposals
from alongside.matching.choices import MatchStatus
from alongside.matching.forms import (
    AgreementForm,
    CheckInForm,
    ConfirmAgreementForm,
    EndForm,
    FeedbackForm,
    ReflectionForm,
    RespondForm,
    ReviewForm,
)
from alongside.matching.permissions import (
    access_match_by_id,
    check_member_side,
    check_supporter_side,
    is_participant,
)
from alongside.safety.views_support import after_writing


def _participant_match(request, match_id):
    """A match the viewer is in. A coordinator who isn't in it goes to the staff page."""
    match = access_match_by_id(user=request.user, match_id=match_id)
    if not is_participant(request.user, match):
        raise Http404("No such match.")
    return match


def render_match_page(request, match, *, status=200, **bound_forms):
    match = selectors.match_for_page(match)
    context = presenters.match_page(user=request.user, match=match, bound_forms=bound_forms)
    return render(request, "matching/match.html", context, status=status)


class MatchView(LoginRequiredMixin, View):
    def get(self, request, match_id):
        match = access_match_by_id(user=request.user, match_id=match_id)
        if not is_participant(request.user, match):
            return redirect("matching_staff:match", match_id=match.pk)
        return render_match_page(request, match)


class MatchFormView(LoginRequiredMixin, View):
    """One form on the match page: check who may post it, validate, call the action, and
    show the page again with the errors beside the fields if anything is wrong."""

    form_class = None
    form_name = ""  # the key the match page uses for this form
    side = None  # "member", "supporter", or None for either
    anchor = ""

    def form_kwargs(self, request, match) -> dict:
        return {}

    def perform(self, request, match, form):
        raise NotImplementedError

    def post(self, request, match_id):
        match = _participant_match(request, match_id)
        if self.side == "member":
            check_member_side(request.user, match)
        elif self.side == "supporter":
            check_supporter_side(request.user, match)
        form = self.form_class(request.POST, **self.form_kwargs(request, match))
        if form.is_valid():
            try:
                return self.perform(request, match, form)
            except ValidationError as error:
                form.add_action_error(error)
        return render_match_page(request, match, status=400, **{self.form_name: form})

    def back_url(self, match):
        url = reverse("matching:match", args=[match.pk])
        return f"{url}#{self.anchor}" if self.anchor else url

    def done(self, request, match, message):
        messages.success(request, message)
        return redirect(self.back_url(match))

    def done_writing(self, request, match, content, message):
        """After storing member text: the support panel or page if the risk check
        flagged it."""
        return after_writing(
            request,
            risk=content.risk,
            held=False,
            back_url=self.back_url(match),
            success=message,
        )


class MatchRespondView(MatchFormView):
    form_class = RespondForm
    form_name = "respond_form"

    def perform(self, request, match, form):
        accept = form.cleaned_data["answer"] == "accept"
        match = proposals.respond_to_match(
            match=match, user=request.user, accept=accept, reason=form.cleaned_data["reason"]
        )
        if not accept:
            messages.success(
                request,
                "Thank you for letting us know. We'll keep looking"
                + (" for the right person." if request.user.pk == match.member_id else "."),
            )
            return redirect("matching:home")
        if match.status == MatchStatus.ACTIVE:
            return self.done(request, match, "You've both said yes. Your match has started.")
        return self.done(
            request, match, "Thank you. We'll let you know when the other person has answered."
        )


class MatchAgreementView(MatchFormView):
    form_class = AgreementForm
    form_name = "agreement_form"
    anchor = "agreement"

    def perform(self, request, match, form):
        agreement = agreements.save_agreement(
            match=match, actor=request.user, data=form.cleaned_data
        )
        return self.done(
            request,
            match,
            f"Agreement saved (version {agreement.version}). We've asked the other person "
            "to read and confirm it.",
        )


class MatchAgreementConfirmView(MatchFormView):
    form_class = ConfirmAgreementForm
    form_name = "confirm_form"
    anchor = "agreement"

    def perform(self, request, match, form):
        agreement = agreements.confirm_agreement(
            match=match, user=request.user, version=form.cleaned_data["version"]
        )
        message = (
            "You've both confirmed the agreement."
            if agreement.is_confirmed
            else "You've confirmed the agreement."
        )
        return self.done(request, match, message)


class MatchCheckInView(MatchFormView):
    form_class = CheckInForm
    form_name = "check_in_form"
    side = "supporter"
    anchor = "check-ins"

    def form_kwargs(self, request, match):
        return {"started_on": presenters.started_on(match)}

    def perform(self, request, match, form):
        check_in = contact.log_check_in(match=match, actor=request.user, **form.cleaned_data)
        message = "Check-in saved."
        if check_in.worried:
            message += " We've let the coordinators know you're worried."
        return self.done_writing(request, match, check_in, message)


class MatchFeedbackView(MatchFormView):
    form_class = FeedbackForm
    form_name = "feedback_form"
    side = "member"
    anchor = "feedback"

    def perform(self, request, match, form):
        feedback = contact.give_feedback(match=match, actor=request.user, **form.cleaned_data)
        return self.done_writing(request, match, feedback, "Thank you for telling us.")


class MatchReviewView(MatchFormView):
    form_class = ReviewForm
    form_name = "review_form"
    anchor = "review"

    def perform(self, request, match, form):
        contact.record_review(match=match, actor=request.user, **form.cleaned_data)
        return self.done(request, match, "Review saved.")


class MatchEndView(MatchFormView):
    form_class = EndForm
    form_name = "end_form"
    anchor = "ending"

    def form_kwargs(self, request, match):
        return {"side": presenters.side_of(request.user, match)}

    def perform(self, request, match, form):
        endings.end_match(match=match, actor=request.user, **form.cleaned_data)
        return self.done(
            request,
            match,
            "Your match has ended. Thank you. When you're ready, you can write a short "
            "reflection below.",
        )


class MatchReflectionView(MatchFormView):
    form_class = ReflectionForm
    form_name = "reflection_form"
    anchor = "reflection"

    def perform(self, request, match, form):
        reflection = endings.write_reflection(
            match=match, actor=request.user, text=form.cleaned_data["text"]
        )
        return self.done_writing(request, match, reflection, "Thank you for your reflection.")
