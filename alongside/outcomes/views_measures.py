"""Coordinators' pages for the wellbeing measures and when members are asked. Each view
checks permission, validates its form, calls one action and renders or redirects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from alongside.outcomes import actions_measures
from alongside.outcomes.forms_measures import (
    ItemWordingForm,
    MeasureActiveForm,
    OutcomesSettingsForm,
)
from alongside.outcomes.models import Measure
from alongside.outcomes.permissions import access_measure_by_key, check_manage_measures_permission
from alongside.outcomes.selectors import outcomes_settings
from alongside.staff.views import StaffAreaMixin


def measure_status(measure: Measure) -> str:
    """In words: is it being asked, and if not, why not."""
    if not measure.is_active:
        return "Stopped"
    missing = len(measure.missing_wording)
    if missing:
        return f"Needs its wording: {missing} statement{'' if missing == 1 else 's'} to enter"
    return "Being asked"


class CoordinatorPageMixin(StaffAreaMixin):
    """A staff page only coordinators may open: `check_permission` says which rule."""

    check_permission = staticmethod(check_manage_measures_permission)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class MeasureListView(CoordinatorPageMixin, View):
    def get(self, request):
        rows = [
            {"measure": measure, "status": measure_status(measure), "items": len(measure.items())}
            for measure in Measure.objects.all()
        ]
        return render(request, "outcomes/staff/measures.html", {"rows": rows})


class MeasureDetailView(CoordinatorPageMixin, View):
    def get(self, request, key):
        measure = access_measure_by_key(viewer=request.user, key=key)
        return self.render_page(request, measure)

    def post(self, request, key):
        measure = access_measure_by_key(viewer=request.user, key=key)
        if request.POST.get("form") == "active":
            return self.post_active(request, measure)
        return self.post_wording(request, measure)

    def post_wording(self, request, measure):
        if not measure.parsed.wording_licensed:
            messages.error(request, "This measure's wording is shipped with it. Nothing changed.")
            return redirect("outcomes_staff:measure", key=measure.key)
        form = ItemWordingForm(request.POST, measure=measure)
        if form.is_valid():
            try:
                actions_measures.set_item_wording(
                    measure=measure, actor=request.user, wording=form.cleaned_data
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, "Saved. Members will see this wording when asked.")
                return redirect("outcomes_staff:measure", key=measure.key)
        return self.render_page(request, measure, wording_form=form, status=400)

    def post_active(self, request, measure):
        form = MeasureActiveForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That wasn't understood. Nothing changed.")
            return redirect("outcomes_staff:measure", key=measure.key)
        active = form.cleaned_data["active"]
        measure = actions_measures.set_measure_active(
            measure=measure, actor=request.user, active=active
        )
        if active and measure.missing_wording:
            messages.success(
                request,
                "Started. Members will be asked it once every statement has its wording.",
            )
        elif active:
            messages.success(request, "Started. Members will be asked it at their next check-in.")
        else:
            messages.success(
                request, "Stopped. Members won't be asked it; answers already given stay."
            )
        return redirect("outcomes_staff:measure", key=measure.key)

    def render_page(self, request, measure, *, wording_form=None, status=200):
        definition = measure.parsed
        if wording_form is None and definition.wording_licensed:
            wording_form = ItemWordingForm(measure=measure)
        context = {
            "measure": measure,
            "definition": definition,
            "status": measure_status(measure),
            "items": list(enumerate(measure.items(), start=1)),
            "conversion": sorted(definition.conversion.items()),
            "wording_form": wording_form,
        }
        return render(request, "outcomes/staff/measure.html", context, status=status)


class SettingsView(CoordinatorPageMixin, View):
    def get(self, request):
        form = OutcomesSettingsForm(initial=OutcomesSettingsForm.initial_from(outcomes_settings()))
        return self.render_page(request, form)

    def post(self, request):
        form = OutcomesSettingsForm(request.POST)
        if form.is_valid():
            try:
                actions_measures.update_outcomes_settings(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, "Saved. New check-ins will follow these settings.")
                return redirect("outcomes_staff:settings")
        return self.render_page(request, form, status=400)

    def render_page(self, request, form, status=200):
        return render(request, "outcomes/staff/settings.html", {"form": form}, status=status)
