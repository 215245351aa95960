"""Forms for a moderator acting on a member: a private message, a suspension and its
lifting, going on or off duty, and the ?alert= / ?report= an action is linked to."""

from django import forms

from alongside.common.http import MAX_ID
from alongside.community.models import MESSAGE_MAX_LENGTH
from alongside.safety.forms_fields import ModeratorTextField
from alongside.safety.moderation.members import SUSPENSION_LENGTHS


class LinkedItemForm(forms.Form):
    """?alert=<id> or ?report=<id>: the queue item an action is about."""

    alert = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    report = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class ContactMemberForm(forms.Form):
    body = ModeratorTextField(
        label="Your message",
        required_message="Write your message to the member.",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Only the member and you can read it. They get a notification and can reply.",
        rows=6,
    )


class SuspendMemberForm(forms.Form):
    reason = ModeratorTextField(
        label="Reason",
        required_message="Write why you are suspending this member.",
        help_text="Only moderators see this. The member is not shown it.",
        rows=4,
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


class LiftSuspensionForm(forms.Form):
    reason = ModeratorTextField(
        label="Why lift it now",
        required_message="Write why you are lifting this suspension.",
        help_text="Only moderators see this.",
        rows=3,
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
