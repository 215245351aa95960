"""Forms for the safeguarding case pages. Each says what is wrong in plain words, beside the
field; none lets the browser cut a long paste short (no maxlength in the page)."""

from django import forms
from django.utils import dateformat, timezone

from alongside.safety.cases import CASE_TEXT_MAX_LENGTH, CLOCK_LEEWAY, LARGEST_ID
from alongside.safety.choices import CaseEntryKind, CaseStatus
from alongside.safety.forms_fields import ModeratorTextField


def _id_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=LARGEST_ID,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "That link isn't quite right. Search for the member again.",
            "min_value": "That link isn't quite right. Search for the member again.",
            "max_value": "That link isn't quite right. Search for the member again.",
        },
    )


class CaseFilterForm(forms.Form):
    STATUS_CHOICES = [("", "Open and closed"), *CaseStatus.choices]

    status = forms.ChoiceField(
        label="Show",
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose open, closed, or both."},
    )
    member = _id_field("Member")

    def filters(self) -> dict:
        """The filters to use: those that are valid (the form shows why any other isn't)."""
        if not self.is_bound:
            return {"status": "", "member_id": None}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"status": data.get("status", ""), "member_id": data.get("member")}


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by display name or email address",
        max_length=254,
        required=False,
        error_messages={
            "max_length": "That is too long to be a name or an email address.",
            "null_characters_not_allowed": "Type the name or email address again.",
        },
    )


class CaseTargetForm(forms.Form):
    """Who a new case is about, and the alert it starts from (from the link or the form)."""

    member = _id_field("Member")
    alert = _id_field("Alert")


class CaseOpenForm(CaseTargetForm):
    summary = ModeratorTextField(
        max_length=CASE_TEXT_MAX_LENGTH,
        label="Summary",
        required_message="Write a short summary of why you are opening this case.",
        help_text="Why you are worried, in a few sentences. Write it so a colleague can "
        "pick it up.",
    )


# For each kind: (heading, field label, message when empty, button).
ENTRY_WORDS = {
    CaseEntryKind.NOTE: ("Add a note", "Note", "Write the note first.", "Add note"),
    CaseEntryKind.ACTION: (
        "Record an action taken",
        "What was done",
        "Write what was done first.",
        "Record action",
    ),
    CaseEntryKind.CONTACT: (
        "Record a contact made",
        "What was said or agreed",
        "Write what was said or agreed first.",
        "Record contact",
    ),
}


class CaseEntryForm(forms.Form):
    """A note, an action taken or a contact made. Each kind has its own prefix, so all
    three forms can sit on one page."""

    text = forms.CharField()  # replaced in __init__ with the kind's label
    happened_at = forms.DateTimeField(
        label="When it happened",
        help_text="The date and time of the call, message or meeting.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Say when the contact happened.",
            "invalid": "Enter a date and time, for example 24/11/2026 14:30.",
        },
    )

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = CaseEntryKind(kind)
        super().__init__(*args, prefix=self.kind.value, **kwargs)
        self.heading, label, required_message, self.button = ENTRY_WORDS[self.kind]
        self.fields["text"] = ModeratorTextField(
            label=label, required_message=required_message, max_length=CASE_TEXT_MAX_LENGTH
        )
        if self.kind != CaseEntryKind.CONTACT:
            del self.fields["happened_at"]
        elif not self.is_bound:
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_happened_at(self):
        value = self.cleaned_data["happened_at"]
        if value > timezone.now() + CLOCK_LEEWAY:
            raise forms.ValidationError(
                "A contact can't be in the future. Give the time it happened."
            )
        if value.year < 2000:
            raise forms.ValidationError("That date looks wrong. Check the year.")
        return value


class LinkAlertForm(forms.Form):
    alert = forms.ModelChoiceField(
        label="Alert to link",
        queryset=None,
        empty_label="Choose an alert",
        error_messages={
            "required": "Choose an alert to link.",
            "invalid_choice": "That alert can't be linked to this case. Choose one from the list.",
        },
    )

    def __init__(self, *args, alerts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alert"].queryset = alerts
        self.fields["alert"].label_from_instance = alert_label


def alert_label(alert) -> str:
    raised = dateformat.format(timezone.localtime(alert.created_at), "j M Y, H:i")
    return f"Alert {alert.pk}: {alert.get_level_display()}, raised {raised}"


class CloseCaseForm(forms.Form):
    outcome = ModeratorTextField(
        max_length=CASE_TEXT_MAX_LENGTH,
        label="Outcome",
        required_message="Write the outcome before closing the case.",
        help_text="What happened in the end, and anything the next person should know.",
        rows=4,
    )
