"""Forms for a member's wellbeing check-ins: their choice, and their answers to a measure."""

from django import forms

from alongside.outcomes.models import Measure

YES, NO = "yes", "no"


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label="Would you like wellbeing check-ins?",
        choices=[
            (YES, "Yes, invite me to check in now and then"),
            (NO, "No, not at the moment"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    by_email = forms.BooleanField(
        label="Also invite me by email",
        required=False,
        initial=True,
        help_text="You'll always see invitations here on the site too.",
    )

    @property
    def consented(self) -> bool:
        return self.cleaned_data["consent"] == YES


class MeasureForm(forms.Form):
    """One radio group per question. Every question may be left for later: what's
    unanswered is reported by the action, not treated as an error."""

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        definition = measure.parsed
        total = len(definition.items)
        choices = [(str(option.value), option.label) for option in definition.options]
        self.numbers = {}
        for number, (item, wording) in enumerate(measure.items(), start=1):
            self.numbers[item.key] = number
            self.fields[item.key] = forms.ChoiceField(
                label=wording,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": (
                        f"Question {number}: choose one of the answers shown "
                        f"({', '.join(label for _, label in choices)})."
                    )
                },
            )
            self.fields[item.key].number = number
            self.fields[item.key].total = total

    def answers(self) -> dict:
        """The answers given on this page, as {item key: value} (blank ones left out, so
        that an answer saved before is kept)."""
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}

    def add_action_errors(self, errors: dict) -> None:
        """Errors the action raised, by item key, shown beside their questions."""
        for key, messages in errors.items():
            field = key if key in self.fields else None
            for message in messages:
                self.add_error(field, message)

    def questions(self):
        """(number, bound field) for each question, in order."""
        return [(self.numbers[key], self[key]) for key in self.fields]
