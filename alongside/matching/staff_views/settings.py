"""How much each preference counts when matching."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from alongside.matching.actions import weights as actions
from alongside.matching.forms_staff import MatchingSettingsForm
from alongside.matching.selectors_people import matching_settings
from alongside.matching.staff_views.base import CoordinatorView, render_page


class SettingsView(CoordinatorView):
    def get(self, request):
        form = MatchingSettingsForm(initial=MatchingSettingsForm.initial_from(matching_settings()))
        return self.render_form(request, form)

    def post(self, request):
        form = MatchingSettingsForm(request.POST)
        if form.is_valid():
            try:
                actions.update_matching_settings(actor=request.user, weights=form.cleaned_data)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, "Saved. The next matching run will use these weights.")
                return redirect("matching_staff:settings")
        return self.render_form(request, form, status=400)

    def render_form(self, request, form, status=200):
        return render_page(request, "settings.html", {"form": form}, status=status)
