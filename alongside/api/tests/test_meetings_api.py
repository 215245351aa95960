"""/api/v1/groups/{slug}/meetings and /api/v1/meetings: arranging meetings, one date,
RSVPs with the waiting list, join details, cancelling, moving and attendance."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alongside.accounts import actions as account_actions
from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import GroupStatus
from alongside.groups.tests.factories import (
    GroupAgreementFactory,
    GroupFactory,
    MembershipFactory,
)
from alongside.meetings.models import Meeting, OccurrenceStatus, Rsvp, RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def assert_refused(response, *, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    assert message in " ".join(response.json()["errors"][field]), response.json()


def assert_conflict(response, message: str) -> None:
    assert response.status_code == 409, response.content
    assert message in response.json()["detail"]


def new_meeting(**overrides) -> dict:
    body = {
        "title": "Tuesday evening",
        "mode": "video",
        "join_url": "https://meet.example.org/tuesday",
        "timezone": "Europe/London",
        "start_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "start_time": "19:00",
        "end_time": "20:30",
    }
    body.update(overrides)
    return body


@pytest.fixture
def group(peer_supporter):
    return GroupFactory(name="Evening Circle", facilitators=[peer_supporter])


@pytest.fixture
def occurrence(group):
    return OccurrenceFactory(meeting=MeetingFactory(group=group, dial_in="029 2000 0000"))


@pytest.fixture
def joined(group):
    def join(user):
        MembershipFactory(group=group, user=user)
        return user

    return join


def url(occurrence, action: str = "") -> str:
    return f"/api/v1/meetings/{occurrence.pk}" + (f"/{action}" if action else "")


# ---- Arranging meetings -------------------------------------------------------------------


def test_a_facilitator_arranges_a_weekly_meeting(client_for, peer_supporter, group):
    body = new_meeting(repeat="weekly", repeat_count=4)

    response = post(client_for(peer_supporter), f"/api/v1/groups/{group.slug}/meetings", body)

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["rrule"] == "FREQ=WEEKLY;COUNT=4"
    assert len(created["occurrences"]) == 4
    assert created["occurrences"][0]["going_count"] == 0
    assert "join_url" not in created["occurrences"][0]
    meeting = Meeting.objects.get()
    assert (meeting.duration_minutes, meeting.group) == (90, group)


def test_a_coordinator_arranges_a_meeting(client_for, coordinator, group):
    response = post(client_for(coordinator), f"/api/v1/groups/{group.slug}/meetings", new_meeting())

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"capacity": 0}, "capacity", "at least 1"),
        ({"end_time": "18:00"}, "end_time", "ends before (or when) it starts"),
        ({"repeat": "weekly"}, "repeat", "A repeating meeting needs an end"),
        ({"repeat": "daily", "repeat_count": 3}, "repeat", "not one of the available choices"),
        ({"timezone": "Mars/Olympus"}, "timezone", "isn't a timezone we know"),
        ({"join_url": ""}, "join_url", "A video meeting needs a link"),
        ({"mode": "in_person"}, "venue", "needs a venue"),
        ({"mode": "teleport"}, "mode", "not one of the available choices"),
        ({"start_date": "2020-01-01"}, "start_date", "would be in the past"),
        ({"start_date": "next tuesday"}, "start_date", "valid date"),
        ({"end_time": None}, "end_time", "Give an end time or how long"),
        ({"title": "x" * 121}, "title", "at most 120 characters"),
    ],
)
def test_bad_meeting_details_are_refused(
    client_for, peer_supporter, group, overrides, field, message
):
    body = new_meeting(**overrides)

    response = post(client_for(peer_supporter), f"/api/v1/groups/{group.slug}/meetings", body)

    assert_refused(response, field=field, message=message)
    assert not Meeting.objects.exists()


def test_a_member_may_not_arrange_a_meeting(client_for, member, group, joined):
    joined(member)

    response = post(client_for(member), f"/api/v1/groups/{group.slug}/meetings", new_meeting())

    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_arranging_needs_authentication(client, group):
    assert post(client, f"/api/v1/groups/{group.slug}/meetings", new_meeting()).status_code == 401


def test_arranging_by_session_needs_the_csrf_token(peer_supporter, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(peer_supporter)

    response = post(client, f"/api/v1/groups/{group.slug}/meetings", new_meeting())

    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_a_groups_upcoming_dates(client_for, member, group, occurrence, joined):
    later = OccurrenceFactory(
        meeting=MeetingFactory(group=group), starts_at=occurrence.starts_at + timedelta(days=7)
    )
    OccurrenceFactory(
        meeting=MeetingFactory(group=group), starts_at=timezone.now() - timedelta(days=2)
    )
    RsvpFactory(occurrence=occurrence, user=joined(UserFactory()))

    body = client_for(member).get(f"/api/v1/groups/{group.slug}/meetings").json()

    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [occurrence.pk, later.pk]
    assert body["items"][0]["going_count"] == 1
    assert "join_url" not in body["items"][0]


def test_the_dates_of_a_hidden_group_are_404(client_for, member, other_member):
    proposed = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=other_member)

    assert client_for(member).get(f"/api/v1/groups/{proposed.slug}/meetings").status_code == 404


# ---- One date and its join details --------------------------------------------------------


def test_a_member_not_going_sees_no_join_details(client_for, member, occurrence, joined):
    joined(member)

    response = client_for(member).get(url(occurrence))

    assert response.status_code == 200
    body = response.json()
    assert (body["join_url"], body["dial_in"], body["my_rsvp"]) == (None, None, None)
    assert body["title"] == occurrence.meeting.title


def test_a_member_going_sees_the_join_details(client_for, member, occurrence, joined):
    RsvpFactory(occurrence=occurrence, user=joined(member))

    body = client_for(member).get(url(occurrence)).json()

    assert body["join_url"] == "https://meet.example.org/evening-circle"
    assert body["dial_in"] == "029 2000 0000"
    assert body["my_rsvp"]["status"] == "going"
    assert body["going_count"] == 1


def test_someone_going_who_left_the_group_sees_no_join_details(client_for, member, occurrence):
    MembershipFactory(group=occurrence.meeting.group, user=member, status="left")
    RsvpFactory(occurrence=occurrence, user=member)

    assert client_for(member).get(url(occurrence)).json()["join_url"] is None


def test_a_non_member_sees_no_join_details(client_for, other_member, occurrence):
    assert client_for(other_member).get(url(occurrence)).json()["join_url"] is None


@pytest.mark.parametrize("persona", ["peer_supporter", "coordinator"])
def test_facilitators_and_coordinators_see_the_join_details(
    client_for, request, occurrence, persona
):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(url(occurrence)).json()["join_url"] is not None


def test_a_date_of_a_hidden_group_is_404(client_for, member, other_member):
    proposed = GroupFactory(status=GroupStatus.DECLINED, proposed_by=other_member)
    hidden = OccurrenceFactory(meeting=MeetingFactory(group=proposed))

    assert client_for(member).get(url(hidden)).status_code == 404
    assert client_for(member).get("/api/v1/meetings/999999").status_code == 404


def test_a_date_needs_authentication(client, occurrence):
    assert client.get(url(occurrence)).status_code == 401


# ---- RSVPs ----------------------------------------------------------------------------------


def test_a_member_says_they_are_going_with_access_needs(client_for, member, occurrence, joined):
    joined(member)
    body = {"status": "going", "access_needs": ["hearing_loop"], "access_note": "Front row"}

    response = post(client_for(member), url(occurrence, "rsvp"), body)

    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "going",
        "access_needs": ["hearing_loop"],
        "access_note": "Front row",
    }


def test_a_full_date_puts_you_on_the_waiting_list(client_for, member, occurrence, joined):
    occurrence.meeting.capacity = 1
    occurrence.meeting.save()
    RsvpFactory(occurrence=occurrence, user=joined(UserFactory()))
    joined(member)
    client = client_for(member)

    response = post(client, url(occurrence, "rsvp"), {"status": "going"})

    assert response.json()["status"] == "waitlisted"
    detail = client.get(url(occurrence)).json()
    assert detail["join_url"] is None
    assert (detail["going_count"], detail["waiting_count"]) == (1, 1)
    mine = client.get("/api/v1/meetings/mine").json()
    assert [(item["id"], item["my_status"]) for item in mine] == [(occurrence.pk, "waitlisted")]


def test_saying_not_going_promotes_the_first_waiting(client_for, member, occurrence, joined):
    occurrence.meeting.capacity = 1
    occurrence.meeting.save()
    RsvpFactory(occurrence=occurrence, user=joined(member))
    waiting = joined(UserFactory())
    RsvpFactory(
        occurrence=occurrence,
        user=waiting,
        status=RsvpStatus.WAITLISTED,
        waitlisted_at=timezone.now(),
    )

    response = post(client_for(member), url(occurrence, "rsvp"), {"status": "not_going"})

    assert response.json()["status"] == "not_going"
    assert Rsvp.objects.get(user=waiting).status == RsvpStatus.GOING


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"status": "maybe"}, "status", "not one of the available choices"),
        ({"status": "going", "access_needs": ["jetpack"]}, "access_needs", "not one of"),
        ({"status": "going", "access_needs": ["other"]}, "access_note", "Tell us what you need"),
        ({"status": "going", "access_note": "x" * 501}, "access_note", "at most 500"),
        ({}, "status", "This field is required."),
    ],
)
def test_bad_rsvps_are_refused(client_for, member, occurrence, joined, body, field, message):
    joined(member)

    assert_refused(
        post(client_for(member), url(occurrence, "rsvp"), body), field=field, message=message
    )
    assert not Rsvp.objects.exists()


def test_a_non_member_may_not_rsvp(client_for, other_member, occurrence):
    response = post(client_for(other_member), url(occurrence, "rsvp"), {"status": "going"})

    assert_conflict(response, "Only members of this group")


def test_a_member_must_accept_a_changed_agreement_first(client_for, member, occurrence, joined):
    joined(member)
    GroupAgreementFactory(group=occurrence.meeting.group, version=2)

    response = post(client_for(member), url(occurrence, "rsvp"), {"status": "going"})

    assert_conflict(response, "accept the updated group agreement")


def test_rsvp_with_a_token(member, occurrence, joined):
    joined(member)
    _token, key = account_actions.create_api_token(user=member, name="script")
    client = Client(enforce_csrf_checks=True)

    response = post(
        client, url(occurrence, "rsvp"), {"status": "going"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 200


def test_rsvp_by_session_needs_the_csrf_token(member, occurrence, joined):
    joined(member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert post(client, url(occurrence, "rsvp"), {"status": "going"}).status_code == 403
    assert not Rsvp.objects.exists()


def test_my_dates_need_authentication(db, client):
    assert client.get("/api/v1/meetings/mine").status_code == 401


# ---- Cancelling and moving ------------------------------------------------------------------


def test_a_facilitator_cancels_a_date(client_for, peer_supporter, occurrence):
    response = post(client_for(peer_supporter), url(occurrence, "cancel"))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    again = post(client_for(peer_supporter), url(occurrence, "cancel"))
    assert_conflict(again, "has been cancelled")


def test_a_member_may_not_cancel_a_date(client_for, member, occurrence, joined):
    joined(member)

    assert post(client_for(member), url(occurrence, "cancel")).status_code == 403
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.SCHEDULED


def test_a_coordinator_moves_a_date(client_for, coordinator, occurrence):
    starts = occurrence.starts_at + timedelta(days=1)
    body = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()}

    response = post(client_for(coordinator), url(occurrence, "move"), body)

    assert response.status_code == 200, response.content
    occurrence.refresh_from_db()
    assert occurrence.starts_at == starts


def test_moving_to_end_before_it_starts_is_refused(client_for, peer_supporter, occurrence):
    starts = occurrence.starts_at + timedelta(days=1)
    body = {"starts_at": starts.isoformat(), "ends_at": (starts - timedelta(hours=1)).isoformat()}

    response = post(client_for(peer_supporter), url(occurrence, "move"), body)

    assert_refused(response, field="ends_at", message="would end before it starts")


def test_moving_into_the_past_is_refused(client_for, peer_supporter, occurrence):
    starts = timezone.now() - timedelta(days=1)
    body = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()}

    assert_conflict(
        post(client_for(peer_supporter), url(occurrence, "move"), body), "already started"
    )


def test_moving_needs_times_with_a_timezone(client_for, peer_supporter, occurrence):
    body = {"starts_at": "2030-01-01T19:00:00", "ends_at": "2030-01-01T20:00:00"}

    response = post(client_for(peer_supporter), url(occurrence, "move"), body)

    assert_refused(response, field="starts_at", message="timezone")


def test_a_member_may_not_move_a_date(client_for, member, occurrence, joined):
    joined(member)
    starts = occurrence.starts_at + timedelta(days=1)
    body = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()}

    assert post(client_for(member), url(occurrence, "move"), body).status_code == 403


# ---- Attendees and attendance ---------------------------------------------------------------


def test_a_facilitator_sees_who_is_coming_with_access_needs(
    client_for, peer_supporter, occurrence, joined
):
    RsvpFactory(
        occurrence=occurrence,
        user=joined(UserFactory(profile__display_name="Ash")),
        access_needs=["hearing_loop"],
    )

    response = client_for(peer_supporter).get(url(occurrence, "attendees"))

    assert response.status_code == 200
    (attendee,) = response.json()
    assert (attendee["display_name"], attendee["access_needs"]) == ("Ash", ["Hearing loop"])


def test_a_member_going_may_not_see_the_attendees(client_for, member, occurrence, joined):
    RsvpFactory(occurrence=occurrence, user=joined(member))

    assert client_for(member).get(url(occurrence, "attendees")).status_code == 403


def test_a_coordinator_without_two_factor_may_not_see_the_attendees(
    client_for, coordinator_without_2fa, occurrence
):
    assert client_for(coordinator_without_2fa).get(url(occurrence, "attendees")).status_code == 403


def test_attendees_need_authentication(client, occurrence):
    assert client.get(url(occurrence, "attendees")).status_code == 401


@pytest.fixture
def past_date(group):
    start = timezone.now() - timedelta(hours=2)
    return OccurrenceFactory(
        meeting=MeetingFactory(group=group, first_start=start), starts_at=start
    )


def test_a_facilitator_records_who_came(client_for, peer_supporter, past_date, joined):
    came, stayed_home = joined(UserFactory()), joined(UserFactory())
    RsvpFactory(occurrence=past_date, user=came)
    RsvpFactory(occurrence=past_date, user=stayed_home)

    response = post(
        client_for(peer_supporter), url(past_date, "attendance"), {"attended": [came.pk]}
    )

    assert response.status_code == 200
    assert response.json() == {"came": 1}
    assert Rsvp.objects.get(user=stayed_home).attended is False


def test_attendance_before_the_date_is_refused(client_for, peer_supporter, occurrence):
    response = post(client_for(peer_supporter), url(occurrence, "attendance"), {"attended": []})

    assert_conflict(response, "once the meeting has started")


def test_attendance_needs_a_list_of_ids(client_for, peer_supporter, past_date):
    response = post(client_for(peer_supporter), url(past_date, "attendance"), {"attended": ["x"]})

    assert response.status_code == 422
    assert "attended.0" in response.json()["errors"]


def test_a_member_may_not_record_attendance(client_for, member, past_date, joined):
    joined(member)

    assert (
        post(client_for(member), url(past_date, "attendance"), {"attended": []}).status_code == 403
    )


# ---- Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 12])
def test_a_groups_dates_take_the_same_queries_however_many(
    client_for, member, group, joined, django_assert_num_queries, count
):
    for n in range(count):
        date = OccurrenceFactory(
            meeting=MeetingFactory(group=group),
            starts_at=timezone.now() + timedelta(days=n + 1),
        )
        RsvpFactory(occurrence=date, user=joined(UserFactory()))
    client = client_for(member)

    # session, user, group, page of dates, count
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/groups/{group.slug}/meetings")

    assert len(response.json()["items"]) == count


@pytest.mark.parametrize("count", [1, 12])
def test_my_dates_take_the_same_queries_however_many(
    client_for, member, group, joined, django_assert_num_queries, count
):
    joined(member)
    for n in range(count):
        date = OccurrenceFactory(
            meeting=MeetingFactory(group=group),
            starts_at=timezone.now() + timedelta(days=n + 1),
        )
        RsvpFactory(occurrence=date, user=member)
    client = client_for(member)

    with django_assert_num_queries(3):  # session, user, my dates
        response = client.get("/api/v1/meetings/mine")

    assert len(response.json()) == count
