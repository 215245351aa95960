"""Forms for a moderator acting on a member: a private message, a suspension and its
lifting, going on or off duty, and the ?alert= / ?report= an action is linked to."""

from django import forms

from alongside.common.http import MAX_ID
from alongside.community.models import MESSAGE_MAX_LENGTH
from alongside.community.text import tidy
from alongside.safety.moderation.members import SUSPENSION_LENGTHS

REASON_MAX_LENGTH = 2000


class LinkedItemForm(forms.Form):
    """?alert=<id> or ?report=<id>: the queue item an action is about."""

    alert = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    report = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)


def _text(value: str, *, empty: str, max_length: int) -> str:
    text = tidy(value or "")
    if not text:
        raise forms.ValidationError(empty)
    if len(text) > max_length:
        raise forms.ValidationError(
            f"This is {len(text):,} characters long. Please shorten it to {max_length:,} "
            "characters or fewer."
        )
    return text


class ContactMemberForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=("Only the member and you can read it. They get a notification and can reply."),
    )

    def clean_body(self):
        return _text(
            self.cleaned_data["body"],
            empty="Write your message to the member.",
            max_length=MESSAGE_MAX_LENGTH,
        )


class SuspendMemberForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only moderators see this. The member is not shown it.",
    )
    length = forms.ChoiceField(
        label="How long",
        choices=[(key, label) for key, (label, _) in SUSPENSION_LENGTHS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how long to pause their posting.",
            "invalid_choice": "Choose how long to pause their posting.",
        },
    )

    def clean_reason(self):
        return _text(
            self.cleaned_data["reason"],
            empty="Write why you are suspending this member.",
            max_length=REASON_MAX_LENGTH,
        )


class LiftSuspensionForm(forms.Form):
    reason = forms.CharField(
        label="Why lift it now",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only moderators see this.",
    )

    def clean_reason(self):
        return _text(
            self.cleaned_data["reason"],
            empty="Write why you are lifting this suspension.",
            max_length=REASON_MAX_LENGTH,
        )


class ModeratorDutyForm(forms.Form):
    on_duty = forms.TypedChoiceField(
        choices=[("1", "On duty"), ("0", "Off duty")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": "Choose on duty or off duty.",
            "invalid_choice": "Choose on duty or off duty.",
        },
    )
