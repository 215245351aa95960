"""Validation for the information library, shared by the coordinators' pages and the API."""

import unicodedata

from django import forms
from django.core.validators import URLValidator

from alongside.accounts.models import Topic
from alongside.community.text import one_line, tidy
from alongside.staff.models import ResourceLink

TOO_LONG = "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."
BAD_URL = "Enter a web address that starts with https:// or http://, like https://www.nhs.uk/."
BOTH_GIVEN = "Give either a link to another site or page text, not both."
NEITHER_GIVEN = "Give either a link to another site or page text."
POSITION_RANGE = "Enter a whole number from 0 to 1000."
RESOURCE_FIELDS = (
    "title",
    "summary",
    "url",
    "body",
    "topics",
    "show_on_home",
    "is_published",
    "position",
)


def _text(max_length: int, label: str, *, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={"max_length": TOO_LONG, "required": f"Enter the {label.lower()}."},
        **kwargs,
    )


def _visible_or_blank(text: str) -> str:
    """`text`, or "" when nothing in it would be visible (only spaces, zero-width marks)."""
    return text if any(unicodedata.category(char)[0] not in "CZ" for char in text) else ""


def _one_line(text: str) -> str:
    return _visible_or_blank(one_line(text))


class WebAddressField(forms.URLField):
    """http and https only, checked once (URLField's own check would say the same again)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class ResourceForm(forms.Form):
    title = _text(120, "Title")
    summary = _text(
        300, "Summary", help_text="One or two sentences, shown under the title in lists."
    )
    url = WebAddressField(
        label="Link to another site",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": BAD_URL, "max_length": TOO_LONG},
        help_text="Fill this in for a link, or write page text below, not both.",
    )
    body = forms.CharField(
        label="Page text",
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": TOO_LONG},
        help_text="For a page of our own. You can use markdown: **bold**, lists, links.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose topics from the list.",
            "invalid_pk_value": "Choose topics from the list.",
            "invalid_list": "Choose topics from the list.",
        },
        help_text="Leave all unticked for general information, shown with every topic.",
    )
    show_on_home = forms.BooleanField(label="Show on the home page", required=False)
    is_published = forms.BooleanField(
        label="Published (anyone can see it)", required=False, initial=True
    )
    position = forms.IntegerField(
        label="Position",
        min_value=0,
        max_value=1000,
        initial=0,
        required=False,
        error_messages={
            "invalid": POSITION_RANGE,
            "min_value": POSITION_RANGE,
            "max_value": POSITION_RANGE,
        },
        help_text="Lower numbers come first within a topic.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_title(self):
        return _one_line(self.cleaned_data["title"])

    def clean_summary(self):
        return _one_line(self.cleaned_data["summary"])

    def clean_body(self):
        return _visible_or_blank(tidy(self.cleaned_data["body"]))

    def clean_position(self):
        position = self.cleaned_data["position"]
        return 0 if position is None else position

    def clean(self):
        cleaned = super().clean()
        if "url" in self.errors or "body" in self.errors:
            return cleaned
        has_url, has_body = bool(cleaned.get("url")), bool(cleaned.get("body"))
        if has_url and has_body:
            self.add_error("url", BOTH_GIVEN)
        elif not has_url and not has_body:
            self.add_error("url", NEITHER_GIVEN)
        for name in ("title", "summary"):
            if name in cleaned and not cleaned[name] and name not in self.errors:
                self.add_error(name, f"Enter the {name}.")
        return cleaned

    def details(self) -> dict:
        """The cleaned answers, as the actions take them."""
        return {name: self.cleaned_data[name] for name in RESOURCE_FIELDS}


def form_data_of(resource: ResourceLink) -> dict:
    """An entry's current values as form data, so a partial change (the API's PATCH) can be
    checked as a whole."""
    return {
        "title": resource.title,
        "summary": resource.summary,
        "url": resource.url,
        "body": resource.body,
        "topics": [topic.slug for topic in resource.topics.all()],
        "show_on_home": resource.show_on_home,
        "is_published": resource.is_published,
        "position": resource.position,
    }
