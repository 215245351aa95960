"""Forms for the moderation pages. Each validates what a moderator typed; the actions in
safety.moderation.actions assume valid input."""

from django import forms

from alongside.community.text import MemberTextError, prepare_member_text
from alongside.safety.forms_fields import ModeratorTextField
from alongside.safety.moderation.queue import ACTIVE, STATUS_FILTERS

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


class HideForm(forms.Form):
    reason = ModeratorTextField(
        label="Why are you hiding it?",
        required_message="Write why you are hiding it first.",
        help_text="For the moderators' record. The writer is told it was hidden, not this reason.",
        rows=3,
    )


class ResolveForm(forms.Form):
    note = ModeratorTextField(
        label="Note for the record",
        required_message="Write a short note about what you did first.",
        help_text="What you did and why, for the next moderator. Not shown to members.",
        rows=3,
    )


class EditContentForm(forms.Form):
    """The flagged content's own fields (from actions.editable_fields), then the reason.
    Length and emptiness of the new text are checked by the action, with the same rules
    as for members, and shown next to the field."""

    reason = ModeratorTextField(
        label="Why are you editing it?",
        required_message="Write why you are editing it first.",
        help_text="For the moderators' record. The writer is told it was edited.",
        rows=3,
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
