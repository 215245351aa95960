from django import forms


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
