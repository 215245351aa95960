from django import forms

from alongside.staff.choices import AccessTaskStatus


class MemberSearchForm(forms.Form):
    q = forms.CharField(label="Search by display name", max_length=40, required=False)


class AuditFilterForm(forms.Form):
    verb = forms.CharField(
        label="Show only actions starting with",
        max_length=80,
        required=False,
        help_text="For example: role, profile, api_token",
    )


def cleaned_or_blank(form: forms.Form, field: str) -> str:
    """The filter's value, or no filter when it can't be used (the form shows why)."""
    return form.cleaned_data.get(field, "") if form.is_valid() else ""


class ResolveAccessTaskForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?",
        choices=[
            (AccessTaskStatus.DONE, "Arranged"),
            (AccessTaskStatus.NOT_NEEDED, "No longer needed"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose “Arranged” or “No longer needed”."},
    )
    note = forms.CharField(
        label="Note (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For other coordinators: what was arranged, or why it isn't needed.",
        error_messages={"max_length": "Keep the note to 500 characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
