"""Fields and helpers shared by the member and staff forms: weekly availability as rows
of selects, a town resolved with the gazetteer, topic and checkbox fields, and plain-words
messages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from alongside.accounts import places
from alongside.accounts.choices import AccessNeed, Day
from alongside.accounts.models import Topic
from alongside.accounts.widgets import PlaceInput
from alongside.matching.availability import MAX_TIMES, TIME_CHOICES, clean_availability
from alongside.matching.choices import MatchMode
from alongside.matching.models import MAX_CAPACITY

TOO_LONG = "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."
NO_MODE = "Choose at least one way you'd like to meet."
NO_LANGUAGE = "Choose at least one language you can use."
CAPACITY_RANGE = f"Choose between 1 and {MAX_CAPACITY} people at once."
DISTANCE_RANGE = "Give a distance between 1 and 500 kilometres."
PLACE_HELP = (
    "A town or city, never your street address. If several places share the name, "
    "add the region or country, for example \u201cNewport, Wales\u201d."
)
SHOWN_ROWS = 6


class PlainWordsMixin:
    """No colon after labels, and a plain message for over-long text (unless the field
    has its own). `id_prefix` keeps ids apart when several forms share a page."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages.setdefault("max_length", TOO_LONG)

    def add_action_error(self, error: ValidationError) -> None:
        """Put an action's ValidationError beside the field it names (or above the form
        when it names none, or a field this form doesn't have)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


# ----------------------------------------------------------------------------------------
# Shared fields
# ----------------------------------------------------------------------------------------


class AvailabilityWidget(forms.Widget):
    """Rows of day + start + end selects. Blank rows are ignored; filled rows are
    returned in order, so that "Time 2" in a message is the second row shown again."""

    template_name = "matching/widgets/availability.html"
    use_fieldset = True

    def id_for_label(self, id_):
        return ""  # a group of selects: the legend names it, each select has its own label

    def value_from_datadict(self, data, files, name):
        rows = []
        for index in range(MAX_TIMES + 1):
            row = {
                part: str(data.get(f"{name}_{index}_{part}", "")).strip()
                for part in ("day", "start", "end")
            }
            if any(row.values()):
                rows.append(row)
        return rows

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        return value if isinstance(value, list) else []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        times = [t for t in self.format_value(value) if isinstance(t, dict)]
        count = max(SHOWN_ROWS, min(len(times) + 1, MAX_TIMES))
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        rows = []
        for index in range(count):
            time = times[index] if index < len(times) else {}
            rows.append(
                {
                    "number": index + 1,
                    "prefix": f"{name}_{index}",
                    "id": f"{base_id}_{index}",
                    "day": time.get("day", ""),
                    "start": time.get("start", ""),
                    "end": time.get("end", ""),
                }
            )
        context["widget"].update(
            {
                "rows": rows,
                "base_id": base_id,
                "days": list(Day.choices),
                "times": TIME_CHOICES,
                "invalid": bool(context["widget"]["attrs"].get("aria-invalid")),
            }
        )
        return context


class AvailabilityField(forms.Field):
    widget = AvailabilityWidget
    default_error_messages = {"required": "Add at least one day and time when you're free."}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Each row is a day and the times you're usually free, for example Tuesday "
            "18:00 to 20:00. Leave rows you don't need empty.",
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return value if isinstance(value, list) else []

    def validate(self, value):
        pass  # clean_availability below says what is wrong

    def clean(self, value):
        value = self.to_python(value)
        return clean_availability(value, required=self.required)

    def has_changed(self, initial, data):
        return initial != data


class PlaceField(forms.CharField):
    """A town or city, resolved with the gazetteer: cleans to a `places.Place` or None.
    Suggestions come from the accounts place search, as on the profile form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Home town or city")
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", PLACE_HELP)
        kwargs.setdefault("widget", PlaceInput())
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        try:
            return places.resolve_place(text)
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


def topic_field(label: str, help_text: str = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def checkboxes(label: str, choices, *, required=False, help_text="", required_message=""):
    field = forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )
    if required_message:
        field.error_messages["required"] = required_message
    return field


def offered_topics(held_ids) -> QuerySet:
    """Active topics, and any turned-off topic this record already has (so that saving
    neither drops it silently nor fails on it)."""
    return Topic.objects.filter(Q(is_active=True) | Q(pk__in=list(held_ids))).order_by("name")


def place_label(obj) -> str:
    return getattr(obj, "place_name", "") or ""


class PlaceNeededMixin:
    """In person needs a home town (and, for supporters, how far they'd travel)."""

    IN_PERSON_PLACE = (
        "Tell us your home town or city so we can find someone near you, or untick "
        "\u201cIn person\u201d."
    )

    def check_in_person(self, cleaned):
        modes = cleaned.get("modes") or []
        wanted = MatchMode.IN_PERSON in modes and "place" not in self.errors
        if wanted and not cleaned.get("place"):
            self.add_error("place", self.IN_PERSON_PLACE)


def clean_access_needs(form, cleaned):
    needs = cleaned.get("access_needs") or []
    other_text = (cleaned.get("access_needs_other") or "").strip()
    if AccessNeed.OTHER in needs and not other_text:
        form.add_error(
            "access_needs_other", "Tell us what would help, or untick \u201cSomething else\u201d."
        )
    elif other_text and AccessNeed.OTHER not in needs:
        cleaned["access_needs"] = [*needs, AccessNeed.OTHER.value]
