"""Access needs follow the person into a group: the sharing question asked once on the join
page, the shared needs a venue can't meet going to coordinators, and the facilitators' list."""

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import UserFactory
from alongside.groups import actions
from alongside.groups.choices import JoinPolicy, MeetingMode, MembershipStatus
from alongside.groups.models import Membership
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.models import AccessTask

pytestmark = [pytest.mark.django_db]


QUESTION = "Share your access needs with the facilitators"


def with_needs(user, needs, shared=None):
    user.profile.access_needs, user.profile.access_needs_shared = needs, shared
    user.profile.save()
    return user


@pytest.fixture
def hall_group(peer_supporter):
    venue = VenueFactory(name="St Mary's Hall", features=["hearing_loop"])
    return GroupFactory(
        name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue, facilitators=[peer_supporter]
    )


def join_url(group):
    return reverse("groups:join", args=[group.slug])


def test_the_join_page_asks_someone_with_needs(client_for, member, group):
    with_needs(member, ["step_free"])
    assert QUESTION in client_for(member).get(join_url(group)).content.decode()


def test_the_join_page_does_not_ask_someone_already_asked(client_for, member, group):
    with_needs(member, ["step_free"], shared=False)
    assert QUESTION not in client_for(member).get(join_url(group)).content.decode()


def test_joining_without_answering_is_refused_and_nothing_changes(client_for, member, group):
    with_needs(member, ["step_free"])
    response = client_for(member).post(join_url(group), {"version": 1, "accept": "on"})
    assert response.status_code == 400
    assert "Choose whether to share your access needs" in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_joining_saves_the_answer(client_for, member, group):
    with_needs(member, ["step_free"])
    client_for(member).post(
        join_url(group), {"version": 1, "accept": "on", "share_access_needs": "no"}
    )
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is False
    assert Membership.objects.get(user=member).status == MembershipStatus.ACTIVE


def test_a_nonsense_answer_is_refused_in_plain_words(client_for, member, group):
    with_needs(member, ["step_free"])
    response = client_for(member).post(
        join_url(group), {"version": 1, "accept": "on", "share_access_needs": "\x00maybe"}
    )
    assert response.status_code == 400
    assert "Choose whether to share your access needs" in response.content.decode()


def test_joining_a_venue_group_with_consent_opens_a_task(member, hall_group):
    with_needs(member, ["step_free", "hearing_loop"])
    actions.join_group(group=hall_group, user=member, accepted_version=1, share_access_needs=True)
    task = AccessTask.objects.get(member=member, group=hall_group, occurrence=None)
    assert task.needs == ["step_free"]


def test_joining_without_consent_opens_no_task(member, hall_group):
    with_needs(member, ["step_free"])
    actions.join_group(group=hall_group, user=member, accepted_version=1, share_access_needs=False)
    assert not AccessTask.objects.exists()


def test_asking_to_join_opens_the_task_only_once_approved(member, peer_supporter, hall_group):
    hall_group.join_policy = JoinPolicy.BY_REQUEST
    hall_group.save()
    with_needs(member, ["step_free"], shared=True)
    membership = actions.join_group(group=hall_group, user=member, accepted_version=1)
    assert not AccessTask.objects.exists()
    actions.approve_join_request(membership=membership, actor=peer_supporter)
    assert AccessTask.objects.get().status == AccessTaskStatus.OPEN


def test_leaving_closes_the_task(member, hall_group):
    with_needs(member, ["step_free"], shared=True)
    membership = actions.join_group(group=hall_group, user=member, accepted_version=1)
    actions.leave_group(membership=membership)
    assert AccessTask.objects.get().status == AccessTaskStatus.NOT_NEEDED


def test_rejoining_after_leaving_opens_a_new_task_even_once_arranged(
    member, coordinator, hall_group
):
    from alongside.staff.actions.access_tasks import resolve_access_task, sync_member_access_tasks

    with_needs(member, ["step_free"], shared=True)
    actions.join_group(group=hall_group, user=member, accepted_version=1)
    task = AccessTask.objects.get(status=AccessTaskStatus.OPEN)
    resolve_access_task(task=task, actor=coordinator, status="done")
    sync_member_access_tasks(user=member)  # as when they save their profile
    assert not AccessTask.objects.filter(status=AccessTaskStatus.OPEN).exists()

    membership = Membership.objects.get(user=member, group=hall_group)
    actions.leave_group(membership=membership)
    actions.join_group(group=hall_group, user=member, accepted_version=1)
    assert AccessTask.objects.get(status=AccessTaskStatus.OPEN).needs == ["step_free"]


def members_url(group):
    return f"/groups/{group.slug}/members/"


def test_facilitators_see_shared_needs_relevant_to_the_group(client_for, peer_supporter, group):
    # A video group: step-free access doesn't matter there, large print does.
    person = with_needs(UserFactory(), ["step_free", "large_print"], shared=True)
    MembershipFactory(group=group, user=person)
    html = client_for(peer_supporter).get(members_url(group)).content.decode()
    assert "Large print" in html
    assert "Step-free access" not in html


def test_withdrawn_consent_hides_the_needs_at_once(client_for, peer_supporter, member, group):
    MembershipFactory(group=group, user=with_needs(member, ["large_print"], shared=True))
    client = client_for(peer_supporter)
    assert "Large print" in client.get(members_url(group)).content.decode()
    with_needs(member, ["large_print"], shared=False)
    html = client.get(members_url(group)).content.decode()
    assert "Large print" not in html
    assert "None shared" in html


def test_a_note_held_by_the_safety_net_is_not_shown(client_for, peer_supporter, member, group):
    person = with_needs(member, ["large_print", "other"], shared=True)
    person.profile.access_needs_other, person.profile.text_held = "A held note", True
    person.profile.save()
    MembershipFactory(group=group, user=person)
    html = client_for(peer_supporter).get(members_url(group)).content.decode()
    assert "Large print" in html
    assert "A held note" not in html


@pytest.mark.parametrize("viewer", ["member", "other_member"])
def test_members_do_not_see_the_list(client_for, request, group, member, viewer):
    MembershipFactory(group=group, user=with_needs(member, ["large_print"], shared=True))
    user = request.getfixturevalue(viewer)
    assert client_for(user).get(members_url(group)).status_code == 404


def test_coordinators_see_the_list(client_for, coordinator, group, member):
    MembershipFactory(group=group, user=with_needs(member, ["large_print"], shared=True))
    assert "Large print" in client_for(coordinator).get(members_url(group)).content.decode()


def test_the_list_takes_the_same_queries_however_many_members(
    client_for, peer_supporter, group, django_assert_max_num_queries
):
    client = client_for(peer_supporter)
    MembershipFactory(group=group)
    client.get(members_url(group))
    with django_assert_max_num_queries(30) as few:
        client.get(members_url(group))
    for _ in range(8):
        MembershipFactory(group=group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(members_url(group))
