"""Asking for a mentor or befriender, and offering to be one."""

from django import forms

from alongside.accounts.choices import LANGUAGES, AccessNeed
from alongside.matching.availability import from_day_parts
from alongside.matching.choices import AgeGroup, Gender, MatchMode, SupportKind
from alongside.matching.forms.fields import (
    CAPACITY_RANGE,
    DISTANCE_RANGE,
    NO_LANGUAGE,
    NO_MODE,
    PLACE_HELP,
    AvailabilityField,
    PlaceField,
    PlaceNeededMixin,
    PlainWordsMixin,
    checkboxes,
    clean_access_needs,
    offered_topics,
    place_label,
    topic_field,
)
from alongside.matching.models import MAX_CAPACITY


class SupportRequestForm(PlainWordsMixin, PlaceNeededMixin, forms.Form):
    topics = topic_field(
        "What would you like support with?",
        "Choose any that fit. They help us find someone who understands.",
    )
    about = forms.CharField(
        label="Tell us a little more (optional)",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only the coordinators and the person we match you with can read this.",
    )
    modes = checkboxes(
        "How would you like to meet?",
        MatchMode.choices,
        required=True,
        required_message=NO_MODE,
    )
    availability = AvailabilityField(label="When are you usually free?")
    languages = checkboxes(
        "Languages you can use",
        LANGUAGES,
        required=True,
        required_message=NO_LANGUAGE,
    )
    place = PlaceField(required=False, help_text=PLACE_HELP + " Needed to meet in person.")
    age_group = forms.ChoiceField(
        label="Your age (optional)",
        choices=[("", "Prefer not to say"), *AgeGroup.choices],
        required=False,
    )
    supporter_genders = checkboxes(
        "Would you like someone of a particular gender? (optional)",
        Gender.choices,
        help_text="Leave these unticked if it doesn't matter to you.",
    )
    supporter_age_groups = checkboxes(
        "Would you like someone of a particular age? (optional)",
        AgeGroup.choices,
        help_text="Leave these unticked if it doesn't matter to you.",
    )
    shared_experience_important = forms.BooleanField(
        label="It matters to me that they share some of my experience",
        required=False,
        help_text="We'll only suggest people with experience of at least one topic you chose.",
    )
    access_needs = checkboxes(
        "Anything that would help you take part (optional)", AccessNeed.choices
    )
    access_needs_other = forms.CharField(
        label="Tell us more about what would help (optional)", required=False, max_length=500
    )

    # The groups the page puts the fields in (matching/_request_fieldsets.html).
    LEGENDS = {
        "topics": "What you'd like support with",
        "meeting": "How and when to meet",
        "who": "About you and who you'd like",
    }

    FIELDS = [
        "topics", "about", "modes", "availability", "languages", "place", "age_group",
        "supporter_genders", "supporter_age_groups", "shared_experience_important",
        "access_needs", "access_needs_other",
    ]  # fmt: skip

    def __init__(self, *args, kind: str, held_topic_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["topics"].queryset = offered_topics(held_topic_ids)
        if kind == SupportKind.MENTORING:
            self.fields[
                "shared_experience_important"
            ].help_text = (
                "We'll only suggest mentors with experience of at least one topic you chose."
            )

    @classmethod
    def initial_from_profile(cls, profile) -> dict:
        return {
            "topics": [topic.slug for topic in profile.topics.all()],
            "modes": [m for m in profile.contact_modes if m in MatchMode.values],
            "availability": from_day_parts(profile.availability),
            "languages": list(profile.languages),
            "place": place_label(profile),
            "access_needs": list(profile.access_needs),
            "access_needs_other": profile.access_needs_other,
        }

    @classmethod
    def initial_from_request(cls, support_request) -> dict:
        return {
            "topics": [topic.slug for topic in support_request.topics.all()],
            "about": support_request.about,
            "modes": support_request.modes,
            "availability": support_request.availability,
            "languages": support_request.languages,
            "place": place_label(support_request),
            "age_group": support_request.age_group,
            "supporter_genders": support_request.supporter_genders,
            "supporter_age_groups": support_request.supporter_age_groups,
            "shared_experience_important": support_request.shared_experience_important,
            "access_needs": support_request.access_needs,
            "access_needs_other": support_request.access_needs_other,
        }

    def clean(self):
        cleaned = super().clean()
        self.check_in_person(cleaned)
        clean_access_needs(self, cleaned)
        shared = cleaned.get("shared_experience_important") and "topics" not in self.errors
        if shared and not cleaned.get("topics"):
            self.add_error(
                "topics",
                "Choose at least one topic, so that we can find someone who shares "
                "your experience.",
            )
        return cleaned

    def data_for_action(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.FIELDS}
        data["topics"] = list(data["topics"])
        data["kind"] = self.kind
        return data


# ----------------------------------------------------------------------------------------
# Offering support
# ----------------------------------------------------------------------------------------


class SupporterForm(PlainWordsMixin, PlaceNeededMixin, forms.Form):
    IN_PERSON_PLACE = (
        "Tell us your home town or city so we can match you with people nearby, or untick "
        "\u201cIn person\u201d."
    )

    kinds = checkboxes(
        "What would you like to offer?",
        SupportKind.choices,
        required=True,
        required_message="Choose mentoring, befriending or both.",
        help_text="Mentoring works towards something together; befriending is company and "
        "a friendly voice.",
    )
    motivation = forms.CharField(
        label="Why you'd like to be a peer supporter",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell us a little about why you'd like to do this."},
    )
    experience = forms.CharField(
        label="Your experience, in your own words",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you've been through that could help someone else. Coordinators "
        "and the people you're matched with can read this.",
        error_messages={"required": "Tell us a little about your own experience."},
    )
    topics = topic_field("Topics you have experience of")
    languages = checkboxes(
        "Languages you can use", LANGUAGES, required=True, required_message=NO_LANGUAGE
    )
    modes = checkboxes(
        "How you'd like to meet",
        MatchMode.choices,
        required=True,
        required_message=NO_MODE,
    )
    availability = AvailabilityField(label="When you're usually free")
    place = PlaceField(required=False, help_text=PLACE_HELP + " Needed to meet in person.")
    max_distance_km = forms.IntegerField(
        label="How far you'd travel to meet in person, in kilometres",
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "invalid": "Enter a whole number of kilometres, for example 10.",
            "min_value": DISTANCE_RANGE,
            "max_value": DISTANCE_RANGE,
        },
    )
    capacity = forms.IntegerField(
        label="How many people you could support at once",
        initial=1,
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "required": CAPACITY_RANGE,
            "invalid": CAPACITY_RANGE,
            "min_value": CAPACITY_RANGE,
            "max_value": CAPACITY_RANGE,
        },
    )
    age_group = forms.ChoiceField(
        label="Your age (optional)",
        choices=[("", "Prefer not to say"), *AgeGroup.choices],
        required=False,
        help_text="Some people ask for a supporter of a particular age.",
    )
    gender = forms.ChoiceField(
        label="Your gender (optional)",
        choices=[("", "Prefer not to say"), *Gender.choices],
        required=False,
        help_text="Some people ask for a supporter of a particular gender.",
    )
    comfortable_age_groups = checkboxes(
        "Ages of people you'd feel comfortable supporting (optional)",
        AgeGroup.choices,
        help_text="Leave these unticked if any age is fine.",
    )

    FIELDS = [
        "kinds", "motivation", "experience", "topics", "languages", "modes", "availability",
        "place", "max_distance_km", "capacity", "age_group", "gender", "comfortable_age_groups",
    ]  # fmt: skip

    def __init__(self, *args, held_topic_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = offered_topics(held_topic_ids)

    @classmethod
    def initial_from_profile(cls, profile) -> dict:
        return {
            "topics": [topic.slug for topic in profile.topics.all()],
            "modes": [m for m in profile.contact_modes if m in MatchMode.values],
            "availability": from_day_parts(profile.availability),
            "languages": list(profile.languages),
            "place": place_label(profile),
            "experience": profile.could_offer,
        }

    @classmethod
    def initial_from_supporter(cls, supporter) -> dict:
        initial = {name: getattr(supporter, name) for name in cls.FIELDS if name != "place"}
        initial["topics"] = [topic.slug for topic in supporter.topics.all()]
        initial["place"] = place_label(supporter)
        return initial

    def clean(self):
        cleaned = super().clean()
        self.check_in_person(cleaned)
        in_person = MatchMode.IN_PERSON in (cleaned.get("modes") or [])
        if (
            in_person
            and "max_distance_km" not in self.errors
            and not cleaned.get("max_distance_km")
        ):
            self.add_error(
                "max_distance_km",
                "Say how far you'd travel to meet in person, or untick \u201cIn person\u201d.",
            )
        return cleaned

    def data_for_action(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.FIELDS}
        data["topics"] = list(data["topics"])
        return data
