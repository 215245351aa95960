from django import forms

from alongside.safety.models import CrisisResource


class CrisisResourceForm(forms.ModelForm):
    """Add or change a crisis resource. The model's clean() gives the plain-words errors."""

    web_url = forms.URLField(
        label="Web address",
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org/."},
    )

    class Meta:
        model = CrisisResource
        fields = [
            "country",
            "region",
            "name",
            "description",
            "phone",
            "text_number",
            "text_keyword",
            "web_url",
            "opening_hours",
            "audience",
            "is_emergency",
            "is_24_hours",
            "order",
            "is_active",
        ]
        error_messages = {
            "name": {"required": "Enter the name of the service."},
            "country": {"required": "Choose the country the service is in."},
            "order": {"invalid": "Enter a whole number, like 10."},
        }

    def clean_text_keyword(self):
        return self.cleaned_data["text_keyword"].strip().upper()
