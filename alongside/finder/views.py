"""The finder's pages: a start page, one question a page (GOV.UK "one thing per page"),
check your answers, and the results. No account needed: the answers live in this browser's
session (finder.session) until the person saves them to their profile or sends them to us."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.accounts.models import Profile
from alongside.community.text import NO_RISK
from alongside.finder import validation
from alongside.finder.answers import STEP_FIELDS, FinderAnswers, Step
from alongside.finder.forms import STEP_FORMS
from alongside.finder.presenters import answer_rows, shown_options
from alongside.finder.profile import save_answers_to_profile
from alongside.finder.selectors import find_support
from alongside.finder.session import (
    answers_in_session,
    current_answers,
    forget_answers,
    keep_answers,
)
from alongside.safety.risk import RiskLevel, assess_risk
from alongside.safety.support import writer_support
from alongside.safety.views_support import after_writing
from alongside.staff.selectors.resources import resources_for_topics

STEPS = list(Step.values)
# contradictions() names "place" for the where step's town field.
FIELD_STEPS = {
    **{field: step for step, names in STEP_FIELDS.items() for field in names},
    "place": Step.WHERE,
}


def step_url(step: str, *, change: bool = False) -> str:
    url = reverse("finder:step", args=[step])
    return f"{url}?change=1" if change else url


def problems_by_step(answers: FinderAnswers) -> list[tuple[str, str]]:
    """Contradictions as (message, link to the step that can fix it)."""
    return [
        (message, step_url(FIELD_STEPS.get(field, Step.TOPICS), change=True))
        for field, message in validation.contradictions(answers).items()
    ]


class FinderStartView(View):
    template_name = "finder/start.html"

    def get(self, request):
        context = {"started": answers_in_session(request) is not None, "first_step": STEPS[0]}
        return render(request, self.template_name, context)

    def post(self, request):
        """Start again: forget the answers in this session."""
        forget_answers(request)
        return redirect("finder:step", step=STEPS[0])


class FinderStepView(View):
    template_name = "finder/step.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        step = kwargs["step"]
        if step not in STEP_FORMS:
            raise Http404("No such question.")
        self.step = step
        self.index = STEPS.index(step)
        self.changing = request.GET.get("change") == "1"

    def back_url(self) -> str:
        if self.changing:
            return reverse("finder:check")
        if self.index == 0:
            return reverse("finder:start")
        return step_url(STEPS[self.index - 1])

    def next_url(self) -> str:
        if self.changing or self.index == len(STEPS) - 1:
            return reverse("finder:check")
        return step_url(STEPS[self.index + 1])

    def render_step(self, form, *, status=200):
        context = {
            "form": form,
            "step": self.step,
            "number": self.index + 1,
            "total": len(STEPS),
            "back_url": self.back_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, step):
        return self.render_step(STEP_FORMS[step](answers=current_answers(request)))

    def post(self, request, step):
        answers = current_answers(request)
        form = STEP_FORMS[step](request.POST, answers=answers)
        if not form.is_valid():
            return self.render_step(form, status=400)
        updated = answers.replace(**form.changes())
        if not form.check_contradictions(updated):
            return self.render_step(form, status=400)
        keep_answers(request, updated)
        return redirect(self.next_url())


class FinderCheckView(View):
    template_name = "finder/check.html"

    def get(self, request):
        answers = current_answers(request)
        context = {
            "rows": [
                (question, answer, step_url(step, change=True))
                for question, answer, step in answer_rows(answers)
            ],
            "problems": problems_by_step(answers),
            "back_url": step_url(STEPS[-1]),
        }
        return render(request, self.template_name, context)


def _support_for_about(request, about: str):
    """The gentle support panel (or, for urgent words, the crisis options) when what they
    wrote in their own words sounds worrying. The text is only assessed, never stored."""
    if not about:
        return None
    return writer_support(user=request.user, risk=assess_risk(about), held=False)


class FinderResultsView(View):
    template_name = "finder/results.html"

    def get(self, request):
        answers = current_answers(request)
        result = find_support(answers)
        support = _support_for_about(request, answers.about)
        context = {
            "answers": answers,
            "result": result,
            "options": shown_options(result.options),
            "nearest": shown_options(result.nearest),
            "resources": resources_for_topics(list(answers.topics)),
            "support": support,
            "urgent": support is not None and support.level == RiskLevel.URGENT,
            "problems": problems_by_step(answers),
            "started": answers_in_session(request) is not None,
            "signup_url": f"{reverse('account_signup')}?next={reverse('finder:results')}",
        }
        return render(request, self.template_name, context)


class FinderSaveView(LoginRequiredMixin, View):
    """Save the answers in this session to the member's profile."""

    def get(self, request):
        # Where logging in from a stale "save" button comes back to: the answers to save.
        return redirect("finder:results")

    def post(self, request):
        answers = answers_in_session(request)
        if answers is None:
            messages.info(request, "There are no answers to save yet.")
            return redirect("finder:start")
        profile = Profile.objects.filter(user=request.user).first()
        if profile is None:
            messages.error(request, "Your account has no profile to save these answers to.")
            return redirect("finder:results")
        other_before = profile.access_needs_other
        profile = save_answers_to_profile(profile=profile, actor=request.user, answers=answers)
        # Support is about what they just wrote: only when the access-needs text changed.
        risk = profile.risk if profile.access_needs_other != other_before else NO_RISK
        return after_writing(
            request,
            risk=risk,
            held=profile.text_held,
            back_url=reverse("finder:results"),
            success="Your answers have been saved to your profile.",
        )
