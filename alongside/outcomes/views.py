"""A member's own wellbeing pages: their choice, their check-in, their answers to each
measure, and their progress. Every view works only on the signed-in member's own
check-in and answers: none takes a check-in or response id from the request."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views import View

from alongside.outcomes import actions, selectors
from alongside.outcomes.choices import ResponseStatus
from alongside.outcomes.forms import ConsentForm, MeasureForm
from alongside.outcomes.progress import progress_of


def _start_check_in(request):
    """POST "Check in now": their waiting check-in, or a new one."""
    try:
        actions.start_own_check_in(member=request.user)
    except PermissionDenied:
        messages.info(request, "Say yes to wellbeing check-ins first. It's up to you.")
        return redirect("outcomes:consent")
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("outcomes:progress")
    return redirect("outcomes:check_in")


def _measure_states(check_in) -> list[dict]:
    """Each measure asked now, with how far the member got in this check-in."""
    responses = {
        response.measure_id: response
        for response in selectors.responses_of(check_in.member, check_in=check_in)
    }
    states = []
    for measure in selectors.ready_measures():
        response = responses.get(measure.pk)
        if response is None or not response.answers:
            state = "Not started"
        elif response.status == ResponseStatus.COMPLETE:
            state = "Done"
        else:
            state = "Saved, not finished"
        states.append(
            {"measure": measure, "state": state, "done": state == "Done", "response": response}
        )
    return states


class ProgressView(LoginRequiredMixin, View):
    """/wellbeing/: what check-ins are, the member's choice, and their own scores over time."""

    def get(self, request):
        member = request.user
        preference = selectors.preference_for(member)
        context = {
            "preference": preference,
            "consented": preference is not None and preference.consented is True,
            "undecided": preference is None or preference.consented is None,
            # Soon after an urgent safety-net event we don't prompt them to check in: the
            # page says check-ins are paused, and they can still open one themselves.
            "paused": selectors.quiet_until(member) is not None,
            "open_check_in": selectors.open_check_in(member),
            "progress": progress_of(selectors.completed_responses_of(member)),
            "has_answers": selectors.responses_of(member).exists(),
            "settings": selectors.outcomes_settings(),
        }
        return render(request, "outcomes/progress.html", context)

    def post(self, request):
        return _start_check_in(request)


class ConsentView(LoginRequiredMixin, View):
    """/wellbeing/choice/: yes or no to check-ins, and whether to be invited by email."""

    template_name = "outcomes/consent.html"

    def get(self, request):
        preference = selectors.preference_for(request.user)
        initial = {}
        if preference is not None:
            if preference.consented is not None:
                initial["consent"] = "yes" if preference.consented else "no"
            initial["by_email"] = preference.by_email
        return self.render_page(request, ConsentForm(initial=initial))

    def post(self, request):
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        was_yes = selectors.has_consented(request.user)
        actions.set_consent(
            member=request.user,
            consented=form.consented,
            by_email=form.cleaned_data["by_email"],
        )
        if form.consented and not was_yes and selectors.open_check_in(request.user):
            messages.success(
                request,
                "Thank you. Here is your first check-in. Answer as much or as little as you like.",
            )
            return redirect("outcomes:check_in")
        if form.consented:
            messages.success(request, "Thank you. We've saved your choice: yes to check-ins.")
        else:
            messages.success(
                request, "We've saved your choice: no check-ins. You can change your mind here."
            )
        return redirect("outcomes:progress")

    def render_page(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "settings": selectors.outcomes_settings()},
            status=status,
        )


class CheckInView(LoginRequiredMixin, View):
    """/wellbeing/check-in/: the member's open check-in and how far they've got."""

    def get(self, request):
        member = request.user
        if not selectors.has_consented(member):
            return redirect("outcomes:consent")
        check_in = selectors.open_check_in(member)
        states = _measure_states(check_in) if check_in else []
        context = {
            "check_in": check_in,
            "states": states,
            "next_state": next((state for state in states if not state["done"]), None),
            "just_finished": check_in is None and request.GET.get("done") == "1",
        }
        return render(request, "outcomes/check_in.html", context)

    def post(self, request):
        return _start_check_in(request)


class SkipCheckInView(LoginRequiredMixin, View):
    """/wellbeing/check-in/skip/: "not now", after a confirmation."""

    def get(self, request):
        if selectors.open_check_in(request.user) is None:
            return redirect("outcomes:progress")
        return render(request, "outcomes/skip.html", {"settings": selectors.outcomes_settings()})

    def post(self, request):
        check_in = selectors.open_check_in(request.user)
        if check_in is None:
            messages.info(request, "There's no check-in waiting, so there's nothing to skip.")
            return redirect("outcomes:progress")
        try:
            actions.skip_check_in(check_in=check_in, member=request.user)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
            return redirect("outcomes:progress")
        months = selectors.outcomes_settings().interval_months
        messages.success(
            request,
            "That's fine: you've skipped this check-in. "
            f"We'll invite you again in about {months} month{pluralize(months)}.",
        )
        return redirect("outcomes:progress")


class MeasureView(LoginRequiredMixin, View):
    """/wellbeing/check-in/<key>/: the questions of one measure in the open check-in."""

    template_name = "outcomes/measure.html"

    def dispatch(self, request, *args, key, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, key=key, **kwargs)
        self.measure = next((m for m in selectors.ready_measures() if m.key == key), None)
        if self.measure is None:
            raise Http404("No such questions.")
        if not selectors.has_consented(request.user):
            return redirect("outcomes:consent")
        self.check_in = selectors.open_check_in(request.user)
        if self.check_in is None:
            messages.info(
                request,
                "There's no check-in open just now, so these answers can't be changed. "
                "You can start a new check-in from this page whenever you like.",
            )
            return redirect("outcomes:progress")
        return super().dispatch(request, *args, key=key, **kwargs)

    def saved_response(self):
        return (
            selectors.responses_of(self.request.user, check_in=self.check_in)
            .filter(measure=self.measure)
            .first()
        )

    def get(self, request, key):
        response = self.saved_response()
        initial = {k: str(v) for k, v in response.answers.items()} if response else {}
        form = MeasureForm(measure=self.measure, initial=initial)
        return self.render_page(request, form)

    def post(self, request, key):
        form = MeasureForm(request.POST, measure=self.measure)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        finish = "finish" in request.POST
        answers = form.answers()
        if not answers and self.saved_response() is None:
            return self.nothing_answered(request, finish)
        try:
            response = actions.save_answers(
                check_in=self.check_in,
                member=request.user,
                measure=self.measure,
                answers=answers,
                finish=finish,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_action_errors(error.message_dict)
                return self.render_page(request, form, status=400)
            messages.info(request, " ".join(error.messages))
            return redirect("outcomes:progress")
        if response.status == ResponseStatus.COMPLETE:
            return self.after_finishing(request)
        if finish:
            unanswered = self.measure.parsed.unanswered(response.answers)
            return self.render_page(
                request,
                MeasureForm(
                    measure=self.measure,
                    initial={k: str(v) for k, v in response.answers.items()},
                ),
                unanswered=[item.key for item in unanswered],
            )
        messages.success(
            request,
            "We've saved your answers so far. You can come back and finish them whenever you like.",
        )
        return redirect("outcomes:check_in")

    def nothing_answered(self, request, finish):
        """Nothing answered and nothing saved before: store nothing (an empty draft would
        count as "answers" on the delete page) and say so."""
        if finish:
            form = MeasureForm(measure=self.measure)
            return self.render_page(request, form, nothing_answered=True)
        messages.info(
            request,
            "You haven't answered any of these questions yet, so there was nothing to save.",
        )
        return redirect("outcomes:check_in")

    def after_finishing(self, request):
        name = self.measure.parsed.short_name
        if selectors.open_check_in(request.user) is None:
            return redirect(reverse("outcomes:check_in") + "?done=1")
        messages.success(request, f"Thank you. Your answers about {name} are saved.")
        for state in _measure_states(self.check_in):
            if not state["done"]:
                return redirect("outcomes:measure", key=state["measure"].key)
        return redirect("outcomes:check_in")

    def render_page(self, request, form, status=200, unanswered=(), nothing_answered=False):
        numbers = [form.numbers[key] for key in unanswered]
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "measure": self.measure,
                "definition": self.measure.parsed,
                "unanswered": list(unanswered),
                "unanswered_words": _numbers_words(numbers),
                "unanswered_count": len(numbers),
                "nothing_answered": nothing_answered,
            },
            status=status,
        )


def _numbers_words(numbers: list[int]) -> str:
    """[3] -> "Question 3"; [3, 5] -> "Questions 3 and 5"; [1, 2, 4] -> "Questions 1, 2 and 4"."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"Question {numbers[0]}"
    listed = ", ".join(str(number) for number in numbers[:-1])
    return f"Questions {listed} and {numbers[-1]}"


class DeleteAnswersView(LoginRequiredMixin, View):
    """/wellbeing/delete/: erase every check-in and answer, after a confirmation."""

    def get(self, request):
        count = selectors.responses_of(request.user).count()
        return render(request, "outcomes/delete.html", {"count": count})

    def post(self, request):
        count = actions.delete_my_answers(member=request.user)
        if count:
            messages.success(
                request,
                f"We've deleted all your answers, to {count} set{pluralize(count)} of questions. "
                "Nobody can see them now.",
            )
        else:
            messages.info(request, "You had no answers saved, so there was nothing to delete.")
        return redirect("outcomes:progress")
