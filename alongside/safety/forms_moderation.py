"""Forms for the moderation pages. Each validates what a moderator typed; the actions in
safety.moderation.actions assume valid input."""

from django import forms

from alongside.community.text import MemberTextError, prepare_member_text, tidy
from alongside.safety.moderation.queue import ACTIVE, STATUS_FILTERS

REASON_MAX_LENGTH = 2000
SECTIONS = {"alerts": "Safety alerts", "reports": "Reports", "held": "Held content"}


class QueueFilterForm(forms.Form):
    """Which section of the queue, and which status. Anything unknown falls back to the
    defaults rather than failing: it comes from a URL anyone could type."""

    show = forms.ChoiceField(choices=list(SECTIONS.items()), required=False)
    status = forms.ChoiceField(
        label="Show",
        choices=[
            (ACTIVE, "Open and claimed"),
            ("open", "Open (nobody has claimed them)"),
            ("claimed", "Claimed"),
            ("resolved", "Resolved"),
        ],
        required=False,
    )

    def section(self) -> str:
        value = self.cleaned_data.get("show") if self.is_valid() else ""
        return value or "alerts"

    def status_filter(self) -> str:
        value = self.cleaned_data.get("status") if self.is_valid() else ""
        return value if value in STATUS_FILTERS else ACTIVE


class _RequiredTextForm(forms.Form):
    def _required_text(self, name: str, what: str) -> str:
        value = tidy(self.cleaned_data.get(name) or "")
        if not value:
            raise forms.ValidationError(f"Write {what} first.")
        if len(value) > REASON_MAX_LENGTH:
            raise forms.ValidationError(
                f"Please keep this to {REASON_MAX_LENGTH:,} characters or fewer "
                f"(it is {len(value):,})."
            )
        return value


class HideForm(_RequiredTextForm):
    reason = forms.CharField(
        label="Why are you hiding it?",
        help_text="For the moderators' record. The writer is told it was hidden, not this reason.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_reason(self):
        return self._required_text("reason", "why you are hiding it")


class ResolveForm(_RequiredTextForm):
    note = forms.CharField(
        label="Note for the record",
        help_text="What you did and why, for the next moderator. Not shown to members.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_note(self):
        return self._required_text("note", "a short note about what you did")


class EditContentForm(_RequiredTextForm):
    """The flagged content's own fields (from actions.editable_fields), then the reason.
    Length and emptiness of the new text are checked by the action, with the same rules
    as for members, and shown next to the field."""

    reason = forms.CharField(
        label="Why are you editing it?",
        help_text="For the moderators' record. The writer is told it was edited.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, fields=(), content=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = list(fields)
        reason = self.fields.pop("reason")
        for field in fields:
            self.fields[field.name] = forms.CharField(
                label=field.label,
                required=False,
                initial=getattr(content, field.name, ""),
                widget=forms.Textarea(attrs={"rows": 8 if field.markdown else 1}),
            )
        self.fields["reason"] = reason

    def clean_reason(self):
        return self._required_text("reason", "why you are editing it")

    def clean(self):
        """The same checks as a member's text, so that every problem shows at once (the
        action checks again, inside its transaction)."""
        cleaned = super().clean()
        for field in self.editable:
            try:
                prepare_member_text(
                    text=cleaned.get(field.name, ""),
                    author=None,
                    purpose=field.purpose,
                    max_length=field.max_length,
                    markdown=False,
                )
            except MemberTextError as error:
                self.add_error(field.name, error.messages)
        return cleaned

    def changes(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "reason"}
