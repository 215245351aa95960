"""The forms on a match's page: answering a proposal, the agreement, check-ins, feedback,
reviews, ending and reflections."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.matching.choices import EndReason, HowItsGoing, MatchMode, ReviewOutcome
from alongside.matching.forms.fields import NO_MODE, PlainWordsMixin, checkboxes


class RespondForm(PlainWordsMixin, forms.Form):
    id_prefix = "respond"

    # The two buttons carry the answer, so the error summary names no field to go to.
    answer = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose whether to accept or decline.",
            "invalid_choice": "Choose whether to accept or decline.",
        },
    )
    reason = forms.CharField(
        label="If you're saying no, would you like to tell us why? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the coordinators see this. It helps us find a better match.",
    )


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATE_INVALID = "Enter a real date, for example 2027-03-31."


class AgreementForm(PlainWordsMixin, forms.Form):
    id_prefix = "agreement"

    focus = forms.CharField(
        label="What we'll focus on",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what you'll focus on together."},
    )
    frequency = forms.CharField(
        label="How often we'll meet",
        max_length=200,
        help_text="For example, once a week for an hour.",
        error_messages={"required": "Say how often you'll meet."},
    )
    modes = checkboxes("How we'll meet", MatchMode.choices, required=True, required_message=NO_MODE)
    boundaries = forms.CharField(
        label="Boundaries",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, when you can and can't be contacted, and what the "
        "supporter can't help with.",
        error_messages={"required": "Write down the boundaries you've agreed."},
    )
    review_on = forms.DateField(
        label="Review date",
        widget=date_input(),
        help_text="When you'll look back at how it's going.",
        error_messages={"required": "Choose a review date.", "invalid": DATE_INVALID},
    )
    planned_end_on = forms.DateField(
        label="Planned end date",
        widget=date_input(),
        error_messages={"required": "Choose a planned end date.", "invalid": DATE_INVALID},
    )

    def clean(self):
        cleaned = super().clean()
        review_on, end_on = cleaned.get("review_on"), cleaned.get("planned_end_on")
        if review_on and review_on <= timezone.localdate():
            self.add_error("review_on", "Choose a review date in the future.")
        if review_on and end_on and end_on <= review_on:
            self.add_error("planned_end_on", "Choose a planned end date after the review date.")
        return cleaned

    @classmethod
    def initial_from_agreement(cls, agreement) -> dict:
        if agreement is None:
            today = timezone.localdate()
            return {
                "review_on": today + datetime.timedelta(weeks=6),
                "planned_end_on": today + datetime.timedelta(weeks=12),
            }
        return {
            name: getattr(agreement, name)
            for name in ("focus", "frequency", "modes", "boundaries", "review_on", "planned_end_on")
        }


class ConfirmAgreementForm(PlainWordsMixin, forms.Form):
    id_prefix = "confirm"

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CheckInForm(PlainWordsMixin, forms.Form):
    id_prefix = "check_in"

    contact_on = forms.DateField(
        label="When you were in touch",
        widget=date_input(),
        error_messages={"required": "Give the date you were in touch.", "invalid": DATE_INVALID},
    )
    mode = forms.ChoiceField(
        label="How you were in touch",
        choices=[("", "Choose one"), *MatchMode.choices],
        error_messages={"required": "Choose how you were in touch."},
    )
    minutes = forms.IntegerField(
        label="For how many minutes (optional)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "invalid": "Enter a whole number of minutes, for example 45.",
            "min_value": "Give between 1 and 600 minutes.",
            "max_value": "Give between 1 and 600 minutes.",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and the coordinators can read these.",
    )
    worried = forms.BooleanField(
        label="I'm worried about them and would like a coordinator to know",
        required=False,
    )

    def __init__(self, *args, started_on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.started_on = started_on
        if not self.is_bound:
            self.initial.setdefault("contact_on", timezone.localdate())

    def clean_contact_on(self):
        contact_on = self.cleaned_data["contact_on"]
        if contact_on > timezone.localdate():
            raise ValidationError("Give a date that isn't in the future.")
        if self.started_on and contact_on < self.started_on:
            raise ValidationError(
                f"Give a date on or after {self.started_on:%-d %B %Y}, when your match started."
            )
        return contact_on


class FeedbackForm(PlainWordsMixin, forms.Form):
    id_prefix = "feedback"

    how_its_going = forms.TypedChoiceField(
        label="How is it going?",
        choices=HowItsGoing.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it's going."},
    )
    comment = forms.CharField(
        label="Anything you'd like to add? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The coordinators read this, not your supporter.",
    )


class ReviewForm(PlainWordsMixin, forms.Form):
    id_prefix = "review"

    outcome = forms.ChoiceField(
        label="What did you decide?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you decided."},
    )
    note = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="You'll both see these, and so will the coordinators.",
    )
    new_end_on = forms.DateField(
        label="New planned end date (if you're carrying on for longer)",
        required=False,
        widget=date_input(),
        error_messages={"invalid": DATE_INVALID},
    )

    def clean(self):
        cleaned = super().clean()
        new_end_on = cleaned.get("new_end_on")
        if cleaned.get("outcome") == ReviewOutcome.EXTEND and "new_end_on" not in self.errors:
            if not new_end_on:
                self.add_error("new_end_on", "Choose the new planned end date.")
            elif new_end_on <= timezone.localdate():
                self.add_error("new_end_on", "Choose a new end date in the future.")
        return cleaned


class EndForm(PlainWordsMixin, forms.Form):
    id_prefix = "end"

    reason = forms.ChoiceField(
        label="Why is it ending?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why it's ending."},
    )
    note = forms.CharField(
        label="Anything the coordinators should know? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        early = EndReason.EARLY_BY_SUPPORTER if side == "supporter" else EndReason.EARLY_BY_MEMBER
        self.fields["reason"].choices = [
            (EndReason.PLANNED.value, "We've reached the end we planned"),
            (early.value, "I'd like to end it early"),
        ]


class ReflectionForm(PlainWordsMixin, forms.Form):
    id_prefix = "reflection"

    text = forms.CharField(
        label="Looking back, what went well and what would you change?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The coordinators read this. It helps the next matches go well.",
        error_messages={"required": "Write a few words, or leave this for now."},
    )
