"""Arranging a meeting: every kind of bad input gets a message in plain words."""

from datetime import date, timedelta

import pytest

from alongside.groups.tests.factories import VenueFactory
from alongside.meetings.forms import MeetingForm, RsvpForm

pytestmark = pytest.mark.django_db

NEXT_YEAR = date.today().year + 1


def form_data(**changes):
    data = {
        "title": "Tuesday evening",
        "description": "",
        "mode": "video",
        "join_url": "https://meet.example.org/tuesday",
        "timezone": "Europe/London",
        "start_date": f"{NEXT_YEAR}-01-05",
        "start_time": "19:00",
        "end_time": "20:30",
        "repeat": "none",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def errors_of(**changes):
    form = MeetingForm(data=form_data(**changes))
    assert not form.is_valid()
    return form.errors


def test_a_one_off_video_meeting():
    form = MeetingForm(data=form_data())
    assert form.is_valid(), form.errors
    fields = form.meeting_fields()
    assert fields["duration_minutes"] == 90
    assert fields["rrule"] == ""
    assert fields["first_start"].isoformat() == f"{NEXT_YEAR}-01-05T19:00:00"
    assert fields["timezone_name"] == "Europe/London"


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        ("weekly", "FREQ=WEEKLY;COUNT=6"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
        ("monthly", "FREQ=MONTHLY;COUNT=6"),
    ],
)
def test_repeats_build_a_rule_with_a_count(repeat, rule):
    form = MeetingForm(data=form_data(repeat=repeat, repeat_count="6"))
    assert form.is_valid(), form.errors
    assert form.meeting_fields()["rrule"] == rule


def test_repeat_until_a_date_ends_at_the_end_of_that_day():
    form = MeetingForm(data=form_data(repeat="weekly", repeat_until=f"{NEXT_YEAR}-03-30"))
    assert form.is_valid(), form.errors
    assert form.meeting_fields()["rrule"] == f"FREQ=WEEKLY;UNTIL={NEXT_YEAR}0330T235959"


def test_duration_instead_of_end_time():
    form = MeetingForm(data=form_data(end_time="", duration_minutes="45"))
    assert form.is_valid(), form.errors
    assert form.meeting_fields()["duration_minutes"] == 45


def test_an_in_person_meeting_at_a_venue():
    venue = VenueFactory()
    form = MeetingForm(data=form_data(mode="in_person", venue=str(venue.pk), join_url=""))
    assert form.is_valid(), form.errors
    assert form.meeting_fields()["venue"] == venue


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"end_time": "18:30"},
            "end_time",
            "The meeting ends before (or when) it starts. Check the end time.",
        ),
        (
            {"end_time": "19:00"},
            "end_time",
            "The meeting ends before (or when) it starts. Check the end time.",
        ),
        (
            {"end_time": ""},
            "end_time",
            "Give an end time or how long the meeting lasts.",
        ),
        (
            {"end_time": "", "duration_minutes": "0"},
            "duration_minutes",
            "A meeting must last at least a minute.",
        ),
        (
            {"end_time": "", "duration_minutes": "900"},
            "duration_minutes",
            "A meeting can last at most 12 hours.",
        ),
        (
            {"duration_minutes": "30"},
            "duration_minutes",
            "The end time and the length don't agree. Give just one of them.",
        ),
        (
            {"repeat": "weekly"},
            "repeat",
            "A repeating meeting needs an end: give how many times, or a last date.",
        ),
        (
            {"repeat": "weekly", "repeat_count": "3", "repeat_until": f"{NEXT_YEAR}-03-01"},
            "repeat",
            "Give how many times or a last date, not both.",
        ),
        (
            {"repeat": "weekly", "repeat_count": "0"},
            "repeat_count",
            "Give a number of times of at least 1.",
        ),
        (
            {"repeat": "weekly", "repeat_until": f"{NEXT_YEAR}-01-01"},
            "repeat_until",
            "The last date is before the first meeting.",
        ),
        (
            {"repeat": "weekly", "repeat_count": "250"},
            "repeat",
            "A repeating meeting can have at most 200 dates. Repeat it fewer times, or "
            "schedule a new series later.",
        ),
        (
            {"repeat": "monthly", "repeat_count": "30"},
            "repeat",
            "A repeating meeting can be scheduled at most two years ahead. Choose an earlier "
            "end, and schedule a new series later.",
        ),
        (
            {"repeat": "monthly", "repeat_count": "3", "start_date": f"{NEXT_YEAR}-01-31"},
            "start_date",
            "A monthly meeting needs a date from the 1st to the 28th, which every month has.",
        ),
        (
            {"capacity": "0"},
            "capacity",
            "The number of places must be at least 1. Leave it empty for the group's limit.",
        ),
        (
            {"capacity": "-4"},
            "capacity",
            "The number of places must be at least 1. Leave it empty for the group's limit.",
        ),
        (
            {"mode": "in_person", "join_url": ""},
            "venue",
            "A meeting in person needs a venue. Choose one.",
        ),
        (
            {"mode": "hybrid"},
            "venue",
            "A meeting in person needs a venue. Choose one.",
        ),
        (
            {"join_url": ""},
            "join_url",
            "A video meeting needs a link to join it.",
        ),
        (
            {"mode": "phone", "join_url": ""},
            "dial_in",
            "A phone meeting needs a number to dial in.",
        ),
        (
            {"timezone": "Mars/Olympus_Mons"},
            "timezone",
            "“Mars/Olympus_Mons” isn't a timezone we know. Use a place name such as Europe/London.",
        ),
        (
            {"start_date": (date.today() - timedelta(days=1)).isoformat()},
            "start_date",
            "The first meeting would be in the past.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message(changes, field, message):
    assert errors_of(**changes)[field] == [message]


def test_venue_field_offers_only_venues():
    form = MeetingForm(data=form_data(mode="in_person", venue="999999", join_url=""))
    assert not form.is_valid()
    assert "venue" in form.errors


def test_rsvp_form_keeps_access_needs_only_for_going():
    going = RsvpForm(
        data={"status": "going", "access_needs": ["hearing_loop"], "access_note": "Front row"}
    )
    not_going = RsvpForm(
        data={"status": "not_going", "access_needs": ["hearing_loop"], "access_note": "x"}
    )

    assert going.is_valid() and not_going.is_valid()
    assert going.cleaned_data["access_needs"] == ["hearing_loop"]
    assert not_going.cleaned_data["access_needs"] == []
    assert not_going.cleaned_data["access_note"] == ""


def test_rsvp_form_asks_what_something_else_is():
    form = RsvpForm(data={"status": "going", "access_needs": ["other"]})
    assert not form.is_valid()
    assert form.errors["access_note"] == ["Tell us what you need, so we can arrange it."]


def test_rsvp_form_refuses_unknown_needs_and_statuses():
    form = RsvpForm(data={"status": "waitlisted", "access_needs": ["jetpack"]})
    assert not form.is_valid()
    assert set(form.errors) == {"status", "access_needs"}
