from django import forms

from alongside.community.text import tidy
from alongside.safety.choices import ReportReason
from alongside.safety.models import REPORT_DETAILS_MAX_LENGTH


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the reason that fits best.",
            "invalid_choice": "Choose one of the reasons in the list.",
        },
    )
    details = forms.CharField(
        label="Anything else a moderator should know? (optional)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_details(self) -> str:
        details = tidy(self.cleaned_data.get("details") or "")
        if len(details) > REPORT_DETAILS_MAX_LENGTH:
            raise forms.ValidationError(
                f"Please keep this to {REPORT_DETAILS_MAX_LENGTH:,} characters or fewer "
                f"(it's {len(details):,} now)."
            )
        return details
