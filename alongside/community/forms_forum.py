"""Forms for the forum pages and API. Member text is checked for length and emptiness by
the actions (through prepare_member_text), so these forms only shape the input; the
actions' messages are attached to the matching field."""

from django import forms
from django.utils.text import slugify

from alongside.accounts.models import Topic
from alongside.community.choices import ReactionKind
from alongside.community.models import Space
from alongside.groups.forms import PlainWordsMixin

ACCEPT_LABEL = "I'll follow these guidelines"
ACCEPT_REQUIRED = "Tick the box to say you'll follow this space's guidelines."


def _text(label: str, *, rows: int | None = None, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, required=False, strip=False, widget=widget, help_text=help_text
    )


class SpaceForm(PlainWordsMixin, forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Space
        fields = ["name", "description", "guidelines", "topics"]
        labels = {"name": "Name", "description": "What this space is for"}
        help_texts = {
            "guidelines": "Members read and accept these before their first post here. "
            "Changing them asks every member to accept them again."
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "guidelines": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {
                "required": "Give the space a name.",
                "unique": "There is already a space with this name.",
            },
            "description": {"required": "Say what this space is for."},
            "guidelines": {"required": "Write the community guidelines for this space."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("name")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if self.instance.pk is None:
            self.new_slug = _slug_for(name)
            if Space.objects.filter(slug=self.new_slug).exists():
                raise forms.ValidationError("There is already a space with a name like this.")
        return name

    def details(self) -> dict:
        data = self.cleaned_data
        details = {key: data[key] for key in ("name", "description", "guidelines")}
        details["slug"] = self.instance.slug or self.new_slug
        return details


# Words the forum's own addresses use after /community/spaces/.
RESERVED_SLUGS = {"new"}


def _slug_for(name: str) -> str:
    """The space's address, from its name. A name with no Latin letters or digits (the
    addresses allow only those) gets a numbered one."""
    slug = slugify(name)[:90]
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-space"
    if not slug:
        slug = f"space-{Space.objects.count() + 1}"
    return slug


class GuidelinesMixin:
    """Adds the "I'll follow these guidelines" box when the member hasn't accepted the
    space's current guidelines; `needs_guidelines` says whether it is there."""

    def add_guidelines_field(self, needs_guidelines: bool, version: int) -> None:
        if needs_guidelines:
            self.fields["accept_guidelines"] = forms.BooleanField(
                label=ACCEPT_LABEL, error_messages={"required": ACCEPT_REQUIRED}
            )
            # The version read comes back, so a change made meanwhile isn't accepted unseen.
            self.fields["guidelines_version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=version, min_value=1
            )

    def accepted_guidelines_version(self) -> int | None:
        if not self.cleaned_data.get("accept_guidelines"):
            return None
        return self.cleaned_data["guidelines_version"]


class ThreadForm(GuidelinesMixin, PlainWordsMixin, forms.Form):
    title = _text("Title")
    body = _text(
        "Your post",
        rows=8,
        help_text="You can use simple formatting: *italics*, **bold**, "
        "lists, quotes (start a line with >) and links.",
    )
    content_warning = _text(
        "Content warning (optional)",
        help_text="If your post mentions something others may find hard to read, name it "
        "here. Your post is hidden until they choose to show it.",
    )

    def __init__(self, *args, needs_guidelines=False, guidelines_version=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_guidelines_field(needs_guidelines, guidelines_version)


class ReplyForm(GuidelinesMixin, PlainWordsMixin, forms.Form):
    body = _text("Your reply", rows=6, help_text=ThreadForm.base_fields["body"].help_text)
    content_warning = ThreadForm.base_fields["content_warning"]
    quoted_post = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, needs_guidelines=False, guidelines_version=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_guidelines_field(needs_guidelines, guidelines_version)


class EditPostForm(PlainWordsMixin, forms.Form):
    body = _text("Your post", rows=8, help_text=ThreadForm.base_fields["body"].help_text)
    content_warning = ThreadForm.base_fields["content_warning"]


class AcceptGuidelinesForm(PlainWordsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    accept = forms.BooleanField(label=ACCEPT_LABEL, error_messages={"required": ACCEPT_REQUIRED})


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)
    on = forms.BooleanField(required=False)


class MuteForm(forms.Form):
    mute = forms.BooleanField(required=False)
