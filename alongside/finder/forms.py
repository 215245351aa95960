"""One small form a step of the finder's questionnaire. Each knows its question (the page's
h1 or legend), a hint, how to start from the answers so far, and which answers it changes.
Every answer is optional: nothing ticked means no preference."""

from django import forms
from django.core.exceptions import ValidationError

from alongside.accounts.choices import (
    AVAILABILITY_SLOTS,
    LANGUAGES,
    AccessNeed,
    ContactMode,
    Day,
    DayPart,
    availability_label,
)
from alongside.accounts.models import Topic
from alongside.accounts.widgets import PlaceInput
from alongside.community.text import tidy
from alongside.finder import validation
from alongside.finder.answers import DistanceUnit, FinderAnswers, Format, Step
from alongside.finder.distance import default_unit

NOTHING_TICKED = "If you don't tick anything, we'll show you every kind."


class StepForm(forms.Form):
    step: Step
    question: str
    hint: str = NOTHING_TICKED
    # The field whose inputs the question is the legend of (checkbox steps), or "" when the
    # question is the page's h1 and each field has its own label.
    legend_field: str = ""

    def __init__(self, *args, answers: FinderAnswers, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.answers = answers
        if not self.is_bound:
            self.initial = self.initial_from(answers)

    def initial_from(self, answers: FinderAnswers) -> dict:
        return {name: getattr(answers, name) for name in self.fields}

    def changes(self) -> dict:
        """The answers this step sets, from cleaned_data."""
        return {name: self.cleaned_data[name] for name in self.fields}

    def check_contradictions(self, answers: FinderAnswers) -> bool:
        """Add the contradictions that belong to this step's fields to the form; False if
        there were any."""
        found = {
            field: message
            for field, message in validation.contradictions(answers).items()
            if field in self.fields
        }
        for field, message in found.items():
            self.add_error(field, message)
        return not found


class TidyTextField(forms.CharField):
    """Text tidied as all member text is (Unicode normalised, control characters and NUL
    bytes dropped, trimmed), so its length here is its length when saved to a profile; with
    `limit`, longer text is refused in the words the API uses."""

    def __init__(self, *, limit: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def to_python(self, value):
        return tidy(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if self.limit is not None and len(value) > self.limit:
            raise ValidationError(
                f"Keep this to {self.limit:,} characters or fewer (it has {len(value):,})."
            )


class ChecklistWidget(forms.CheckboxSelectMultiple):
    """Checkboxes whose first box has the field's own id (and the box around them none), so
    the error summary's link to the field puts the focus on it, as GOV.UK's does."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if index == 0 and attrs and attrs.get("id"):
            option["attrs"]["id"] = attrs["id"]
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


class ChecklistField(forms.MultipleChoiceField):
    """Checkboxes of fixed choices; the chosen values come back in the choices' order."""

    widget = ChecklistWidget

    default_error_messages = {
        "invalid_choice": "We don't know \u201c%(value)s\u201d. Choose from the list.",
        "invalid_list": "Choose from the list.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return tuple(str(key) for key, _label in self.choices if str(key) in chosen)


class TopicsForm(StepForm):
    step = Step.TOPICS
    question = "What's on your mind?"
    hint = "Tick any that apply. If you don't tick anything, we'll show you every topic."
    legend_field = "topics"

    topics = ChecklistField(label="Topics")
    about = TidyTextField(
        label="In your own words (optional)",
        help_text=(
            "Anything you'd like us to know. It stays in this browser session, and is only "
            "sent to us if you choose to contact us."
        ),
        required=False,
        limit=validation.ABOUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = [
            (str(pk), name)
            for pk, name in Topic.objects.filter(is_active=True).values_list("pk", "name")
        ]

    def initial_from(self, answers):
        return {"topics": [str(pk) for pk in answers.topics], "about": answers.about}

    def clean_topics(self):
        return tuple(int(pk) for pk in self.cleaned_data["topics"])


class ConnectForm(StepForm):
    step = Step.CONNECT
    question = "Would you like to meet in a group or one to one?"
    hint = "Tick all you'd consider. If you don't tick anything, we'll show you every kind."
    legend_field = "formats"

    formats = ChecklistField(label="Kinds of support", choices=Format.choices)


class WaysForm(StepForm):
    step = Step.WAYS
    question = "How would you like to connect?"
    hint = "Tick all you'd be happy with. If you don't tick anything, we'll show you every way."
    legend_field = "modes"

    modes = ChecklistField(label="Ways to connect", choices=ContactMode.choices)


class WhenForm(StepForm):
    step = Step.WHEN
    question = "When are you usually free?"
    hint = (
        "Tick the times that usually suit you. Mornings are before 12 noon, afternoons "
        "12 to 5pm, evenings from 5pm. If you don't tick anything, we'll show you any time."
    )
    legend_field = "availability"

    availability = ChecklistField(
        label="Times",
        choices=[(slot, availability_label(slot)) for slot in AVAILABILITY_SLOTS],
    )

    def days(self) -> list[dict]:
        """For the page: a fieldset a day, each with its morning, afternoon and evening. The
        first box has the field's id, for the error summary's link (as ChecklistWidget)."""
        field = self["availability"]
        chosen = set(field.value() or ())
        first = f"{Day.values[0]}_{DayPart.values[0]}"
        return [
            {
                "value": day.value,
                "label": day.label,
                "parts": [
                    {
                        "value": slot,
                        "id": field.auto_id if slot == first else f"{field.auto_id}_{slot}",
                        "label": part.label,
                        "checked": slot in chosen,
                    }
                    for part in DayPart
                    for slot in [f"{day.value}_{part.value}"]
                ],
            }
            for day in Day
        ]


class WhereForm(StepForm):
    step = Step.WHERE
    question = "Where are you?"
    hint = (
        "For groups that meet in person. If you only want to meet online or by phone, you "
        "can leave this out."
    )

    place = TidyTextField(
        label="Your town or city",
        widget=PlaceInput(),
        help_text=(
            "A town or city, never your street address. If several places share the name, "
            "add the region, for example \u201cNewport, Wales\u201d."
        ),
        required=False,
    )
    travel_distance = TidyTextField(
        label="How far can you travel?",
        help_text="A number. Leave it empty if you don't mind.",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short"}),
    )
    distance_unit = forms.ChoiceField(
        label="Miles or kilometres",
        choices=[(DistanceUnit.MILES, "Miles"), (DistanceUnit.KILOMETRES, "Kilometres")],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = None

    def initial_from(self, answers):
        travel = answers.travel_distance
        # Miles is also the answers' default: until they've said, use the locale's unit.
        chosen = travel is not None or answers.distance_unit != DistanceUnit.MILES
        return {
            "place": answers.place_name,
            "travel_distance": "" if travel is None else f"{travel:g}",
            "distance_unit": answers.distance_unit if chosen else default_unit(),
        }

    def clean_place(self):
        text = self.cleaned_data["place"]
        if not text:
            return ""
        # The town they already chose, shown back to them as its full name.
        if text == self.answers.place_name and self.answers.has_place:
            return text
        try:
            self.place = validation.parse_place(text)
        except ValueError as error:
            raise ValidationError(str(error)) from error
        return self.place.label

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("distance_unit") or default_unit()
        cleaned["distance_unit"] = unit
        travel = cleaned.get("travel_distance") or ""
        if travel:
            try:
                cleaned["travel_distance"] = validation.check_travel_distance(travel, unit)
            except ValueError as error:
                self.add_error("travel_distance", str(error))
        else:
            cleaned["travel_distance"] = None
        return cleaned

    def changes(self):
        data = self.cleaned_data
        if not data["place"]:
            place = {"place_geonameid": None, "place_name": "", "latitude": None, "longitude": None}
        elif self.place is None:  # unchanged
            place = {}
        else:
            place = {
                "place_geonameid": self.place.geonameid,
                "place_name": self.place.label,
                "latitude": self.place.latitude,
                "longitude": self.place.longitude,
            }
        return {
            **place,
            "travel_distance": data["travel_distance"],
            "distance_unit": data["distance_unit"],
        }


class LanguagesForm(StepForm):
    step = Step.LANGUAGES
    question = "Which languages can you use?"
    hint = (
        "Tick all you'd be comfortable in. If you don't tick anything, we'll show you "
        "options in any language."
    )
    legend_field = "languages"

    languages = ChecklistField(label="Languages", choices=LANGUAGES)


class AccessForm(StepForm):
    step = Step.ACCESS
    question = "Is there anything that makes it hard to take part?"
    hint = (
        "Tick anything that would help. Unless you say otherwise below, we'll only show "
        "places to meet in person that have everything you tick. If you don't tick "
        "anything, we'll show you everything."
    )
    legend_field = "access_needs"

    access_needs = ChecklistField(label="What would help", choices=AccessNeed.choices)
    access_needs_other = TidyTextField(
        label="Tell us more about what would help (optional)",
        required=False,
        limit=validation.ACCESS_OTHER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    access_flexible = forms.BooleanField(
        label="Also show me places that don't have everything I ticked",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("access_needs") or ()
        other_text = cleaned.get("access_needs_other") or ""
        if AccessNeed.OTHER in needs and not other_text and "access_needs_other" in cleaned:
            self.add_error(
                "access_needs_other",
                "Tell us what would help, or untick \u201cSomething else\u201d.",
            )
        elif other_text and AccessNeed.OTHER not in needs:
            cleaned["access_needs"] = (*needs, AccessNeed.OTHER.value)
        return cleaned


STEP_FORMS: dict[str, type[StepForm]] = {
    form.step.value: form
    for form in (
        TopicsForm,
        ConnectForm,
        WaysForm,
        WhenForm,
        WhereForm,
        LanguagesForm,
        AccessForm,
    )
}
