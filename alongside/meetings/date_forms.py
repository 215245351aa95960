"""Forms for changing one date of a meeting: moving it, and recording who came."""

from datetime import datetime

from django import forms

from alongside.meetings.models import RsvpStatus
from alongside.meetings.recurrence import meeting_zone


class MoveOccurrenceForm(forms.Form):
    """A new date and time, as wall-clock times in the meeting's own timezone."""

    date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Starts at", widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label="Ends at", widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, timezone_name: str, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.zone = meeting_zone(timezone_name)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", "The meeting ends before (or when) it starts.")
        return data

    def moments(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return (
            datetime.combine(data["date"], data["start_time"], tzinfo=self.zone),
            datetime.combine(data["date"], data["end_time"], tzinfo=self.zone),
        )


class AttendanceForm(forms.Form):
    came = forms.TypedMultipleChoiceField(
        label="Who came?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, attendees, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        going = [person for person in attendees if person.status == RsvpStatus.GOING]
        self.fields["came"].choices = [(p.user_id, p.display_name) for p in going]
        self.fields["came"].initial = [p.user_id for p in going if p.attended]
