"""Forms for the coordinators' matching pages. Each says what is wrong in plain words
beside the field; the actions re-check what matters to the database."""

from django import forms
from django.utils import timezone

from alongside.matching.choices import (
    BackgroundCheck,
    EndReason,
    MatchStatus,
    RequestSource,
    SupportKind,
)
from alongside.matching.forms import PlainWordsMixin, SupportRequestForm
from alongside.safety.forms_fields import ModeratorTextField

WEIGHT_FIELDS = (
    ("weight_topics", "Shared topics of experience"),
    ("weight_text", "What they wrote (similar words)"),
    ("weight_availability", "Time free together each week"),
    ("weight_distance", "Distance, for meeting in person"),
    ("weight_waiting", "Time spent waiting"),
)
MIN_OVERLAP, MAX_OVERLAP = 30, 1440


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": "Enter a real date, like 2026-03-14.",
        },
    )


def _not_in_future(value, what: str):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"The {what} can't be in the future.")
    return value


def _coordinator_note(
    label: str = "Note", *, help_text: str = "For coordinators only.", rows: int = 3, **kwargs
) -> ModeratorTextField:
    """An optional note in a coordinator's own words."""
    field = ModeratorTextField(
        label=label, required_message="", help_text=help_text, rows=rows, **kwargs
    )
    field.required = field.widget.is_required = False
    return field


class StaffForm(PlainWordsMixin, forms.Form):
    """As the members' matching forms: no colon after labels, and an action's refusal put
    beside the field it names."""


class WeightField(forms.IntegerField):
    def __init__(self, *, label: str):
        message = "Choose a number from 0 to 100."
        super().__init__(
            label=label,
            min_value=0,
            max_value=100,
            error_messages={
                "required": message,
                "invalid": message,
                "min_value": message,
                "max_value": message,
            },
        )


class MatchingSettingsForm(StaffForm):
    weight_topics = WeightField(label=WEIGHT_FIELDS[0][1])
    weight_text = WeightField(label=WEIGHT_FIELDS[1][1])
    weight_availability = WeightField(label=WEIGHT_FIELDS[2][1])
    weight_distance = WeightField(label=WEIGHT_FIELDS[3][1])
    weight_waiting = WeightField(label=WEIGHT_FIELDS[4][1])
    min_overlap_minutes = forms.IntegerField(
        label="Least time free together each week, in minutes",
        help_text="Pairs who share less time than this are never proposed. "
        "From 30 to 1,440 minutes.",
        min_value=MIN_OVERLAP,
        max_value=MAX_OVERLAP,
        error_messages={
            key: "Choose a number of minutes from 30 to 1,440."
            for key in ("required", "invalid", "min_value", "max_value")
        },
    )

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(name) for name, _ in WEIGHT_FIELDS]
        if all(weight == 0 for weight in weights):
            raise forms.ValidationError(
                "At least one preference needs a weight above 0, or every pair would score "
                "the same."
            )
        return cleaned

    @classmethod
    def initial_from(cls, settings) -> dict:
        names = [name for name, _ in WEIGHT_FIELDS] + ["min_overlap_minutes"]
        return {name: getattr(settings, name) for name in names}


class OnboardingForm(StaffForm):
    interviewed_on = _date_field("Interview date", required=False)
    interview_notes = _coordinator_note("Interview notes", max_length=3000, rows=5)
    background_check = forms.ChoiceField(
        label="Background check",
        choices=BackgroundCheck.choices,
        help_text="Record the status only. Never upload or copy the certificate.",
        error_messages={"required": "Choose the background check status."},
    )
    background_checked_on = _date_field(
        "Date of the background check", required=False, help_text="When the status was given."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["background_check"].error_messages["invalid_choice"] = (
            "Choose one of the background check statuses."
        )

    def clean_interviewed_on(self):
        return _not_in_future(self.cleaned_data.get("interviewed_on"), "interview date")

    def clean_background_checked_on(self):
        return _not_in_future(
            self.cleaned_data.get("background_checked_on"), "background check date"
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("background_check")
        if (
            status in (BackgroundCheck.CLEAR, BackgroundCheck.NOT_CLEAR)
            and not cleaned.get("background_checked_on")
            and "background_checked_on" not in self.errors
        ):
            self.add_error(
                "background_checked_on", "Enter the date the background check result came."
            )
        return cleaned

    @classmethod
    def initial_from(cls, profile) -> dict:
        return {
            "interviewed_on": profile.interviewed_on,
            "interview_notes": profile.interview_notes,
            "background_check": profile.background_check,
            "background_checked_on": profile.background_checked_on,
        }


class TrainingForm(StaffForm):
    course_name = forms.CharField(
        label="Course name",
        max_length=120,
        error_messages={
            "required": "Enter the name of the course.",
            "max_length": "Keep the course name to 120 characters or fewer.",
        },
    )
    completed_on = _date_field("Date completed")

    def clean_course_name(self):
        name = " ".join(self.cleaned_data["course_name"].split())
        if not name:
            raise forms.ValidationError("Enter the name of the course.")
        return name

    def clean_completed_on(self):
        return _not_in_future(self.cleaned_data.get("completed_on"), "date completed")


class DecisionForm(StaffForm):
    """Approve (note optional) or decline (note needed, so the reason is on record)."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose approve or decline.",
            "invalid_choice": "Choose approve or decline.",
        },
    )
    note = _coordinator_note(
        "Note about the decision", help_text="For coordinators only. Needed when declining."
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note"):
            self.add_error("note", "Say briefly why the application was declined.")
        return cleaned


class HoldForm(StaffForm):
    hold = forms.TypedChoiceField(
        choices=[("on", "on"), ("off", "off")],
        coerce=lambda value: value == "on",
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose hold on or off.",
            "invalid_choice": "Choose hold on or off.",
        },
    )
    note = _coordinator_note()


class ProposeForm(StaffForm):
    supporter = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            key: "Choose a supporter from the suggestions."
            for key in ("required", "invalid", "min_value")
        },
    )


class MatchFilterForm(StaffForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any status"), *MatchStatus.choices],
        required=False,
    )

    def status_or_none(self):
        if self.is_valid():
            return self.cleaned_data["status"] or None
        return None


class ReasonForm(StaffForm):
    """Cancel or re-match: an optional reason for the record."""

    reason = _coordinator_note("Reason")


class EndMatchForm(StaffForm):
    reason = forms.ChoiceField(
        label="Why is it ending?",
        choices=EndReason.choices,
        initial=EndReason.BY_COORDINATOR,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why the match is ending.",
            "invalid_choice": "Choose why the match is ending.",
        },
    )
    note = _coordinator_note()
    ended_badly = forms.BooleanField(
        label="It ended badly: never propose these two to each other again",
        required=False,
    )


class EndedBadlyForm(StaffForm):
    note = _coordinator_note("What happened")


class OnBehalfRequestForm(SupportRequestForm):
    """The member's request form, for a coordinator entering it for them (after an enquiry
    or a referral): which member, which kind, and where it came from."""

    member = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            key: "Choose who the request is for first."
            for key in ("required", "invalid", "min_value")
        },
    )
    kind = forms.ChoiceField(
        label="What are they asking for?",
        choices=SupportKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose mentoring or befriending.",
            "invalid_choice": "Choose mentoring or befriending.",
        },
    )
    source = forms.ChoiceField(
        label="Where did this request come from?",
        choices=[
            (RequestSource.ENQUIRY.value, RequestSource.ENQUIRY.label),
            (RequestSource.REFERRAL.value, RequestSource.REFERRAL.label),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether this came from an enquiry or a referral.",
            "invalid_choice": "Choose whether this came from an enquiry or a referral.",
        },
    )

    LEGENDS = {
        "topics": "What they'd like support with",
        "meeting": "How and when to meet",
        "who": "About them and who they'd like",
    }
    THIRD_PERSON = {
        "topics": "What would they like support with?",
        "about": "A little more about what they'd like (optional)",
        "modes": "How would they like to meet?",
        "availability": "When are they usually free?",
        "languages": "Languages they can use",
        "age_group": "Their age (optional)",
        "supporter_genders": "Would they like someone of a particular gender? (optional)",
        "supporter_age_groups": "Would they like someone of a particular age? (optional)",
        "shared_experience_important": "It matters to them that the supporter shares some "
        "of their experience",
        "access_needs": "Anything that would help them take part (optional)",
        "access_needs_other": "More about what would help (optional)",
    }

    def __init__(self, *args, **kwargs):
        data = args[0] if args else kwargs.get("data")
        kind = (data or {}).get("kind") or (kwargs.get("initial") or {}).get("kind")
        if kind not in SupportKind.values:
            kind = SupportKind.MENTORING
        super().__init__(*args, kind=kind, **kwargs)
        for name, label in self.THIRD_PERSON.items():
            self.fields[name].label = label
        self.fields["about"].help_text = (
            "In their words if you can. Only coordinators and the person they're matched "
            "with can read this."
        )
        self.fields["place"].label = "Their home town or city"
        order = ["member", "kind", "source"]
        self.order_fields(order + [name for name in self.fields if name not in order])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind"):
            self.kind = cleaned["kind"]
        return cleaned
