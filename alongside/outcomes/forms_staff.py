"""The filter forms of the coordinators' report pages: which measure, which breakdown,
and which period. Bad input gets a plain message beside the field."""

from django import forms
from django.core.exceptions import ValidationError

from alongside.matching.forms import PlainWordsMixin
from alongside.outcomes.models import Measure
from alongside.outcomes.reports import Breakdown, clean_period, default_period


def _date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter a real {label.lower()}, like 2026-03-31 (year, month, day).",
        },
    )


class PeriodForm(PlainWordsMixin, forms.Form):
    """A period of up to five years, ending today at the latest. Anything not given (a
    first visit) takes its default: the last 12 months."""

    start = _date_field("Start date", "The first day to include.")
    end = _date_field("End date", "The last day to include: today at the latest.")

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        for name, value in self.defaults().items():
            if name not in data:
                data[name] = value
        super().__init__(data, *args, **kwargs)

    def defaults(self) -> dict:
        start, end = default_period()
        return {"start": start.isoformat(), "end": end.isoformat()}

    def clean(self):
        cleaned = super().clean()
        if "start" not in cleaned or "end" not in cleaned:
            return cleaned
        try:
            cleaned["start"], cleaned["end"] = clean_period(cleaned["start"], cleaned["end"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned


class ReportForm(PeriodForm):
    measure = forms.ChoiceField(label="Measure", choices=())
    breakdown = forms.ChoiceField(
        label="Break down by",
        choices=Breakdown.choices,
        error_messages={
            "required": "Choose how to break the report down.",
            "invalid_choice": "Choose one of the ways to break the report down.",
        },
    )

    field_order = ["measure", "breakdown", "start", "end"]

    def __init__(self, data, *args, **kwargs):
        self.measures = {
            measure.key: measure for measure in Measure.objects.order_by("position", "name")
        }
        super().__init__(data, *args, **kwargs)
        field = self.fields["measure"]
        field.choices = [(key, measure.name) for key, measure in self.measures.items()]
        field.error_messages["invalid_choice"] = "Choose one of the measures in the list."
        field.error_messages["required"] = "Choose a measure."

    def defaults(self) -> dict:
        first = next(iter(self.measures), "")
        return {**super().defaults(), "measure": first, "breakdown": Breakdown.EVERYONE.value}

    def clean_measure(self):
        return self.measures[self.cleaned_data["measure"]]
