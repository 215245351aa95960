"""The meeting page: what members, facilitators and visitors each see."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.groups.choices import GroupStatus, MeetingMode
from alongside.groups.tests.factories import GroupFactory, VenueFactory
from alongside.meetings.models import OccurrenceStatus, RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory

pytestmark = pytest.mark.django_db

JOIN_URL = "https://meet.example.org/evening-circle"


def url(occurrence) -> str:
    return f"/meetings/{occurrence.pk}/"


def test_anyone_sees_the_meeting_in_its_own_timezone(client, group):
    meeting = MeetingFactory(group=group, title="Winter evening", timezone="America/New_York")
    occurrence = OccurrenceFactory(
        meeting=meeting, starts_at=datetime(2030, 1, 8, 23, 0, tzinfo=UTC)
    )

    page = client.get(url(occurrence)).content.decode()

    assert "Winter evening" in page
    assert f'href="/groups/{group.slug}/"' in page
    assert "Tuesday 8 January 2030, 6:00 p.m. to 7:30 p.m." in page
    assert "America/New_York time" in page
    assert "Log in</a> to say whether you're going" in page
    assert JOIN_URL not in page


def test_the_venue_shows_its_address_and_access(client, group):
    venue = VenueFactory(name="Riverside Hall", accessibility_notes="Ring the bell.")
    meeting = MeetingFactory(group=group, mode=MeetingMode.IN_PERSON, venue=venue, join_url="")
    page = client.get(url(OccurrenceFactory(meeting=meeting))).content.decode()

    assert "Riverside Hall" in page
    assert "1 High Street, Cardiff" in page
    assert "Step-free access" in page
    assert "Hearing loop" in page
    assert "Ring the bell." in page


def test_a_member_not_going_never_sees_the_join_link(client_for, member, joined, occurrence):
    joined(member)

    page = client_for(member).get(url(occurrence)).content.decode()

    assert JOIN_URL not in page
    assert "The link or number to join is shown here once you've said you're going." in page
    assert "Save my answer" in page


def test_a_member_going_sees_the_join_link_and_their_answer(
    client_for, member, joined, going, occurrence
):
    joined(member)
    going(member)

    page = client_for(member).get(url(occurrence)).content.decode()

    assert JOIN_URL in page
    assert "You're going." in page
    assert "1 going" in page


def test_places_left_and_the_waiting_list(client, group, members):
    meeting = MeetingFactory(group=group, capacity=2)
    occurrence = OccurrenceFactory(meeting=meeting)
    first, second, third = members(3)
    RsvpFactory(occurrence=occurrence, user=first)
    RsvpFactory(occurrence=occurrence, user=second)
    RsvpFactory(
        occurrence=occurrence,
        user=third,
        status=RsvpStatus.WAITLISTED,
        waitlisted_at=timezone.now(),
    )

    page = client.get(url(occurrence)).content.decode()

    assert "2 going, 0 places left of 2." in page
    assert "1 on the waiting list." in page


def test_a_cancelled_date_says_so(client, occurrence):
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.save()

    page = client.get(url(occurrence)).content.decode()

    assert "This date is cancelled." in page
    assert "Save my answer" not in page


def test_a_facilitator_sees_attendees_with_their_access_needs(
    client_for, facilitator, member, joined, going, occurrence
):
    joined(member)
    going(member, access_needs=["hearing_loop"], access_note="I will bring a friend.")

    page = client_for(facilitator).get(url(occurrence)).content.decode()

    assert "Who's coming" in page
    assert "Robin" in page
    assert "Hearing loop" in page
    assert "I will bring a friend." in page
    assert JOIN_URL in page
    assert "Cancel this date" in page


def test_a_coordinator_with_two_factor_sees_attendees(client_for, coordinator, occurrence):
    page = client_for(coordinator).get(url(occurrence)).content.decode()
    assert "Who's coming" in page


def test_a_member_never_sees_attendees_or_access_needs(
    client_for, member, other_member, joined, going, occurrence
):
    joined(member)
    joined(other_member)
    going(member)
    going(other_member, access_needs=["hearing_loop"])

    page = client_for(member).get(url(occurrence)).content.decode()

    assert "Who's coming" not in page
    assert "People going and waiting" not in page
    assert "Sam</td>" not in page


def test_a_coordinator_without_two_factor_sees_no_attendees(
    client_for, coordinator_without_2fa, occurrence
):
    page = client_for(coordinator_without_2fa).get(url(occurrence)).content.decode()
    assert "Who's coming" not in page


def test_a_meeting_of_a_proposed_group_is_not_found(client_for, member):
    group = GroupFactory(status=GroupStatus.PROPOSED)
    occurrence = OccurrenceFactory(meeting=MeetingFactory(group=group))

    assert client_for(member).get(url(occurrence)).status_code == 404


def test_no_such_meeting(client):
    assert client.get("/meetings/999999/").status_code == 404


def test_after_the_start_a_facilitator_gets_the_attendance_form(
    client_for, facilitator, member, joined, group
):
    joined(member)
    occurrence = OccurrenceFactory(
        meeting=MeetingFactory(group=group), starts_at=timezone.now() - timedelta(hours=2)
    )
    RsvpFactory(occurrence=occurrence, user=member)

    page = client_for(facilitator).get(url(occurrence)).content.decode()

    assert "Who came?" in page
    assert "Save attendance" in page


def test_the_page_takes_the_same_queries_however_many_are_going(
    client_for, facilitator, members, occurrence, django_assert_max_num_queries
):
    client = client_for(facilitator)
    for user in members(2):
        RsvpFactory(occurrence=occurrence, user=user, access_needs=["hearing_loop"])
    with CaptureQueriesContext(connection) as few:
        client.get(url(occurrence))
    for user in members(10):
        RsvpFactory(occurrence=occurrence, user=user, access_needs=["hearing_loop"])

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(occurrence)).status_code == 200
