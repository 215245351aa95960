"""A member's own calendar: each date they are going to, with how to join."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.groups.choices import GroupStatus, MeetingMode, MembershipStatus
from alongside.meetings.calendar import member_calendar
from alongside.meetings.feed_tokens import create_calendar_feed_token
from alongside.meetings.models import Rsvp, RsvpStatus
from alongside.meetings.tests.calendar_factories import (
    LONDON,
    cancel,
    make_group,
    make_meeting,
    make_member,
    make_venue,
    move,
    occurrence_at,
    parse,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 10, 20, 12, 0, tzinfo=LONDON)
SERIES_START = datetime(2027, 10, 12, 19, 0, tzinfo=LONDON)
JOIN_URL = "https://meet.example.org/tuesday-room"


def rsvp(occurrence, user, status=RsvpStatus.GOING):
    return Rsvp.objects.create(occurrence=occurrence, user=user, status=status)


def video_series(group):
    return make_meeting(
        group,
        first_start=SERIES_START,
        rrule="FREQ=WEEKLY;COUNT=6",
        mode=MeetingMode.VIDEO,
        join_url=JOIN_URL,
        dial_in="0300 123 4567 pin 8888",
    )


@pytest.fixture
def group(member):
    group = make_group(mode=MeetingMode.VIDEO)
    make_member(group, member)
    return group


def feed(user, now=NOW):
    return parse(member_calendar(user, now=now))


def test_only_the_dates_they_are_going_to(group, member, other_member):
    meeting = video_series(group)
    make_member(group, other_member)
    going = occurrence_at(meeting, datetime(2027, 10, 26, 19, 0, tzinfo=LONDON))
    rsvp(going, member)
    rsvp(occurrence_at(meeting, datetime(2027, 11, 2, 19, 0, tzinfo=LONDON)), other_member)
    waitlisted = occurrence_at(meeting, datetime(2027, 11, 9, 19, 0, tzinfo=LONDON))
    rsvp(waitlisted, member, RsvpStatus.WAITLISTED)
    rsvp(occurrence_at(meeting, datetime(2027, 11, 16, 19, 0, tzinfo=LONDON)), member, "not_going")

    calendar = feed(member)

    (event,) = calendar.events
    assert str(event["UID"]) == f"occurrence-{going.pk}@alongside"
    assert "RRULE" not in event and "RECURRENCE-ID" not in event
    assert str(event["SUMMARY"]) == f"Tuesday evening ({group.name})"
    assert calendar.calendar_name == "My Alongside meetings"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_times_are_local_either_side_of_the_clock_change(group, member):
    meeting = video_series(group)
    for start in (SERIES_START, datetime(2027, 11, 2, 19, 0, tzinfo=LONDON)):
        rsvp(occurrence_at(meeting, start), member)

    calendar = feed(member)

    starts = [event.start for event in calendar.events]
    assert [start.strftime("%H:%M") for start in starts] == ["19:00", "19:00"]
    assert [start.utcoffset() for start in starts] == [timedelta(hours=1), timedelta(0)]
    assert {event["DTSTART"].params["TZID"] for event in calendar.events} == {"Europe/London"}
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert [event.end - event.start for event in calendar.events] == [timedelta(minutes=90)] * 2


def test_join_details_are_there_for_someone_going(group, member):
    rsvp(video_series(group).occurrences.first(), member)

    (event,) = feed(member).events

    description = str(event["DESCRIPTION"])
    assert f"Join: {JOIN_URL}" in description
    assert "Dial in: 0300 123 4567 pin 8888" in description
    assert description.startswith("Tea from 6:45.")
    assert str(event["URL"]) == JOIN_URL
    assert str(event["LOCATION"]) == JOIN_URL


def test_the_groups_online_details_stand_in_for_a_meeting_without_its_own(group, member):
    group.online_details = "Zoom 123 456 789, passcode calm"
    group.save()
    meeting = make_meeting(
        group, first_start=datetime(2027, 10, 22, 19, 0, tzinfo=LONDON), mode=MeetingMode.VIDEO
    )
    rsvp(meeting.occurrences.get(), member)

    (event,) = feed(member).events

    assert "Zoom 123 456 789, passcode calm" in str(event["DESCRIPTION"])


def test_an_in_person_meeting_gives_its_venue(group, member):
    meeting = make_meeting(
        group,
        first_start=datetime(2027, 10, 22, 19, 0, tzinfo=LONDON),
        mode=MeetingMode.IN_PERSON,
        venue=make_venue(),
    )
    rsvp(meeting.occurrences.get(), member)

    (event,) = feed(member).events

    assert str(event["LOCATION"]) == "Quaker Meeting House, 12 Friar Street, Reading RG1 1DB"
    assert "URL" not in event


def test_a_moved_date_shows_where_it_moved_to(group, member):
    meeting = video_series(group)
    occurrence = move(
        occurrence_at(meeting, SERIES_START), to=datetime(2027, 10, 13, 18, 0, tzinfo=LONDON)
    )
    rsvp(occurrence, member)

    (event,) = feed(member).events

    assert event.start == datetime(2027, 10, 13, 18, 0, tzinfo=LONDON)


def test_a_cancelled_date_is_marked_cancelled_without_join_details(group, member):
    meeting = video_series(group)
    rsvp(cancel(occurrence_at(meeting, datetime(2027, 10, 26, 19, 0, tzinfo=LONDON))), member)

    (event,) = feed(member).events

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Cancelled: ")
    assert JOIN_URL not in event.to_ical().decode()
    assert "URL" not in event


def test_dates_of_a_closed_group_still_to_come_are_cancelled(group, member):
    meeting = video_series(group)
    for occurrence in meeting.occurrences.all()[:3]:
        rsvp(occurrence, member)
    group.status = GroupStatus.CLOSED
    group.save()

    events = feed(member).events

    # NOW is between the second date and the third.
    assert [str(e.get("STATUS", "")) for e in events] == ["", "", "CANCELLED"]


def test_the_last_30_days_are_kept_and_older_ones_dropped(group, member):
    meeting = video_series(group)
    for occurrence in meeting.occurrences.all():
        rsvp(occurrence, member)

    events = feed(member, now=datetime(2027, 11, 12, 19, 0, tzinfo=LONDON)).events

    assert [event.start.day for event in events] == [19, 26, 2, 9, 16]


@pytest.mark.parametrize("status", [MembershipStatus.LEFT, MembershipStatus.REMOVED])
def test_someone_no_longer_in_the_group_loses_its_dates(group, member, status):
    rsvp(video_series(group).occurrences.first(), member)
    group.memberships.filter(user=member).update(status=status)

    assert feed(member).events == []


def test_a_facilitator_who_is_not_a_member_keeps_their_dates(member):
    group = make_group()
    group.facilitators.add(member)
    rsvp(video_series(group).occurrences.first(), member)

    assert len(feed(member).events) == 1


def test_an_empty_feed_is_still_a_calendar(member):
    calendar = feed(member)

    assert calendar.events == [] and calendar.timezones == []


# --- The view -------------------------------------------------------------------------------


def test_the_private_feed_is_served_by_its_key(client, group, member):
    meeting = make_meeting(
        group,
        first_start=timezone.now().astimezone(LONDON).replace(microsecond=0) + timedelta(days=3),
        mode=MeetingMode.VIDEO,
        join_url=JOIN_URL,
    )
    rsvp(meeting.occurrences.get(), member)
    _, key = create_calendar_feed_token(user=member)

    response = client.get(reverse("meetings:member_calendar", kwargs={"key": key}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="alongside.ics"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    (event,) = parse(response.content).events
    assert JOIN_URL in str(event["DESCRIPTION"])


def test_the_feed_answers_to_its_key_not_to_being_signed_in(client_for, member):
    response = client_for(member).get("/calendar/me/not-a-key.ics")

    assert response.status_code == 404


def test_the_feed_takes_the_same_few_queries_however_many_dates(
    client, group, member, django_assert_num_queries
):
    start = timezone.now().astimezone(LONDON).replace(microsecond=0) + timedelta(days=1)
    for occurrence in make_meeting(
        group, first_start=start, rrule="FREQ=WEEKLY;COUNT=5", venue=make_venue()
    ).occurrences.all():
        rsvp(occurrence, member)
    _, key = create_calendar_feed_token(user=member)

    # The token with its owner; the occurrences with their meetings, groups and venues.
    with django_assert_num_queries(2):
        response = client.get(f"/calendar/me/{key}.ics")

    assert len(parse(response.content).events) == 5
