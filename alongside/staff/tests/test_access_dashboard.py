"""The coordinator's "Access needs to arrange": listed soonest first with the reasons, and
resolved with "Arranged" or "No longer needed"; nobody else sees or touches a task."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import MeetingMode
from alongside.groups.tests.factories import GroupFactory, VenueFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory
from alongside.staff.actions.access_tasks import open_access_task
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.models import AccessTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall_group():
    venue = VenueFactory(name="St Mary's Hall", features=[])
    return GroupFactory(name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue)


def date_of(group, days):
    meeting = MeetingFactory(
        group=group,
        mode=MeetingMode.IN_PERSON,
        venue=group.venue,
        join_url="",
        first_start=(timezone.now() + timedelta(days=days)).replace(microsecond=0),
    )
    return OccurrenceFactory(meeting=meeting)


def task_for(group, days, needs, name):
    member = UserFactory(profile__display_name=name)
    return open_access_task(
        member=member, group=group, occurrence=date_of(group, days), needs=needs
    )


def dashboard(client):
    return client.get("/staff/").content.decode()


def test_open_tasks_are_listed_soonest_first_with_reasons(client_for, coordinator, hall_group):
    task_for(hall_group, 9, ["language_interpreter"], "Later Lee")
    task_for(hall_group, 2, ["step_free", "hearing_loop"], "Soon Sasha")

    html = dashboard(client_for(coordinator))

    section = html.split("Access needs to arrange")[1]
    assert section.index("Soon Sasha") < section.index("Later Lee")
    assert "The venue has no step-free access." in section
    assert "The venue has no hearing loop." in section
    assert "An interpreter needs booking." in section
    assert "St Mary&#x27;s Hall" in section
    assert "Hall Circle" in section


def test_the_date_is_in_words_in_the_meetings_own_timezone(client_for, coordinator, hall_group):
    summer = datetime(2030, 7, 2, 18, 30, tzinfo=UTC)  # 7:30pm in London
    meeting = MeetingFactory(
        group=hall_group, mode=MeetingMode.IN_PERSON, venue=hall_group.venue, join_url=""
    )
    occurrence = OccurrenceFactory(meeting=meeting, starts_at=summer)
    open_access_task(
        member=UserFactory(), group=hall_group, occurrence=occurrence, needs=["step_free"]
    )
    assert "Tuesday 2 July, 7:30pm" in dashboard(client_for(coordinator))


def test_arranged_resolves_the_task_with_the_note(client_for, coordinator, hall_group):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    client = client_for(coordinator)

    response = client.post(
        f"/staff/access/{task.pk}/", {"status": "done", "note": "Moved to the ground floor"}
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.DONE
    assert task.note == "Moved to the ground floor"
    assert task.resolved_by == coordinator
    assert "Sasha" not in dashboard(client).split("Access needs to arrange")[1]


def test_no_longer_needed_resolves_the_task(client_for, coordinator, hall_group):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    client_for(coordinator).post(f"/staff/access/{task.pk}/", {"status": "not_needed"})
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.NOT_NEEDED


@pytest.mark.parametrize(
    "data",
    [
        {"status": "open"},
        {"status": ""},
        {"status": "done", "note": "x" * 501},
        {"status": "\x00"},
    ],
)
def test_bad_input_changes_nothing_and_says_why(client_for, coordinator, hall_group, data):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    response = client_for(coordinator).post(f"/staff/access/{task.pk}/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.OPEN


def test_resolving_twice_is_refused_calmly(client_for, coordinator, hall_group):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    client = client_for(coordinator)
    client.post(f"/staff/access/{task.pk}/", {"status": "done"})
    response = client.post(f"/staff/access/{task.pk}/", {"status": "not_needed"}, follow=True)
    assert "Someone has already dealt with this" in response.content.decode()
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.DONE


@pytest.mark.parametrize("persona", ["member", "peer_supporter", "moderator"])
def test_nobody_else_can_see_or_resolve_a_task(client_for, request, hall_group, persona):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/staff/access/{task.pk}/").status_code == 404
    assert client.post(f"/staff/access/{task.pk}/", {"status": "done"}).status_code == 404
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.OPEN


def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(
    client_for, coordinator_without_2fa, hall_group
):
    task = task_for(hall_group, 2, ["step_free"], "Sasha")
    client = client_for(coordinator_without_2fa)
    response = client.post(f"/staff/access/{task.pk}/", {"status": "done"})
    assert response.status_code in (302, 404)
    assert "Sasha" not in client.get(f"/staff/access/{task.pk}/", follow=True).content.decode()
    task.refresh_from_db()
    assert task.status == AccessTaskStatus.OPEN


def test_a_moderator_dashboard_does_not_list_tasks(client_for, moderator, hall_group):
    task_for(hall_group, 2, ["step_free"], "Sasha")
    assert "Sasha" not in dashboard(client_for(moderator))


def test_a_missing_task_is_404(client_for, coordinator):
    assert client_for(coordinator).get("/staff/access/999999/").status_code == 404


def test_a_task_from_joining_shows_only_while_they_share(client_for, coordinator, hall_group):
    member = UserFactory(profile__display_name="Joiner Jo")
    member.profile.access_needs_shared = True
    member.profile.save()
    open_access_task(member=member, group=hall_group, needs=["step_free"])
    client = client_for(coordinator)
    assert "Joiner Jo" in dashboard(client)
    member.profile.access_needs_shared = False
    member.profile.save()
    assert "Joiner Jo" not in dashboard(client)


def test_the_dashboard_costs_the_same_however_many_tasks(
    client_for, coordinator, hall_group, django_assert_max_num_queries
):
    client = client_for(coordinator)
    task_for(hall_group, 2, ["step_free"], "One")
    dashboard(client)
    with django_assert_max_num_queries(60) as few:
        dashboard(client)
    for i in range(6):
        task_for(
            GroupFactory(venue=VenueFactory(), mode="in_person"), 3 + i, ["step_free"], f"N{i}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        dashboard(client)
    assert AccessTask.objects.filter(status="open").count() == 7
