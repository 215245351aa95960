"""Arranging a meeting from the group's pages: facilitators only, plain messages for bad
input, nothing saved until it is right."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.groups.choices import GroupStatus
from alongside.groups.tests.factories import VenueFactory
from alongside.meetings.models import Meeting, Occurrence

pytestmark = pytest.mark.django_db


def url(group) -> str:
    return f"/groups/{group.slug}/meetings/new/"


def meeting_input(**changes) -> dict:
    day = (timezone.now() + timedelta(days=8)).date()
    data = {
        "title": "Tuesday evening",
        "description": "",
        "mode": "video",
        "join_url": "https://meet.example.org/tuesday",
        "timezone": "Europe/London",
        "start_date": day.isoformat(),
        "start_time": "19:00",
        "end_time": "20:30",
        "repeat": "weekly",
        "repeat_count": "4",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_a_facilitator_sees_the_form(client_for, facilitator, group):
    page = client_for(facilitator).get(url(group)).content.decode()
    assert "Arrange a meeting of Evening Circle" in page


def test_a_facilitator_arranges_a_weekly_meeting(client_for, facilitator, group):
    response = client_for(facilitator).post(url(group), meeting_input())

    meeting = Meeting.objects.get()
    first = meeting.occurrences.order_by("starts_at").first()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{first.pk}/"
    assert meeting.occurrences.count() == 4
    assert meeting.duration_minutes == 90


def test_a_coordinator_arranges_a_meeting(client_for, coordinator, group):
    response = client_for(coordinator).post(url(group), meeting_input(repeat="none"))
    assert response.status_code == 302
    assert Occurrence.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "18:00"}, "The meeting ends before (or when) it starts."),
        (
            {"repeat_count": None},
            "A repeating meeting needs an end: give how many times, or a last date.",
        ),
        ({"capacity": "0"}, "The number of places must be at least 1."),
        ({"mode": "in_person", "join_url": ""}, "A meeting in person needs a venue."),
        ({"start_date": "2020-01-07", "repeat": "none"}, "The first meeting would be in the past."),
    ],
)
def test_bad_input_shows_messages_and_saves_nothing(
    client_for, facilitator, group, changes, message
):
    response = client_for(facilitator).post(url(group), meeting_input(**changes))

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page.replace("&#x27;", "'")
    assert not Meeting.objects.exists()
    assert not Occurrence.objects.exists()


def test_an_in_person_meeting_with_a_venue(client_for, facilitator, group):
    venue = VenueFactory()
    response = client_for(facilitator).post(
        url(group), meeting_input(mode="in_person", join_url="", venue=str(venue.pk))
    )
    assert response.status_code == 302
    assert Meeting.objects.get().venue == venue


def test_a_member_can_not_arrange_a_meeting(client_for, member, group):
    client = client_for(member)
    assert client.get(url(group)).status_code == 403
    assert client.post(url(group), meeting_input()).status_code == 403
    assert not Meeting.objects.exists()


def test_a_coordinator_without_two_factor_can_not_arrange_a_meeting(
    client_for, coordinator_without_2fa, group
):
    assert client_for(coordinator_without_2fa).post(url(group), meeting_input()).status_code == 403


def test_a_paused_group_can_not_arrange_meetings(client_for, facilitator, group):
    group.status = GroupStatus.PAUSED
    group.save()
    assert client_for(facilitator).post(url(group), meeting_input()).status_code == 403


def test_visitors_are_asked_to_log_in(client, group):
    response = client.get(url(group))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
