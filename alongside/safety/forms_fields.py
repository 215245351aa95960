"""The one field for a moderator's own words (a reason, a note, a message, a case entry)."""

from django import forms

from alongside.community.text import tidy

# Reasons and notes for the moderators' record.
REASON_MAX_LENGTH = 2000


class ModeratorTextField(forms.CharField):
    """Up to `max_length` characters, tidied; blank counts as empty. Both problems are said
    in plain words beside the field, and the browser never cuts a long paste short (no
    maxlength in the page)."""

    def __init__(
        self,
        *,
        label: str,
        required_message: str,
        max_length: int = REASON_MAX_LENGTH,
        help_text: str = "",
        rows: int = 5,
    ):
        too_long = f"Keep this to {max_length:,} characters or fewer (you have %(show_value)s)."
        super().__init__(
            label=label,
            max_length=max_length,
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": rows}),
            error_messages={"required": required_message, "max_length": too_long},
        )

    def to_python(self, value):
        return tidy(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs
