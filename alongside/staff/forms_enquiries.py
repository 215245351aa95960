"""Forms for "contact us" and the coordinators' enquiry pages. Each says what is wrong in
plain words beside the field; the API validates with the same forms."""

import re

from django import forms

from alongside.community.text import one_line
from alongside.matching.forms.fields import PlainWordsMixin
from alongside.safety.forms_fields import ModeratorTextField
from alongside.staff.actions.enquiries import MESSAGE_MAX_LENGTH
from alongside.staff.choices import ContactMethod, EnquiryStatus, EnquiryTopic, EntryKind

PHONE_CHARACTERS = re.compile(r"^[0-9 +()]+$")
PHONE_DIGITS = (7, 15)
PHONE_FORMAT = "Enter a phone number using only digits, spaces, + and brackets, like 029 2018 0000."
PHONE_LENGTH = "A phone number has between 7 and 15 digits: check the number."
YES_NO = [("yes", "Yes"), ("no", "No")]
FROM_FINDER = "finder"
CHOOSE_TOPIC = "Choose what your message is about."


class PhoneInput(forms.TextInput):
    input_type = "tel"


class ContactForm(PlainWordsMixin, forms.Form):
    """The public "contact us" form. Email is needed only if they choose it: someone who
    would rather not be emailed (a shared inbox) gets their reference on the thanks page.
    `signed_in`: their details are filled in from the account. `offer_finder_answers`:
    the finder's answers are in their session and may be sent along."""

    topic = forms.ChoiceField(
        label="What is your message about?",
        choices=EnquiryTopic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_TOPIC, "invalid_choice": CHOOSE_TOPIC},
    )
    message = ModeratorTextField(
        label="Your message",
        required_message="Write your message.",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Only the team who answer enquiries will read it.",
        rows=8,
    )
    name = forms.CharField(
        label="What should we call you? (optional)",
        max_length=80,
        required=False,
        help_text="A first name or a nickname is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    contact_methods = forms.MultipleChoiceField(
        label="How can we contact you?",
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one way for us to contact you.",
            "invalid_choice": "Choose email, phone call or text message.",
        },
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com."},
        help_text="We'll email you a reference number. If you'd rather we didn't email you, "
        "choose phone or text and leave this empty: the next page shows the reference.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=PhoneInput(attrs={"autocomplete": "tel"}),
    )
    ok_to_leave_message = forms.ChoiceField(
        label="Is it safe to leave a message or voicemail?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text="If someone else might hear it, choose no and we won't leave one.",
        error_messages={"invalid_choice": "Choose yes or no."},
    )
    best_times = forms.CharField(
        label="When is best to contact you? (optional)",
        max_length=200,
        required=False,
        help_text="For example: weekday evenings, or not before 10am.",
    )
    send_finder_answers = forms.BooleanField(
        label="Send my answers with this message", required=False
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people (and screen readers) by the template; a bot that
    # fills in every field fills this one in too.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, signed_in: bool = False, offer_finder_answers=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        self.offer_finder_answers = offer_finder_answers
        if not offer_finder_answers:
            del self.fields["send_finder_answers"]

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get("website", "")).strip())

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return ""
        if not PHONE_CHARACTERS.match(phone):
            raise forms.ValidationError(PHONE_FORMAT)
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            raise forms.ValidationError(PHONE_LENGTH)
        return phone

    def clean_name(self) -> str:
        return one_line(self.cleaned_data["name"])

    def clean_best_times(self) -> str:
        return one_line(self.cleaned_data["best_times"])

    def clean(self):
        data = super().clean()
        methods = set(data.get("contact_methods") or ())
        by_phone = bool({ContactMethod.PHONE, ContactMethod.TEXT} & methods)
        if "email" in data and not data["email"] and ContactMethod.EMAIL in methods:
            self.add_error("email", "Enter your email address, so that we can email you.")
        if "phone" in data and not data["phone"] and by_phone:
            self.add_error("phone", "Enter your phone number, so that we can call or text you.")
        if (
            by_phone
            and not data.get("ok_to_leave_message")
            and "ok_to_leave_message" not in self.errors
        ):
            self.add_error("ok_to_leave_message", "Tell us whether it's safe to leave a message.")
        return data

    def enquiry_fields(self) -> dict:
        """The cleaned answers as submit_enquiry's arguments (finder answers aside)."""
        data = self.cleaned_data
        leave = data.get("ok_to_leave_message")
        return {
            "topic": data["topic"],
            "message": data["message"],
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "contact_methods": list(data["contact_methods"]),
            "ok_to_leave_message": {"yes": True, "no": False}.get(leave),
            "best_times": data["best_times"],
        }

    @property
    def wants_finder_answers(self) -> bool:
        return self.offer_finder_answers and bool(self.cleaned_data.get("send_finder_answers"))


# ---- The coordinators' pages -----------------------------------------------------------

STATUS_FILTERS = [("", "Open (not closed)"), *EnquiryStatus.choices]
TOPIC_FILTERS = [("", "Any topic"), *EnquiryTopic.choices]


class InboxFilterForm(PlainWordsMixin, forms.Form):
    status = forms.ChoiceField(label="Status", choices=STATUS_FILTERS, required=False)
    topic = forms.ChoiceField(label="Topic", choices=TOPIC_FILTERS, required=False)
    mine = forms.BooleanField(label="Only those assigned to me", required=False)

    def filters(self, user) -> dict:
        """inbox()'s arguments; no filter for anything that can't be used."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status", ""),
            "topic": data.get("topic", ""),
            "assigned_to": user if data.get("mine") else None,
        }


class AssignForm(PlainWordsMixin, forms.Form):
    id_prefix = "assign"

    assignee = forms.TypedChoiceField(
        label="Assigned to",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a coordinator from the list."},
    )

    def __init__(self, *args, coordinators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.coordinators = {user.pk: user for user in coordinators}
        self.fields["assignee"].choices = [("", "Nobody")] + [
            (user.pk, user.profile.display_name) for user in coordinators
        ]

    @property
    def chosen_coordinator(self):
        return self.coordinators.get(self.cleaned_data.get("assignee"))


class StatusForm(PlainWordsMixin, forms.Form):
    id_prefix = "status"

    status = forms.ChoiceField(
        label="Status",
        choices=EnquiryStatus.choices,
        error_messages={
            "required": "Choose a status.",
            "invalid_choice": "Choose a status from the list.",
        },
    )


class NoteForm(PlainWordsMixin, forms.Form):
    id_prefix = "note"

    body = ModeratorTextField(
        label="Internal note",
        required_message="Write the note.",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Only coordinators see notes.",
        rows=3,
    )


REPLY_KINDS = [(kind.value, kind.label) for kind in EntryKind if kind != EntryKind.NOTE]


class ReplyForm(PlainWordsMixin, forms.Form):
    id_prefix = "reply"

    kind = forms.ChoiceField(
        label="How you replied",
        choices=REPLY_KINDS,
        widget=forms.RadioSelect,
        help_text="An email reply is sent to them from here; the others are logged only.",
        error_messages={
            "required": "Choose how you replied.",
            "invalid_choice": "Choose how you replied from the list.",
        },
    )
    body = ModeratorTextField(
        label="The reply, or a summary of the call",
        required_message="Write the reply, or what was said.",
        max_length=MESSAGE_MAX_LENGTH,
        rows=6,
    )
