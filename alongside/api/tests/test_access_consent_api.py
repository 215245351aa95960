"""The API answers "share your access needs?" as the pages do: a first answer is recorded
when joining or going, later ones are made on the profile (`access_needs_shared`)."""

import pytest

from alongside.groups.choices import MeetingMode
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory
from alongside.staff.models import AccessTask

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def with_needs(user, needs, shared=None):
    user.profile.access_needs, user.profile.access_needs_shared = needs, shared
    user.profile.save()
    return user


@pytest.fixture
def hall_group(peer_supporter):
    venue = VenueFactory(name="St Mary's Hall", features=[])  # steps, no hearing loop
    return GroupFactory(
        name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue, facilitators=[peer_supporter]
    )


def test_joining_records_a_first_answer_and_opens_a_task(client_for, member, hall_group):
    with_needs(member, ["step_free"])
    body = {"agreement_version": 1, "share_access_needs": True}
    response = post(client_for(member), f"/api/v1/groups/{hall_group.slug}/join", body)
    assert response.status_code == 200, response.content
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is True
    task = AccessTask.objects.get(member=member, group=hall_group, occurrence=None)
    assert task.needs == ["step_free"]


def test_a_later_answer_does_not_change_the_first(client_for, member, hall_group):
    with_needs(member, ["step_free"], shared=False)
    body = {"agreement_version": 1, "share_access_needs": True}
    response = post(client_for(member), f"/api/v1/groups/{hall_group.slug}/join", body)
    assert response.status_code == 200, response.content
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is False
    assert not AccessTask.objects.exists()


def test_going_records_a_first_answer(client_for, member, hall_group):
    with_needs(member, ["hearing_loop"])
    MembershipFactory(group=hall_group, user=member)
    meeting = MeetingFactory(
        group=hall_group, mode=MeetingMode.IN_PERSON, venue=hall_group.venue, join_url=""
    )
    occurrence = OccurrenceFactory(meeting=meeting)
    body = {"status": "going", "share_access_needs": True}
    response = post(client_for(member), f"/api/v1/meetings/{occurrence.pk}/rsvp", body)
    assert response.status_code == 200, response.content
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is True


@pytest.mark.parametrize("junk", ["yes please", 7, [True], {"a": 1}])
def test_a_junk_answer_is_refused(client_for, member, hall_group, junk):
    body = {"agreement_version": 1, "share_access_needs": junk}
    response = post(client_for(member), f"/api/v1/groups/{hall_group.slug}/join", body)
    assert response.status_code == 422
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is None
