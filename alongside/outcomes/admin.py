"""Measures and check-in settings in the admin. A measure's definition is checked by
`parse_definition` before it is saved, and saved through `load_measure` so a change to its
scoring gives it a new version.

Members' answers, check-ins and choices are private to them, so none of those models is
registered here. Licensed item wording is entered on the coordinators' measure page (which
records it in the audit log), not here.
"""

from django import forms
from django.contrib import admin

from alongside.outcomes.definitions import DefinitionError, parse_definition
from alongside.outcomes.loading import load_measure
from alongside.outcomes.models import Measure, OutcomesSettings


class MeasureAdminForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["definition", "is_active", "position"]
        help_texts = {
            "definition": "The measure as JSON: see the files in alongside/outcomes/measures/ "
            "for examples. It is checked before it is saved.",
        }

    def clean_definition(self):
        data = self.cleaned_data.get("definition")
        try:
            definition = parse_definition(data)
        except DefinitionError as error:
            raise forms.ValidationError(error.problems) from error
        if self.instance.pk and definition.key != self.instance.key:
            raise forms.ValidationError(
                f"The “key” of a saved measure can't change: keep it as “{self.instance.key}”."
            )
        if not self.instance.pk and Measure.objects.filter(key=definition.key).exists():
            raise forms.ValidationError(
                f"There is already a measure with the key “{definition.key}”; edit that one."
            )
        return data


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    form = MeasureAdminForm
    list_display = ["name", "key", "version", "is_active", "position"]
    readonly_fields = ["key", "name", "version"]
    fields = ["key", "name", "version", "definition", "is_active", "position"]

    def save_model(self, request, obj, form, change):
        measure, _ = load_measure(obj.definition, position=obj.position)
        Measure.objects.filter(pk=measure.pk).update(is_active=obj.is_active, position=obj.position)
        obj.pk = measure.pk
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None):
        # Answers refer to their measure; stop asking it instead.
        return False


@admin.register(OutcomesSettings)
class OutcomesSettingsAdmin(admin.ModelAdmin):
    fields = ["interval_months", "ask_when_support_ends", "quiet_days_after_urgent"]
    list_display = ["__str__", "interval_months", "ask_when_support_ends"]

    def has_add_permission(self, request):
        return not OutcomesSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
