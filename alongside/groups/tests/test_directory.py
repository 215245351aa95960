"""The group directory: anyone can browse it, every filter narrows it, queries stay flat."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from alongside.accounts.models import Topic
from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode, VenueFeature
from alongside.groups.models import Group, Venue
from alongside.meetings.models import Meeting, Occurrence

LONDON = ZoneInfo("Europe/London")


def make_group(
    name,
    *,
    kind=GroupKind.SUPPORT,
    mode=MeetingMode.VIDEO,
    status=GroupStatus.ACTIVE,
    languages=("en",),
    venue=None,
    topics=(),
    purpose="We talk and listen.",
):
    group = Group.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind=kind, mode=mode, status=status,
        languages=list(languages), venue=venue, purpose=purpose,
    )  # fmt: skip
    group.topics.set(topics)
    return group


def meet_on(group, local_start: datetime):
    meeting = Meeting.objects.create(
        group=group, title=f"{group.name} meeting", mode=group.mode, timezone="Europe/London",
        first_start=local_start, duration_minutes=90,
    )  # fmt: skip
    return Occurrence.objects.create(
        meeting=meeting, original_start=local_start, starts_at=local_start,
        ends_at=local_start + timedelta(minutes=90),
    )  # fmt: skip


def next_weekday(iso_weekday: int, hour: int = 19) -> datetime:
    today = timezone.localdate()
    days_ahead = (iso_weekday - today.isoweekday()) % 7 or 7
    day = today + timedelta(days=days_ahead)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def names_on(client, **params) -> list[str]:
    response = client.get("/groups/", params)
    assert response.status_code == 200
    return [group.name for group in response.context["page"]]


@pytest.fixture
def directory(db):
    hall = Venue.objects.create(
        name="Riverside Hall", address="1 River Street", latitude=51.48, longitude=-3.18,
        features=[VenueFeature.STEP_FREE, VenueFeature.HEARING_LOOP],
    )  # fmt: skip
    loss = Topic.objects.get(slug="bereavement")
    walking = make_group(
        "Walking Together", kind=GroupKind.COMMUNITY, mode=MeetingMode.IN_PERSON, venue=hall,
        purpose="A gentle walk by the river.",
    )  # fmt: skip
    grief = make_group("Grief Circle", topics=[loss], languages=("en", "cy"))
    make_group("Quiet Minds", kind=GroupKind.SELF_HELP, mode=MeetingMode.PHONE)
    make_group("Not Yet Approved", status=GroupStatus.PROPOSED)
    make_group("All Finished", status=GroupStatus.CLOSED)
    meet_on(walking, next_weekday(2))  # Tuesday
    meet_on(grief, next_weekday(4))  # Thursday
    return {"walking": walking, "grief": grief}


def test_anyone_sees_listed_groups_but_not_proposed_or_closed_ones(client, directory):
    assert names_on(client) == ["Grief Circle", "Quiet Minds", "Walking Together"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "river"}, ["Walking Together"]),
        ({"q": "GRIEF"}, ["Grief Circle"]),
        ({"kind": "self_help"}, ["Quiet Minds"]),
        ({"mode": "in_person"}, ["Walking Together"]),
        ({"topic": "bereavement"}, ["Grief Circle"]),
        ({"language": "cy"}, ["Grief Circle"]),
        ({"feature": "hearing_loop"}, ["Walking Together"]),
        ({"feature": "parking"}, []),
        ({"day": "2"}, ["Walking Together"]),
        ({"day": "4", "language": "cy"}, ["Grief Circle"]),
    ],
)
def test_each_filter_narrows_the_list(client, directory, params, expected):
    assert names_on(client, **params) == expected


def test_the_next_meeting_is_shown(client, directory):
    page = client.get("/groups/", {"q": "Walking"}).content.decode()
    assert "Next meeting:" in page
    assert "Tuesday" in page


@pytest.mark.parametrize(
    "params",
    [{"kind": "nonsense"}, {"day": "9"}, {"q": "x" * 500}, {"page": "many"}, {"q": "a\x00b"}],
)
def test_unusable_filters_get_a_message_and_the_list_still_shows(client, directory, params):
    response = client.get("/groups/", params)
    assert response.status_code == 200
    if "page" not in params:
        assert 'class="errorlist"' in response.content.decode()
    assert len(response.context["page"].object_list) == 3


def test_the_directory_uses_the_same_queries_for_few_or_many_groups(
    client, directory, django_assert_num_queries
):
    # topic choices, count, the page of ids, the groups with their next meeting, topics
    with django_assert_num_queries(5) as few:
        client.get("/groups/")
    for n in range(15):
        group = make_group(f"Extra {n}", topics=[Topic.objects.get(slug="anxiety")])
        meet_on(group, next_weekday(1))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/groups/")
