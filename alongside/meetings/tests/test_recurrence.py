"""A recurring meeting keeps its local wall-clock time across daylight-saving changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from alongside.meetings.actions import schedule_meeting
from alongside.meetings.models import Meeting
from alongside.meetings.recurrence import expand, occurrence_starts

LONDON = ZoneInfo("Europe/London")


def test_weekly_meeting_stays_at_seven_in_the_evening_across_the_october_change():
    # The clocks go back on Sunday 25 October 2026.
    starts = expand(
        timezone_name="Europe/London",
        first_start=datetime(2026, 10, 13, 19, 0),
        rrule="FREQ=WEEKLY;COUNT=4",
    )

    assert [start.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") for start in starts] == [
        "2026-10-13 19:00",
        "2026-10-20 19:00",
        "2026-10-27 19:00",
        "2026-11-03 19:00",
    ]
    assert [start.astimezone(UTC).hour for start in starts] == [18, 18, 19, 19]
    assert starts[1].utcoffset() == timedelta(hours=1)
    assert starts[2].utcoffset() == timedelta(0)


@pytest.mark.django_db
def test_stored_occurrences_keep_local_time_and_change_utc_offset(group, facilitator):
    meeting = schedule_meeting(
        group=group,
        actor=facilitator,
        title="Tuesday evening",
        mode="video",
        timezone_name="Europe/London",
        first_start=datetime(2026, 10, 13, 19, 0),
        duration_minutes=90,
        rrule="FREQ=WEEKLY;COUNT=4",
    )

    occurrences = list(meeting.occurrences.order_by("starts_at"))
    local = [o.starts_at.astimezone(LONDON) for o in occurrences]
    assert {(t.hour, t.minute) for t in local} == {(19, 0)}
    assert [o.starts_at.astimezone(UTC).hour for o in occurrences] == [18, 18, 19, 19]
    assert {o.ends_at.astimezone(LONDON).strftime("%H:%M") for o in occurrences} == {"20:30"}
    assert meeting.first_start == datetime(2026, 10, 13, 18, 0, tzinfo=UTC)


def test_an_aware_first_start_is_read_on_the_meeting_wall_clock():
    starts = expand(
        timezone_name="Europe/London",
        first_start=datetime(2026, 3, 24, 19, 0, tzinfo=UTC),  # 19:00 GMT = 19:00 London
        rrule="FREQ=WEEKLY;COUNT=2",
    )
    # Across the March change the meeting stays at 19:00 London, now 18:00 UTC.
    assert [s.astimezone(UTC).hour for s in starts] == [19, 18]


def test_fortnightly_and_monthly():
    fortnightly = expand(
        timezone_name="Europe/London",
        first_start=datetime(2027, 1, 5, 10, 0),
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=3",
    )
    monthly = expand(
        timezone_name="America/New_York",
        first_start=datetime(2027, 1, 15, 18, 30),
        rrule="FREQ=MONTHLY;COUNT=4",
    )

    assert [s.date().isoformat() for s in fortnightly] == [
        "2027-01-05",
        "2027-01-19",
        "2027-02-02",
    ]
    assert [s.strftime("%m-%d %H:%M") for s in monthly] == [
        "01-15 18:30",
        "02-15 18:30",
        "03-15 18:30",  # after New York's March change
        "04-15 18:30",
    ]


def test_until_in_utc_is_read_as_the_same_moment():
    starts = expand(
        timezone_name="Europe/London",
        first_start=datetime(2026, 10, 13, 19, 0),
        rrule="FREQ=WEEKLY;UNTIL=20261027T190000Z",  # 19:00 UTC on the 27th is 19:00 GMT
    )
    assert len(starts) == 3


def test_a_rule_may_carry_its_rrule_prefix_and_a_meeting_expands_its_own():
    meeting = Meeting(
        timezone="Europe/London",
        first_start=datetime(2027, 1, 5, 19, 0, tzinfo=UTC),
        rrule="RRULE:FREQ=WEEKLY;COUNT=2",
    )
    assert [s.isoformat() for s in occurrence_starts(meeting)] == [
        "2027-01-05T19:00:00+00:00",
        "2027-01-12T19:00:00+00:00",
    ]


def test_the_first_tuesday_of_each_month():
    starts = expand(
        timezone_name="Europe/London",
        first_start=datetime(2027, 1, 5, 19, 0),
        rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
    )
    assert [s.date().isoformat() for s in starts] == ["2027-01-05", "2027-02-02", "2027-03-02"]


def test_a_rule_whose_dates_all_fall_before_its_start_gives_none():
    with pytest.raises(ValidationError, match="gives no dates"):
        expand(
            timezone_name="Europe/London",
            first_start=datetime(2027, 1, 5, 19, 0),
            rrule="FREQ=WEEKLY;UNTIL=20270101",
        )


def test_one_off_meeting_has_one_date():
    starts = expand(timezone_name="Europe/Paris", first_start=datetime(2027, 6, 1, 9, 0), rrule="")
    assert starts == [datetime(2027, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))]


@pytest.mark.parametrize(
    ("rrule", "message"),
    [
        ("FREQ=WEEKLY", "This repeat never ends"),
        ("FREQ=WEEKLY;INTERVAL=2", "This repeat never ends"),
        ("FREQ=SOMETIMES;COUNT=3", "can't be read"),
        ("FREQ=WEEKLY;COUNT=three", "can't be read"),
        ("DTSTART:20270101T000000\nRRULE:FREQ=WEEKLY;COUNT=3", "can't be read"),
        ("FREQ=HOURLY;COUNT=3", "at most once a day"),
        ("FREQ=WEEKLY;COUNT=201", "at most 200 dates"),
        ("FREQ=DAILY;UNTIL=20271231", "at most 200 dates"),
        ("FREQ=MONTHLY;COUNT=30", "at most two years ahead"),
        ("FREQ=WEEKLY;UNTIL=20300101", "at most two years ahead"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "parts we don't support: BYMONTH"),
        ("FREQ=MONTHLY;BYSETPOS=5;BYDAY=MO;COUNT=2", "parts we don't support: BYSETPOS"),
        ("FREQ=MONTHLY;BYMONTHDAY=-31;BYDAY=5SU;COUNT=3", "not both"),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;COUNT=2", "at least every six"),
        ("FREQ=YEARLY;COUNT=2", "at least every six"),
    ],
)
def test_bad_rules_are_refused_in_plain_words(rrule, message):
    with pytest.raises(ValidationError) as caught:
        expand(timezone_name="Europe/London", first_start=datetime(2027, 1, 5, 19, 0), rrule=rrule)
    assert message in caught.value.messages[0]


def test_unknown_timezone_is_refused():
    with pytest.raises(ValidationError) as caught:
        expand(timezone_name="Europe/Atlantis", first_start=datetime(2027, 1, 5, 19), rrule="")
    assert caught.value.messages == [
        "“Europe/Atlantis” isn't a timezone we know. Use a place name such as Europe/London."
    ]
