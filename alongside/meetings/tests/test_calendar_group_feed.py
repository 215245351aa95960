"""The public calendar feed of a group, read back as a calendar app reads it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from alongside.groups.choices import GroupStatus, MeetingMode
from alongside.meetings.calendar import group_calendar
from alongside.meetings.tests.calendar_factories import (
    LONDON,
    cancel,
    events_by_uid,
    expand,
    make_group,
    make_meeting,
    make_venue,
    move,
    occurrence_at,
    parse,
)

pytestmark = pytest.mark.django_db

# Weekly on Tuesdays at 19:00 in London; the clocks go back on Sunday 31 October 2027.
SERIES_START = datetime(2027, 10, 12, 19, 0, tzinfo=LONDON)
WEEKLY_SIX = "FREQ=WEEKLY;COUNT=6"


def weekly_meeting(group, **fields):
    return make_meeting(group, first_start=SERIES_START, rrule=WEEKLY_SIX, **fields)


def feed(group):
    return parse(group_calendar(group))


def test_calendar_says_who_published_it_and_what_it_is():
    group = make_group(name="Carers' evening")

    calendar = feed(group)

    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]) == "-//Alongside//Meetings//EN"
    assert calendar.calendar_name == "Carers' evening"
    assert str(calendar["X-WR-CALNAME"]) == "Carers' evening"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.refresh_interval == timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"


def test_a_one_off_meeting_is_a_plain_event_at_its_local_time():
    group = make_group()
    venue = make_venue()
    meeting = make_meeting(
        group, first_start=datetime(2027, 7, 6, 18, 30, tzinfo=LONDON), venue=venue
    )

    calendar = feed(group)

    (event,) = calendar.events
    assert str(event["UID"]) == f"meeting-{meeting.pk}@alongside"
    assert event.start == datetime(2027, 7, 6, 18, 30, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.end == datetime(2027, 7, 6, 20, 0, tzinfo=LONDON)
    assert "RRULE" not in event
    assert str(event["SUMMARY"]) == "Tuesday evening"
    assert str(event["LOCATION"]) == "Quaker Meeting House, 12 Friar Street, Reading RG1 1DB"
    assert "STATUS" not in event


def test_a_weekly_series_stays_at_19_00_across_the_clocks_going_back():
    group = make_group()
    meeting = weekly_meeting(group)
    content = group_calendar(group)

    dates = expand(parse(content), f"meeting-{meeting.pk}@alongside")

    starts = [start for start, _ in dates]
    assert [start.date().isoformat() for start in starts] == [
        "2027-10-12",
        "2027-10-19",
        "2027-10-26",
        "2027-11-02",
        "2027-11-09",
        "2027-11-16",
    ]
    assert {start.strftime("%H:%M") for start in starts} == {"19:00"}
    assert [start.utcoffset() for start in starts] == [timedelta(hours=1)] * 3 + [timedelta(0)] * 3
    assert [start.astimezone(ZoneInfo("UTC")).hour for start in starts] == [18] * 3 + [19] * 3
    assert {end - start for start, end in dates} == {timedelta(minutes=90)}
    assert b"DTSTART;TZID=Europe/London:20271012T190000" in content
    assert b"RRULE:FREQ=WEEKLY;COUNT=6" in content


def test_the_series_is_one_event_with_a_stable_uid():
    group = make_group()
    meeting = weekly_meeting(group)

    first, second = feed(group), feed(group)

    (event,) = first.events
    assert str(event["UID"]) == f"meeting-{meeting.pk}@alongside"
    assert event.duration == timedelta(minutes=90)
    assert [str(e["UID"]) for e in second.events] == [str(event["UID"])]


def test_each_timezone_used_has_a_vtimezone():
    group = make_group()
    weekly_meeting(group)
    make_meeting(
        group,
        first_start=datetime(2027, 11, 3, 19, 0, tzinfo=ZoneInfo("America/New_York")),
        rrule="FREQ=WEEKLY;COUNT=3",
    )

    calendar = feed(group)

    assert {tz.tz_name for tz in calendar.timezones} == {"Europe/London", "America/New_York"}
    assert calendar.get_missing_tzids() == set()
    london = next(tz for tz in calendar.timezones if tz.tz_name == "Europe/London")
    # The change back to GMT falls inside what the VTIMEZONE describes.
    assert any(
        str(standard["TZNAME"]) == "GMT" and standard.DTSTART.date().isoformat() == "2027-10-31"
        for standard in london.standard
    )


def test_a_cancelled_date_is_an_exdate_and_drops_out_of_the_series():
    group = make_group()
    meeting = weekly_meeting(group)
    cancel(occurrence_at(meeting, datetime(2027, 11, 2, 19, 0, tzinfo=LONDON)))

    calendar = feed(group)

    (event,) = calendar.events
    assert event.exdates == [datetime(2027, 11, 2, 19, 0, tzinfo=LONDON)]
    assert event["EXDATE"].params["TZID"] == "Europe/London"
    starts = [start for start, _ in expand(calendar, f"meeting-{meeting.pk}@alongside")]
    assert datetime(2027, 11, 2, 19, 0, tzinfo=LONDON) not in starts
    assert len(starts) == 5


def test_a_moved_date_is_an_override_with_recurrence_id():
    group = make_group()
    meeting = weekly_meeting(group)
    original = datetime(2027, 10, 26, 19, 0, tzinfo=LONDON)
    move(occurrence_at(meeting, original), to=datetime(2027, 10, 27, 18, 0, tzinfo=LONDON))

    calendar = feed(group)

    uid = f"meeting-{meeting.pk}@alongside"
    series, override = events_by_uid(calendar, uid)
    assert "RRULE" in series and "RRULE" not in override
    assert override["RECURRENCE-ID"].dt == original
    assert override["RECURRENCE-ID"].params["TZID"] == "Europe/London"
    assert override.start == datetime(2027, 10, 27, 18, 0, tzinfo=LONDON)
    assert override.end == datetime(2027, 10, 27, 19, 30, tzinfo=LONDON)
    starts = [start for start, _ in expand(calendar, uid)]
    assert original not in starts
    assert datetime(2027, 10, 27, 18, 0, tzinfo=LONDON) in starts
    assert len(starts) == 6


def test_a_date_made_longer_is_an_override_too():
    group = make_group()
    meeting = weekly_meeting(group)
    occurrence = occurrence_at(meeting, SERIES_START)
    occurrence.ends_at += timedelta(minutes=30)
    occurrence.save()

    (_, override) = events_by_uid(feed(group), f"meeting-{meeting.pk}@alongside")

    assert override.start == SERIES_START
    assert override.end == datetime(2027, 10, 12, 21, 0, tzinfo=LONDON)


def test_a_local_until_is_written_in_utc():
    group = make_group()
    meeting = make_meeting(
        group, first_start=SERIES_START, rrule="FREQ=WEEKLY;UNTIL=20271026T190000"
    )

    content = group_calendar(group)

    assert b"UNTIL=20271026T180000Z" in content
    starts = [start for start, _ in expand(parse(content), f"meeting-{meeting.pk}@alongside")]
    assert [start.day for start in starts] == [12, 19, 26]


@pytest.mark.parametrize(
    "rrule",
    [
        "FREQ=WEEKLY;COUNT=6",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4",
        "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20271105T000000Z",
        "FREQ=WEEKLY;UNTIL=20271026",  # a date: the scheduler stops at its midnight
        "FREQ=MONTHLY;BYDAY=-1TU;COUNT=3",
    ],
)
def test_the_feed_gives_exactly_the_stored_dates(rrule):
    group = make_group()
    meeting = make_meeting(group, first_start=SERIES_START, rrule=rrule)

    dates = expand(parse(group_calendar(group)), f"meeting-{meeting.pk}@alongside")

    stored = meeting.occurrences.order_by("starts_at")
    assert dates == [(o.starts_at, o.ends_at) for o in stored]
    assert all(start.astimezone(LONDON).hour == 19 for start, _ in dates)


def test_a_cancelled_one_off_meeting_says_so():
    group = make_group()
    meeting = make_meeting(group, first_start=datetime(2027, 7, 6, 18, 30, tzinfo=LONDON))
    cancel(meeting.occurrences.get())

    (event,) = feed(group).events

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelled: Tuesday evening"


def test_the_group_feed_never_carries_join_details():
    group = make_group(mode=MeetingMode.VIDEO, online_details="Zoom code 9999-group")
    weekly_meeting(
        group,
        mode=MeetingMode.VIDEO,
        join_url="https://meet.example.org/secret-room",
        dial_in="0300 123 4567 pin 8888",
    )
    make_meeting(
        group,
        first_start=datetime(2027, 7, 6, 18, 30, tzinfo=LONDON),
        mode=MeetingMode.HYBRID,
        venue=make_venue(),
        join_url="https://meet.example.org/hybrid-room",
    )

    content = group_calendar(group)

    for secret in (b"secret-room", b"hybrid-room", b"8888", b"9999-group", b"meet.example"):
        assert secret not in content
    locations = sorted(str(event["LOCATION"]) for event in parse(content).events)
    assert locations == ["Quaker Meeting House, 12 Friar Street, Reading RG1 1DB", "Video call"]


def test_a_closed_group_keeps_its_history_and_drops_what_was_still_to_come():
    group = make_group(status=GroupStatus.CLOSED)
    meeting = weekly_meeting(group)

    calendar = parse(group_calendar(group, now=datetime(2027, 10, 28, tzinfo=LONDON)))

    starts = [start for start, _ in expand(calendar, f"meeting-{meeting.pk}@alongside")]
    assert [start.day for start in starts] == [12, 19, 26]


# --- The view -------------------------------------------------------------------------------


def test_the_feed_is_served_as_an_inline_calendar(client):
    group = make_group(slug="carers-evening")
    weekly_meeting(group)

    response = client.get("/calendar/groups/carers-evening.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="carers-evening.ics"'
    assert "public" in response["Cache-Control"]
    assert len(parse(response.content).events) == 1


def test_the_url_is_named():
    assert reverse("meetings:group_calendar", kwargs={"slug": "x"}) == "/calendar/groups/x.ics"


@pytest.mark.parametrize("status", [GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED])
def test_anyone_can_fetch_a_public_groups_feed(client, status):
    group = make_group(status=status)

    response = client.get(reverse("meetings:group_calendar", kwargs={"slug": group.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("status", [GroupStatus.PROPOSED, GroupStatus.DECLINED])
def test_a_private_groups_feed_is_not_found(client, status):
    group = make_group(status=status)
    weekly_meeting(group)

    response = client.get(reverse("meetings:group_calendar", kwargs={"slug": group.slug}))

    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content


def test_a_private_groups_feed_is_not_found_even_for_its_proposer(client_for, member):
    group = make_group(status=GroupStatus.PROPOSED, proposed_by=member)

    response = client_for(member).get(f"/calendar/groups/{group.slug}.ics")

    assert response.status_code == 404


def test_an_unknown_group_is_not_found(client):
    assert client.get("/calendar/groups/no-such-group.ics").status_code == 404


def test_the_feed_takes_the_same_few_queries_however_many_meetings(
    client, django_assert_num_queries
):
    group = make_group()
    for n in range(4):
        weekly_meeting(group, venue=make_venue(name=f"Hall {n}"))
        make_meeting(group, first_start=datetime(2027, 7, 6 + n, 18, 30, tzinfo=LONDON))

    # The group; its meetings with their venues; their occurrences.
    with django_assert_num_queries(3):
        response = client.get(f"/calendar/groups/{group.slug}.ics")

    assert len(parse(response.content).events) == 8


def test_text_from_facilitators_cannot_add_lines_to_the_feed():
    group = make_group(name="Walk\r\nX-WR-CALNAME:Other\rMETHOD:REQUEST")
    make_meeting(
        group,
        first_start=SERIES_START,
        title="Walk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected",
        description="Bring boots,\nand a flask; tea after.",
    )

    content = group_calendar(group)

    lines = content.decode().split("\r\n")
    assert not any(
        line.startswith(("UID:injected", "X-WR-CALNAME:Other", "METHOD:R")) for line in lines
    )
    assert "\r" not in content.decode().replace("\r\n", "")
    assert "X-WR-CALNAME:Walk X-WR-CALNAME:Other METHOD:REQUEST" in lines
    calendar = parse(content)
    (event,) = calendar.events
    assert str(event["SUMMARY"]) == "Walk\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected"
    assert str(event["DESCRIPTION"]) == "Bring boots,\nand a flask; tea after."
