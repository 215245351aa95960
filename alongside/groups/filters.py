from django import forms

from alongside.accounts.choices import LANGUAGES
from alongside.accounts.models import Topic
from alongside.groups.choices import GroupKind, MeetingMode, VenueFeature
from alongside.groups.directory import DirectoryFilters

ANY = [("", "Any")]
WEEKDAYS = [
    ("1", "Monday"), ("2", "Tuesday"), ("3", "Wednesday"), ("4", "Thursday"),
    ("5", "Friday"), ("6", "Saturday"), ("7", "Sunday"),
]  # fmt: skip


class DirectoryFilterForm(forms.Form):
    """The directory's filters, from the query string. Anything unusable gets a message
    beside its field and is ignored; the list still shows."""

    q = forms.CharField(label="Search by name or purpose", max_length=100, required=False)
    kind = forms.ChoiceField(label="Kind of group", choices=ANY + GroupKind.choices, required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    mode = forms.ChoiceField(
        label="How it meets", choices=ANY + MeetingMode.choices, required=False
    )
    language = forms.ChoiceField(label="Language", choices=ANY + LANGUAGES, required=False)
    feature = forms.ChoiceField(
        label="Venue has", choices=ANY + VenueFeature.choices, required=False
    )
    day = forms.ChoiceField(label="Meets on", choices=ANY + WEEKDAYS, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        topics = Topic.objects.filter(is_active=True).values_list("slug", "name")
        self.fields["topic"].choices = ANY + list(topics)

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        data = self.cleaned_data  # holds only the fields that validated
        day = data.get("day")
        return DirectoryFilters(
            query=data.get("q", "").strip(),
            kind=data.get("kind", ""),
            topic=data.get("topic", ""),
            mode=data.get("mode", ""),
            language=data.get("language", ""),
            feature=data.get("feature", ""),
            weekday=int(day) if day else None,
        )
