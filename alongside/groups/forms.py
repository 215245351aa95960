"""Validation for groups, venues, agreements and memberships, with messages in plain words.
Forms check input; the actions in groups.actions make the change."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from alongside.accounts.choices import LANGUAGES
from alongside.accounts.forms import SHARE_CHOICES, SHARE_LABEL, SHARE_VALUES
from alongside.accounts.models import Topic
from alongside.groups.choices import VENUE_MODES, GroupStatus, VenueFeature
from alongside.groups.models import Group, Venue

TOO_LONG = "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."
CAPACITY_TOO_SMALL = "Capacity must be at least 1, or leave it blank for no limit."
VENUE_NEEDED = "Choose a venue for a group that meets in person, or change how the group meets."
# Statuses staff may choose on the form; proposed groups are approved or declined instead.
EDITABLE_STATUSES = [
    (status.value, status.label)
    for status in (GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED)
]


class PlainWordsMixin:
    """Every form here: no colon after labels, and a plain message for over-long text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG


class GroupForm(PlainWordsMixin, forms.ModelForm):
    """A group's details. `can_set_status` (coordinators) adds the status field."""

    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label="Languages the group meets in",
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    venue = forms.ModelChoiceField(
        label="Venue",
        queryset=Venue.objects.all(),
        required=False,
        empty_label="No venue (meets online or by phone)",
    )
    capacity = forms.IntegerField(
        label="How many members at most",
        required=False,
        help_text="Leave blank for no limit.",
        error_messages={"invalid": "Enter a whole number, or leave it blank for no limit."},
    )
    status = forms.ChoiceField(label="Status", choices=EDITABLE_STATUSES)

    class Meta:
        model = Group
        fields = [
            "kind", "name", "purpose", "who_for", "topics", "languages", "mode", "venue",
            "online_details", "join_policy", "capacity", "status",
        ]  # fmt: skip
        labels = {
            "kind": "Kind of group",
            "name": "Group name",
            "purpose": "What we meet about",
            "who_for": "Who it is for",
            "mode": "How it meets",
            "online_details": "Join link or dial-in details",
            "join_policy": "How people join",
        }
        help_texts = {
            "purpose": "Shown first on the group's page.",
            "online_details": "Only members see these.",
        }

    def __init__(self, *args, can_set_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # A topic staff have turned off stays offered to a group that already has it.
        held = self.instance.topics.values("pk") if self.instance.pk else Topic.objects.none()
        self.fields["topics"].queryset = Topic.objects.filter(Q(is_active=True) | Q(pk__in=held))
        running = not self.instance.pk or self.instance.status in dict(EDITABLE_STATUSES)
        if not (can_set_status and running):  # proposed groups are approved, not edited
            del self.fields["status"]
        elif not self.instance.pk:
            self.fields["status"].initial = GroupStatus.ACTIVE

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < 1:
            raise ValidationError(CAPACITY_TOO_SMALL)
        return capacity

    def clean(self):
        cleaned = super().clean()
        needs_venue = cleaned.get("mode") in VENUE_MODES and "venue" not in self.errors
        if needs_venue and not cleaned.get("venue"):
            self.add_error("venue", VENUE_NEEDED)
        return cleaned

    def details(self) -> dict:
        """The cleaned details, as groups.actions takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}


class VenueForm(PlainWordsMixin, forms.ModelForm):
    latitude = forms.FloatField(
        label="Latitude",
        help_text="From a map, for example 51.4816 for Cardiff.",
        error_messages={
            "required": "Enter the venue's latitude, so people can find it on a map.",
            "invalid": "Enter the latitude as a number, for example 51.4816.",
        },
    )
    longitude = forms.FloatField(
        label="Longitude",
        help_text="From a map, for example -3.1791 for Cardiff.",
        error_messages={
            "required": "Enter the venue's longitude, so people can find it on a map.",
            "invalid": "Enter the longitude as a number, for example -3.1791.",
        },
    )
    features = forms.MultipleChoiceField(
        label="Accessibility",
        choices=VenueFeature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Venue
        fields = ["name", "address", "latitude", "longitude", "features", "accessibility_notes"]
        labels = {
            "name": "Venue name",
            "accessibility_notes": "Anything else about access",
        }
        help_texts = {
            "accessibility_notes": "For example: the lift is at the back; ring the bell.",
        }

    def clean_latitude(self):
        latitude = self.cleaned_data["latitude"]
        if not -90 <= latitude <= 90:
            raise ValidationError("Latitude must be between -90 and 90.")
        return latitude

    def clean_longitude(self):
        longitude = self.cleaned_data["longitude"]
        if not -180 <= longitude <= 180:
            raise ValidationError("Longitude must be between -180 and 180.")
        return longitude

    def details(self) -> dict:
        return dict(self.cleaned_data)


class AgreementForm(PlainWordsMixin, forms.Form):
    ground_rules = forms.CharField(
        label="Ground rules", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    confidentiality = forms.CharField(
        label="What is confidential", max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    how_we_treat_each_other = forms.CharField(
        label="How we treat each other",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def terms(self) -> dict:
        return dict(self.cleaned_data)


class AcceptAgreementForm(PlainWordsMixin, forms.Form):
    """Joining, or accepting a changed agreement: the version read is sent back, so a
    change made meanwhile is noticed rather than accepted unseen."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    accept = forms.BooleanField(
        label="I have read the group agreement and I accept it",
        error_messages={"required": "Tick the box to say you accept the group agreement."},
    )


class RemoveMemberForm(PlainWordsMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you removing this member?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit log for coordinators. The member doesn't see it.",
        error_messages={"required": "Say why you are removing this member."},
    )


CONSENT_LABEL = SHARE_LABEL
CONSENT_HELP = (
    "Only facilitators and coordinators see them. You can change this on your profile at any time."
)
CONSENT_REQUIRED = "Choose whether to share your access needs with facilitators."


def access_consent_field() -> forms.TypedChoiceField:
    """The question asked once, when someone with access needs first joins or RSVPs: the
    profile's question without its "not decided" answer."""
    return forms.TypedChoiceField(
        label=CONSENT_LABEL,
        help_text=CONSENT_HELP,
        choices=[(value, label) for value, label in SHARE_CHOICES if value],
        coerce=SHARE_VALUES.get,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": CONSENT_REQUIRED,
            "invalid_choice": CONSENT_REQUIRED,
        },
    )


class JoinGroupForm(AcceptAgreementForm):
    """Joining: accept the agreement and, when `ask_consent`, answer the sharing question."""

    def __init__(self, *args, ask_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_consent:
            self.fields["share_access_needs"] = access_consent_field()

    def share_access_needs(self) -> bool | None:
        return self.cleaned_data.get("share_access_needs")
