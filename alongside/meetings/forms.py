"""Forms for arranging a meeting and answering one. They check input and say what is wrong
in plain words; the actions do the rest."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.accounts.choices import AccessNeed
from alongside.groups.choices import VENUE_MODES, MeetingMode
from alongside.groups.forms import CONSENT_REQUIRED, access_consent_field
from alongside.groups.models import Venue
from alongside.meetings.models import RsvpStatus
from alongside.meetings.recurrence import expand, meeting_zone

REPEAT_CHOICES = [
    ("none", "Just once"),
    ("weekly", "Every week"),
    ("fortnightly", "Every two weeks"),
    ("monthly", "Every month, on the same date"),
]
REPEAT_RULES = {
    "weekly": "FREQ=WEEKLY",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}
MAX_DURATION_MINUTES = 12 * 60


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=120)
    description = forms.CharField(max_length=3000, required=False, widget=forms.Textarea)
    mode = forms.ChoiceField(label="How we meet", choices=MeetingMode.choices)
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), required=False)
    join_url = forms.URLField(
        label="Video call link", max_length=500, required=False, assume_scheme="https"
    )
    dial_in = forms.CharField(label="Phone number to dial in", max_length=200, required=False)
    timezone = forms.CharField(
        max_length=64,
        initial="Europe/London",
        help_text="Where the meeting's times are set, such as Europe/London.",
    )
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Or give how long it lasts.",
    )
    duration_minutes = forms.IntegerField(label="How long (minutes)", required=False)
    repeat = forms.ChoiceField(choices=REPEAT_CHOICES, initial="none")
    repeat_count = forms.IntegerField(label="How many times", required=False)
    repeat_until = forms.DateField(
        label="Last date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    capacity = forms.IntegerField(
        label="Places", required=False, help_text="Leave empty to use the group's limit."
    )

    def clean_timezone(self):
        name = self.cleaned_data["timezone"].strip()
        meeting_zone(name)
        return name

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise ValidationError(
                "The number of places must be at least 1. Leave it empty for the group's limit."
            )
        return capacity

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and minutes < 1:
            raise ValidationError("A meeting must last at least a minute.")
        if minutes is not None and minutes > MAX_DURATION_MINUTES:
            raise ValidationError("A meeting can last at most 12 hours.")
        return minutes

    def clean_repeat_count(self):
        count = self.cleaned_data.get("repeat_count")
        if count is not None and count < 1:
            raise ValidationError("Give a number of times of at least 1.")
        return count

    def clean(self):
        data = super().clean()
        self._clean_place(data)
        self._clean_length(data)
        self._clean_repeat(data)
        if not self.errors:
            self._clean_dates(data)
        return data

    def _clean_dates(self, data) -> None:
        try:
            starts = expand(
                timezone_name=data["timezone"], first_start=self.local_start(), rrule=data["rrule"]
            )
        except ValidationError as error:
            self.add_error("repeat", error)
            return
        if starts[0] <= timezone.now():
            self.add_error("start_date", "The first meeting would be in the past.")

    def _clean_place(self, data) -> None:
        mode = data.get("mode")
        # A venue always has map coordinates: staff enter them with the venue.
        if mode in VENUE_MODES and data.get("venue") is None:
            self.add_error("venue", "A meeting in person needs a venue. Choose one.")
        if mode == MeetingMode.VIDEO and not data.get("join_url"):
            self.add_error("join_url", "A video meeting needs a link to join it.")
        if mode == MeetingMode.PHONE and not data.get("dial_in"):
            self.add_error("dial_in", "A phone meeting needs a number to dial in.")

    def _clean_length(self, data) -> None:
        start, end, minutes = (
            data.get("start_time"),
            data.get("end_time"),
            data.get("duration_minutes"),
        )
        if end is None and minutes is None:
            if "duration_minutes" not in self.errors:
                self.add_error("end_time", "Give an end time or how long the meeting lasts.")
            return
        if end is not None and start is not None:
            if end <= start:
                self.add_error(
                    "end_time",
                    "The meeting ends before (or when) it starts. Check the end time.",
                )
                return
            from_end = int(
                (datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start))
                / timedelta(minutes=1)
            )
            if minutes is not None and minutes != from_end:
                self.add_error(
                    "duration_minutes",
                    "The end time and the length don't agree. Give just one of them.",
                )
                return
            data["duration_minutes"] = from_end

    def _clean_repeat(self, data) -> None:
        repeat, count, until = (
            data.get("repeat"),
            data.get("repeat_count"),
            data.get("repeat_until"),
        )
        if repeat in (None, "none"):
            data["rrule"] = ""
            return
        if count is None and until is None:
            if "repeat_count" not in self.errors:
                self.add_error(
                    "repeat",
                    "A repeating meeting needs an end: give how many times, or a last date.",
                )
            return
        if count is not None and until is not None:
            self.add_error("repeat", "Give how many times or a last date, not both.")
            return
        start = data.get("start_date")
        if until is not None and start is not None and until < start:
            self.add_error("repeat_until", "The last date is before the first meeting.")
            return
        if repeat == "monthly" and start is not None and start.day > 28:
            self.add_error(
                "start_date",
                "A monthly meeting needs a date from the 1st to the 28th, which every month has.",
            )
            return
        end = f"COUNT={count}" if count is not None else f"UNTIL={until:%Y%m%d}T235959"
        data["rrule"] = f"{REPEAT_RULES[repeat]};{end}"

    def local_start(self) -> datetime:
        """The first start as a wall-clock time in the meeting's own timezone."""
        return datetime.combine(self.cleaned_data["start_date"], self.cleaned_data["start_time"])

    def meeting_fields(self) -> dict:
        """Keyword arguments for schedule_meeting."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "mode": data["mode"],
            "venue": data["venue"] if data["mode"] in VENUE_MODES else None,
            "join_url": data["join_url"],
            "dial_in": data["dial_in"],
            "timezone_name": data["timezone"],
            "first_start": self.local_start(),
            "duration_minutes": data["duration_minutes"],
            "rrule": data["rrule"],
            "capacity": data["capacity"],
        }


class RsvpForm(forms.Form):
    status = forms.ChoiceField(
        label="Are you going?",
        choices=[(RsvpStatus.GOING, "I'm going"), (RsvpStatus.NOT_GOING, "I can't go")],
        widget=forms.RadioSelect,
    )
    access_needs = forms.MultipleChoiceField(
        label="Anything you'll need at this meeting?",
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only the group's facilitators and coordinators see this.",
    )
    access_note = forms.CharField(
        label="Anything else we should know?",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, ask_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_consent:
            # Asked only of someone going, so it can't be required field by field.
            self.fields["share_access_needs"] = access_consent_field()
            self.fields["share_access_needs"].required = False

    def clean(self):
        data = super().clean()
        asked = "share_access_needs" in self.fields
        if data.get("status") == RsvpStatus.NOT_GOING:
            data["access_needs"], data["access_note"] = [], ""
            data["share_access_needs"] = None
            return data
        if asked and data.get("share_access_needs") is None and "status" in data:
            self.add_error("share_access_needs", CONSENT_REQUIRED)
        if AccessNeed.OTHER in data.get("access_needs", []) and not data.get("access_note"):
            self.add_error("access_note", "Tell us what you need, so we can arrange it.")
        data.setdefault("share_access_needs", None)
        return data
