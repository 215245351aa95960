"""Forms for the coordinators' measure and settings pages. Messages are plain words beside
the field; the actions check again what matters to the database."""

from django import forms

from alongside.matching.forms import PlainWordsMixin
from alongside.outcomes.actions_measures import WORDING_MAX_LENGTH
from alongside.outcomes.models import Measure

WORDING_HELP = (
    "Enter the wording exactly as the owners supplied it when you registered your "
    "organisation's use of this measure."
)


class ItemWordingForm(PlainWordsMixin, forms.Form):
    """One text box per item whose wording is licensed, named by the item's key."""

    def __init__(self, *args, measure: Measure, **kwargs):
        kwargs.setdefault(
            "initial",
            {key: text for key, text in measure.item_wording.items() if isinstance(text, str)},
        )
        super().__init__(*args, **kwargs)
        for number, item in enumerate(measure.parsed.items, start=1):
            if item.text is not None:
                continue
            empty = f"Enter the wording of statement {number} ({item.topic})."
            self.fields[item.key] = forms.CharField(
                label=f"Statement {number} ({item.topic})",
                max_length=WORDING_MAX_LENGTH,
                help_text=WORDING_HELP if number == 1 else "",
                error_messages={
                    "required": empty,
                    "null_characters_not_allowed": (
                        f"Statement {number} has a hidden character that can't be saved. "
                        "Type or paste it again."
                    ),
                    "max_length": (
                        f"Statement {number} must be {WORDING_MAX_LENGTH} characters or fewer "
                        "(it has %(show_value)d)."
                    ),
                },
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "true"}),
            )


class MeasureActiveForm(PlainWordsMixin, forms.Form):
    active = forms.TypedChoiceField(
        choices=[("yes", "Start asking"), ("no", "Stop asking")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": "Choose whether to start or stop asking this measure.",
            "invalid_choice": "Choose whether to start or stop asking this measure.",
        },
    )


def _whole_number(label: str, *, low: int, high: int, usual: int, unit: str, help_text: str):
    message = f"Enter a whole number of {unit} from {low} to {high}, like {usual}."
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={key: message for key in ("required", "invalid", "min_value", "max_value")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class OutcomesSettingsForm(PlainWordsMixin, forms.Form):
    interval_months = _whole_number(
        "How often members are asked, in months",
        low=1,
        high=12,
        usual=3,
        unit="months",
        help_text="Members who said yes are invited again this long after their last check-in. "
        "From 1 to 12 months; 3 is usual.",
    )
    ask_when_support_ends = forms.BooleanField(
        label="Also ask when a match or a group membership ends",
        required=False,
    )
    quiet_days_after_urgent = _whole_number(
        "Quiet days after an urgent safety-net event",
        low=1,
        high=90,
        usual=14,
        unit="days",
        help_text="After the safety net sees urgent risk in what someone wrote, no check-in is "
        "shown to them for this many days. From 1 to 90 days.",
    )

    @classmethod
    def initial_from(cls, row) -> dict:
        return {name: getattr(row, name) for name in cls.base_fields}
