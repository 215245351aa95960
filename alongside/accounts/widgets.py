from django import forms
from django.urls import reverse_lazy


class PlaceInput(forms.TextInput):
    """A town or city box that suggests places from the gazetteer as you type: htmx fills
    the page's `#place-suggestions` datalist (accounts/place_options.html). Typing works
    without it."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "list": "place-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("accounts:place_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#place-suggestions",
                **(attrs or {}),
            }
        )
