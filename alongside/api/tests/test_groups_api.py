"""/api/v1/groups: the directory, one group, starting a group and changing it."""

import pytest
from django.test import Client

from alongside.accounts import actions as account_actions
from alongside.accounts.tests.factories import TopicFactory, UserFactory
from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode
from alongside.groups.models import Group
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory

AGREEMENT = {
    "ground_rules": "One person speaks at a time.",
    "confidentiality": "Names and stories stay in the room.",
    "how_we_treat_each_other": "Gently.",
}


def new_group(**overrides) -> dict:
    body = {
        "kind": "support",
        "name": "Walk and Talk",
        "purpose": "We walk in the park and talk.",
        "languages": ["en"],
        "mode": "video",
        "online_details": "https://video.example.org/walk",
        "agreement": AGREEMENT,
    }
    body.update(overrides)
    return body


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def patch(client, url, body, **headers):
    return client.patch(url, body, content_type="application/json", **headers)


def assert_refused(response, *, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Some fields need correcting."
    assert message in " ".join(body["errors"][field]), body["errors"]


@pytest.fixture
def group(peer_supporter):
    return GroupFactory(name="Evening Circle", facilitators=[peer_supporter])


@pytest.fixture
def proposed(member):
    return GroupFactory(
        name="Knitting Together",
        kind=GroupKind.SELF_HELP,
        status=GroupStatus.PROPOSED,
        proposed_by=member,
    )


# ---- The directory ------------------------------------------------------------------------


def test_the_directory_lists_listed_groups_in_name_order(client_for, member, group, proposed):
    GroupFactory(name="Afternoon Tea")
    GroupFactory(name="Closed Circle", status=GroupStatus.CLOSED)

    response = client_for(member).get("/api/v1/groups")

    assert response.status_code == 200
    body = response.json()
    assert [item["name"] for item in body["items"]] == ["Afternoon Tea", "Evening Circle"]
    assert body["count"] == 2
    assert "online_details" not in body["items"][0]


def test_the_directory_filters_and_pages(client_for, member):
    anxiety = TopicFactory(name="Worry", slug="worry")
    hall = VenueFactory(features=["hearing_loop"])
    match = GroupFactory(
        name="Loop Group", mode=MeetingMode.IN_PERSON, venue=hall, languages=["cy"]
    )
    match.topics.add(anxiety)
    GroupFactory(name="Other Group")
    for n in range(3):
        GroupFactory(name=f"Page {n}")
    client = client_for(member)

    query = "kind=support&topic=worry&mode=in_person&language=cy&feature=hearing_loop&q=loop"
    body = client.get(f"/api/v1/groups?{query}").json()
    assert [item["slug"] for item in body["items"]] == [match.slug]
    assert body["items"][0]["venue"]["features"] == ["hearing_loop"]
    assert body["items"][0]["topics"] == ["worry"]

    page = client.get("/api/v1/groups?q=page&limit=2&offset=2").json()
    assert (page["count"], page["limit"], page["offset"]) == (3, 2, 2)
    assert [item["name"] for item in page["items"]] == ["Page 2"]


def test_the_directory_filters_by_weekday_of_a_meeting(client_for, member, group):
    GroupFactory(name="No Meetings")
    occurrence = OccurrenceFactory(meeting=MeetingFactory(group=group))
    weekday = occurrence.starts_at.isoweekday()

    body = client_for(member).get(f"/api/v1/groups?day={weekday}").json()

    assert [item["slug"] for item in body["items"]] == [group.slug]
    assert body["items"][0]["next_meeting_at"] is not None


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("kind=club", "kind", "club is not one of the available choices"),
        ("day=8", "day", "not one of the available choices"),
        ("topic=nope", "topic", "not one of the available choices"),
        ("limit=0", "limit", "from 1 to 100"),
        ("limit=1000", "limit", "from 1 to 100"),
        ("offset=-1", "offset", "Give an offset from 0 to 1,000,000."),
        ("limit=ten", "limit", "valid integer"),
    ],
)
def test_bad_filters_are_refused(client_for, member, query, field, message):
    assert_refused(client_for(member).get(f"/api/v1/groups?{query}"), field=field, message=message)


def _make_groups(count: int) -> None:
    topic = TopicFactory()
    for _ in range(count):
        group = GroupFactory(venue=VenueFactory())
        group.topics.add(topic)
        OccurrenceFactory(meeting=MeetingFactory(group=group))


@pytest.mark.parametrize("count", [1, 15])
def test_the_directory_takes_the_same_queries_however_many_groups(
    client_for, member, django_assert_num_queries, count
):
    _make_groups(count)
    client = client_for(member)

    # session, user, topics for the form, page of ids, details, topics, count
    with django_assert_num_queries(7):
        response = client.get("/api/v1/groups?limit=20")

    assert len(response.json()["items"]) == count


def test_the_directory_needs_authentication(db, client):
    assert client.get("/api/v1/groups").status_code == 401


# ---- One group ------------------------------------------------------------------------------


def test_a_non_member_sees_the_group_without_its_insides(client_for, member, group):
    response = client_for(member).get(f"/api/v1/groups/{group.slug}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Evening Circle"
    assert body["agreement_version"] == 1
    assert body["my_membership"] is None
    assert (body["online_details"], body["members"]) == (None, None)
    assert (body["is_facilitator"], body["can_edit"]) == (False, False)


def test_a_member_sees_the_join_details_and_members(client_for, member, group):
    group.online_details = "https://video.example.org/evening"
    group.save()
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=UserFactory(profile__display_name="Ash"))

    body = client_for(member).get(f"/api/v1/groups/{group.slug}").json()

    assert body["online_details"] == "https://video.example.org/evening"
    assert body["members"] == ["Ash", "Robin"]
    assert body["my_membership"]["status"] == "active"


def test_someone_who_left_no_longer_sees_the_insides(client_for, member, group):
    MembershipFactory(group=group, user=member, status="left")

    body = client_for(member).get(f"/api/v1/groups/{group.slug}").json()

    assert (body["online_details"], body["members"]) == (None, None)
    assert body["my_membership"]["status"] == "left"


def test_a_facilitator_sees_the_members(client_for, peer_supporter, group):
    body = client_for(peer_supporter).get(f"/api/v1/groups/{group.slug}").json()

    assert body["members"] == []
    assert (body["is_facilitator"], body["can_edit"]) == (True, True)


def test_a_proposed_group_is_404_to_other_members(client_for, other_member, proposed):
    response = client_for(other_member).get(f"/api/v1/groups/{proposed.slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_a_proposed_group_is_seen_by_its_proposer_and_coordinators(
    client, member, coordinator, proposed
):
    client.force_login(member)
    assert client.get(f"/api/v1/groups/{proposed.slug}").status_code == 200
    client.force_login(coordinator)
    assert client.get(f"/api/v1/groups/{proposed.slug}").status_code == 200


def test_a_coordinator_without_two_factor_gets_404_for_a_proposed_group(
    client_for, coordinator_without_2fa, proposed
):
    response = client_for(coordinator_without_2fa).get(f"/api/v1/groups/{proposed.slug}")

    assert response.status_code == 404


def test_a_group_reads_with_a_token(client, member, group):
    _token, key = account_actions.create_api_token(user=member, name="script")

    response = client.get(f"/api/v1/groups/{group.slug}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200


def test_a_group_needs_authentication(client, group):
    assert client.get(f"/api/v1/groups/{group.slug}").status_code == 401


# ---- Starting a group ---------------------------------------------------------------------


def test_a_peer_supporter_starts_a_group_they_facilitate(client_for, peer_supporter):
    response = post(client_for(peer_supporter), "/api/v1/groups", new_group())

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "walk-and-talk"
    assert (body["status"], body["agreement_version"], body["is_facilitator"]) == (
        "active",
        1,
        True,
    )
    group = Group.objects.get(slug="walk-and-talk")
    assert list(group.facilitators.all()) == [peer_supporter]
    assert group.agreements.get().ground_rules == AGREEMENT["ground_rules"]


def test_a_coordinator_starts_a_paused_group(client_for, coordinator):
    response = post(client_for(coordinator), "/api/v1/groups", new_group(status="paused"))

    assert response.status_code == 201, response.content
    assert Group.objects.get(slug="walk-and-talk").status == GroupStatus.PAUSED


def test_a_member_may_not_start_a_group(client_for, member):
    response = post(client_for(member), "/api/v1/groups", new_group())

    assert response.status_code == 403
    assert "peer supporters can start a group" in response.json()["detail"]
    assert not Group.objects.exists()


def test_a_coordinator_without_two_factor_may_not_start_a_group(
    client_for, coordinator_without_2fa
):
    response = post(client_for(coordinator_without_2fa), "/api/v1/groups", new_group())

    assert response.status_code == 403


def test_a_peer_supporter_may_not_set_the_status(client_for, peer_supporter):
    response = post(client_for(peer_supporter), "/api/v1/groups", new_group(status="closed"))

    assert_refused(response, field="status", message="Only coordinators")
    assert not Group.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"capacity": 0}, "capacity", "Capacity must be at least 1"),
        ({"kind": "club"}, "kind", "club is not one of the available choices"),
        ({"mode": "in_person"}, "venue", "Choose a venue"),
        ({"venue": 999999}, "venue", "Select a valid choice"),
        ({"languages": ["xx"]}, "languages", "xx is not one of the available choices"),
        ({"topics": ["nope"]}, "topics", "Select a valid choice"),
        ({"name": "x" * 121}, "name", "Keep this to 120 characters or fewer"),
        ({"name": ""}, "name", "This field is required."),
        ({"agreement": {**AGREEMENT, "ground_rules": ""}}, "agreement.ground_rules", "required"),
        ({"agreement": {"ground_rules": "x"}}, "agreement.confidentiality", "required"),
        ({"colour": "blue"}, "colour", "This field isn't recognised."),
    ],
)
def test_bad_group_details_are_refused(client_for, peer_supporter, overrides, field, message):
    response = post(client_for(peer_supporter), "/api/v1/groups", new_group(**overrides))

    assert_refused(response, field=field, message=message)
    assert not Group.objects.exists()


def test_starting_a_group_needs_authentication(db, client):
    assert post(client, "/api/v1/groups", new_group()).status_code == 401


def test_a_session_post_needs_the_csrf_token(peer_supporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(peer_supporter)
    client.get("/profile/edit/")  # sets the CSRF cookie

    refused = post(client, "/api/v1/groups", new_group())
    token = client.cookies["csrftoken"].value
    accepted = post(client, "/api/v1/groups", new_group(), HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201


def test_a_token_post_needs_no_csrf_token(peer_supporter):
    _token, key = account_actions.create_api_token(user=peer_supporter, name="script")
    client = Client(enforce_csrf_checks=True)

    response = post(client, "/api/v1/groups", new_group(), HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 201


# ---- Changing a group ---------------------------------------------------------------------


def test_a_facilitator_changes_only_the_fields_sent(client_for, peer_supporter, group):
    topic = TopicFactory(slug="walking", name="Walking")
    response = patch(
        client_for(peer_supporter),
        f"/api/v1/groups/{group.slug}",
        {"purpose": "We meet and walk.", "capacity": 12, "topics": ["walking"]},
    )

    assert response.status_code == 200, response.content
    group.refresh_from_db()
    assert (group.purpose, group.capacity, group.name) == (
        "We meet and walk.",
        12,
        "Evening Circle",
    )
    assert list(group.topics.all()) == [topic]


def test_null_capacity_means_no_limit(client_for, peer_supporter, group):
    group.capacity = 5
    group.save()

    response = patch(client_for(peer_supporter), f"/api/v1/groups/{group.slug}", {"capacity": None})

    assert response.json()["capacity"] is None


def test_a_coordinator_pauses_a_group(client_for, coordinator, group):
    response = patch(client_for(coordinator), f"/api/v1/groups/{group.slug}", {"status": "paused"})

    assert response.status_code == 200
    group.refresh_from_db()
    assert group.status == GroupStatus.PAUSED


def test_a_facilitator_may_not_change_the_status(client_for, peer_supporter, group):
    response = patch(
        client_for(peer_supporter), f"/api/v1/groups/{group.slug}", {"status": "closed"}
    )

    assert_refused(response, field="status", message="Only coordinators")


def test_bad_changes_are_refused(client_for, peer_supporter, group):
    response = patch(
        client_for(peer_supporter), f"/api/v1/groups/{group.slug}", {"capacity": 0, "kind": "x"}
    )

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"capacity", "kind"}
    group.refresh_from_db()
    assert group.capacity is None


def test_a_member_may_not_change_a_group(client_for, member, group):
    MembershipFactory(group=group, user=member)

    response = patch(client_for(member), f"/api/v1/groups/{group.slug}", {"name": "Mine now"})

    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name == "Evening Circle"


def test_changing_a_hidden_group_is_404(client_for, other_member, proposed):
    response = patch(client_for(other_member), f"/api/v1/groups/{proposed.slug}", {"name": "x"})

    assert response.status_code == 404


def test_an_absurd_offset_is_refused_plainly(client_for, member):
    response = client_for(member).get("/api/v1/groups?offset=100000000000000000000")
    assert response.status_code == 422
    assert response.json()["errors"] == {"offset": ["Give an offset from 0 to 1,000,000."]}
