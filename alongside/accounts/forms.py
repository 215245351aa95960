from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from alongside.accounts import actions, places, selectors
from alongside.accounts.choices import (
    AVAILABILITY_SLOTS,
    LANGUAGES,
    AccessNeed,
    ContactMode,
    Visibility,
    availability_label,
)
from alongside.accounts.models import Profile, Topic
from alongside.accounts.privacy import PRIVATE_FIELDS, PROFILE_FIELDS
from alongside.accounts.roles import Role
from alongside.accounts.validators import clean_display_name_text
from alongside.accounts.widgets import PlaceInput


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)  # tidied and limited to 40 in clean()
        kwargs.setdefault(
            "help_text",
            "The name other members see. Use a nickname if you like; never your email.",
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return clean_display_name_text(super().clean(value))


def check_display_name_free(name: str, *, exclude_profile: Profile | None = None) -> None:
    if selectors.display_name_taken(name, exclude_profile=exclude_profile):
        raise ValidationError("That display name is already taken. Try adding a word or number.")


class SignupDetailsForm(forms.Form):
    """The extra sign-up field allauth adds to its own email and password fields."""

    display_name = DisplayNameField(label="Display name")

    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        check_display_name_free(name)
        return name

    def signup(self, request, user):
        """Called by allauth; the profile itself is created by AccountAdapter.save_user."""


PLACE_HELP = (
    "A town or city, never your street address. If several places share the name, "
    "add the region or country, for example \u201cNewport, Wales\u201d."
)


VISIBILITY_LABELS = {field.name: field.visibility_label for field in PROFILE_FIELDS}


# Whether facilitators may see their access needs: None is "not asked yet". The same
# question is asked once on joining a group or going to a meeting (groups.forms).
SHARE_LABEL = (
    "Share your access needs with the facilitators of groups you join and meetings you go to?"
)
SHARE_CHOICES = [
    ("yes", "Yes, share them"),
    ("no", "No, keep them to myself"),
    ("", "I haven't decided: ask me next time I join a group or go to a meeting"),
]
SHARE_VALUES = {"yes": True, "no": False}
SHARE_ANSWERS = {True: "yes", False: "no", None: ""}
SHARE_INVALID = "Choose one of the answers."


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField(label="Display name")
    place = forms.CharField(
        label="Home town or city",
        required=False,
        max_length=200,
        help_text=PLACE_HELP,
        widget=PlaceInput(),
    )
    languages = forms.MultipleChoiceField(
        label="Languages you can use",
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_modes = forms.MultipleChoiceField(
        label="How you'd like to connect",
        choices=ContactMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label="When you're usually free",
        choices=[(slot, availability_label(slot)) for slot in AVAILABILITY_SLOTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs = forms.MultipleChoiceField(
        label="Anything that would help you take part",
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs_shared = forms.TypedChoiceField(
        label=SHARE_LABEL,
        help_text="Only facilitators and coordinators see them. Change this whenever you like.",
        choices=SHARE_CHOICES,
        coerce=SHARE_VALUES.get,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": SHARE_INVALID},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics you have experience of",
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = [
            "display_name", "pronouns", "languages", "contact_modes", "availability",
            "access_needs", "access_needs_other", "access_needs_shared", "topics",
            "would_like_to_receive", "could_offer",
        ]  # fmt: skip
        labels = {
            "pronouns": "Pronouns",
            "access_needs_other": "Tell us more about what would help (optional)",
            "would_like_to_receive": "What support would you like?",
            "could_offer": "What could you offer others?",
        }
        help_texts = {"pronouns": "For example: she/her, he/him, they/them."}
        widgets = {
            "would_like_to_receive": forms.Textarea(attrs={"rows": 4}),
            "could_offer": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # A topic staff have turned off stays offered to members who already have it, so
        # saving the profile neither drops it silently nor fails on it.
        held = self.instance.topics.values("pk") if self.instance.pk else Topic.objects.none()
        self.fields["topics"].queryset = Topic.objects.filter(Q(is_active=True) | Q(pk__in=held))
        self.fields["place"].initial = self.instance.place_name
        self.initial["access_needs_shared"] = SHARE_ANSWERS[self.instance.access_needs_shared]
        for field in PRIVATE_FIELDS:
            self.fields[f"visibility_{field}"] = forms.ChoiceField(
                label=VISIBILITY_LABELS[field],
                choices=Visibility.choices,
                initial=self.instance.visibility_of(field),
            )
        self.resolved_place: places.Place | None = None

    def visibility_field(self, field: str):
        return self[f"visibility_{field}"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        check_display_name_free(name, exclude_profile=self.instance)
        return name

    def clean_place(self):
        text = self.cleaned_data["place"].strip()
        if not text:
            return ""
        try:
            self.resolved_place = places.resolve_place(text)
        except places.PlaceAmbiguous as error:
            options = "; ".join(list(dict.fromkeys(p.label for p in error.candidates))[:5])
            raise ValidationError(
                f"More than one place is called \u201c{text}\u201d. Type one of these: {options}."
            ) from error
        except places.PlaceNotFound as error:
            raise ValidationError(
                f"We couldn't find a town or city called \u201c{text}\u201d. Check the spelling, "
                "or try the nearest larger town."
            ) from error
        return self.resolved_place.label

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("access_needs") or []
        other_text = (cleaned.get("access_needs_other") or "").strip()
        if AccessNeed.OTHER in needs and not other_text:
            self.add_error(
                "access_needs_other",
                "Tell us what would help, or untick \u201cSomething else\u201d.",
            )
        elif other_text and AccessNeed.OTHER not in needs:
            cleaned["access_needs"] = [*needs, AccessNeed.OTHER.value]
        return cleaned

    def visibility_changes(self) -> dict[str, str]:
        return {field: self.cleaned_data[f"visibility_{field}"] for field in PRIVATE_FIELDS}

    def apply(self, *, actor) -> bool:
        """Hand the valid data to the update_profile action; the page and the API both use
        this. False, with the error on the form, if the display name was taken meanwhile."""
        data = self.cleaned_data
        try:
            actions.update_profile(
                profile=self.instance,
                actor=actor,
                changes={name: data[name] for name in self.Meta.fields if name != "topics"},
                topics=list(data["topics"]),
                place=self.resolved_place,
                visibility=self.visibility_changes(),
            )
        except actions.DisplayNameTaken as error:
            self.add_error("display_name", error)
            return False
        return True


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=60,
        help_text="So you can recognise it later, for example \u201cmy phone\u201d.",
    )


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    grant = forms.TypedChoiceField(
        choices=[("1", "Grant"), ("0", "Remove")], coerce=lambda v: v == "1"
    )


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "description", "is_active"]
        labels = {"is_active": "Offer this topic to members"}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Topic.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("There is already a topic with that name.")
        return name
