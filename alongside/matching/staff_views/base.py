"""The base for every coordinator matching page, and small helpers they share."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from alongside.accounts.choices import LANGUAGE_NAMES
from alongside.matching.choices import AgeGroup, Gender, MatchMode
from alongside.matching.permissions import check_coordinate_matching_permission


class CoordinatorView(View):
    """Coordinators with two-factor only; the same 404 for anyone else, signed in or not."""

    def dispatch(self, request, *args, **kwargs):
        check_coordinate_matching_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class CoordinatorFormView(CoordinatorView):
    """One of several forms on a page about one thing (a supporter, a match): validate it,
    call the action, and go back to the page; or show the page again with the form's
    errors beside its fields, or the action's refusal above everything."""

    form_class = None
    key = ""  # the page's name for this form (and its prefix, if `prefixed`)
    prefixed = False

    def access(self, request, **kwargs):
        raise NotImplementedError

    def save(self, request, thing, data) -> str:
        """Call the action; return what to tell the coordinator."""
        raise NotImplementedError

    def render_again(self, request, thing, *, bound=None, problem="", status=200):
        raise NotImplementedError

    def success_url(self, thing) -> str:
        raise NotImplementedError

    def post(self, request, **kwargs):
        thing = self.access(request, **kwargs)
        form = self.form_class(request.POST, prefix=self.key if self.prefixed else None)
        if form.is_valid():
            try:
                message = self.save(request, thing, form.cleaned_data)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return self.render_again(
                        request, thing, problem=first_message(error), status=400
                    )
                form.add_action_error(error)
            else:
                messages.success(request, message)
                return redirect(self.success_url(thing))
        return self.render_again(request, thing, bound={self.key: form}, status=400)


def waited(since) -> str:
    """How long someone has been waiting, in words: "5 weeks", "3 days", "4 months"."""
    if since is None:
        return ""
    gap = timezone.now() - since
    if gap < timedelta(hours=1):
        return "less than an hour"
    if gap < timedelta(days=1):
        return _count(gap.seconds // 3600, "hour")
    if gap < timedelta(days=14):
        return _count(gap.days, "day")
    if gap < timedelta(days=91):
        return _count(gap.days // 7, "week")
    return _count(gap.days // 30, "month")


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def labels(values, choices) -> list[str]:
    names = dict(choices)
    return [str(names.get(value, value)) for value in values or []]


def language_names(codes) -> list[str]:
    return [LANGUAGE_NAMES.get(code, code) for code in codes or []]


def mode_names(values) -> list[str]:
    return labels(values, MatchMode.choices)


def age_group_names(values) -> list[str]:
    return labels(values, AgeGroup.choices)


def gender_names(values) -> list[str]:
    return labels(values, Gender.choices)


def render_page(request, template: str, context: dict, *, status: int = 200):
    return render(request, f"matching/staff/{template}", context, status=status)


def first_message(error: ValidationError) -> str:
    return error.messages[0]
