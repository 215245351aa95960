"""Whether facilitators may see your access needs: changeable on the profile page and in
the API, at any time."""

import json

import pytest

from alongside.accounts.models import Profile
from alongside.accounts.tests.helpers import profile_form_data
from alongside.groups.actions import join_group
from alongside.groups.tests.factories import GroupFactory, VenueFactory
from alongside.staff.actions.access_tasks import resolve_access_task
from alongside.staff.models import AccessTask

pytestmark = pytest.mark.django_db

API = "/api/v1/me/profile"


def shared(user):
    return Profile.objects.get(user=user).access_needs_shared


def set_shared(user, value):
    user.profile.access_needs, user.profile.access_needs_shared = ["large_print"], value
    user.profile.save()


def test_the_profile_page_asks_with_the_current_answer_chosen(client_for, member):
    set_shared(member, True)
    html = client_for(member).get("/profile/edit/").content.decode()
    assert "Share your access needs with the facilitators" in html
    assert 'value="yes" id="id_access_needs_shared_0" checked' in html


@pytest.mark.parametrize(("answer", "stored"), [("yes", True), ("no", False), ("", None)])
def test_the_answer_is_changed_on_the_profile_page(client_for, member, answer, stored):
    set_shared(member, not stored)
    response = client_for(member).post(
        "/profile/edit/",
        profile_form_data(access_needs=["large_print"], access_needs_shared=answer),
    )
    assert response.status_code == 302
    assert shared(member) is stored


def test_a_nonsense_answer_is_refused_and_nothing_changes(client_for, member):
    set_shared(member, True)
    response = client_for(member).post(
        "/profile/edit/", profile_form_data(access_needs_shared="perhaps\x00")
    )
    assert response.status_code == 400
    assert "Choose one of the answers." in response.content.decode()
    assert shared(member) is True


def test_the_api_shows_the_answer(client_for, member):
    set_shared(member, False)
    assert client_for(member).get(API).json()["access_needs_shared"] is False


@pytest.mark.parametrize("value", [True, False, None])
def test_the_api_changes_the_answer(client_for, member, value):
    set_shared(member, not value)
    response = client_for(member).patch(
        API, json.dumps({"access_needs_shared": value}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["access_needs_shared"] is value
    assert shared(member) is value


@pytest.mark.parametrize("value", ["perhaps", 7, [True], {"a": 1}])
def test_the_api_refuses_a_wrong_type(client_for, member, value):
    set_shared(member, True)
    response = client_for(member).patch(
        API, json.dumps({"access_needs_shared": value}), content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert shared(member) is True


def test_other_fields_leave_the_answer_alone(client_for, member):
    set_shared(member, True)
    client_for(member).patch(
        API, json.dumps({"pronouns": "they/them"}), content_type="application/json"
    )
    assert shared(member) is True


def test_another_member_never_sees_the_answer(client_for, member, other_member):
    set_shared(member, True)
    data = client_for(other_member).get(f"/api/v1/members/{member.pk}").json()
    assert "access_needs_shared" not in data


def join_a_hall_with_steps(member):
    """`member`, sharing a need for step-free access, joins a group whose hall has steps."""
    member.profile.access_needs, member.profile.access_needs_shared = ["step_free"], True
    member.profile.save()
    group = GroupFactory(mode="in_person", venue=VenueFactory(features=[]))
    join_group(group=group, user=member, accepted_version=1)
    assert AccessTask.objects.get().status == "open"


def test_withdrawing_consent_closes_the_task_from_joining(client_for, member):
    join_a_hall_with_steps(member)

    client_for(member).post(
        "/profile/edit/", profile_form_data(access_needs=["step_free"], access_needs_shared="no")
    )
    assert AccessTask.objects.get().status == "not_needed"

    client_for(member).post(
        "/profile/edit/", profile_form_data(access_needs=["step_free"], access_needs_shared="yes")
    )
    assert AccessTask.objects.filter(status="open").count() == 1


def test_a_need_no_longer_on_the_profile_closes_the_task(client_for, member):
    join_a_hall_with_steps(member)
    client_for(member).post(
        "/profile/edit/", profile_form_data(access_needs=[], access_needs_shared="yes")
    )
    assert AccessTask.objects.get().status == "not_needed"


def test_saving_the_profile_again_does_not_undo_what_a_coordinator_arranged(
    client_for, member, coordinator
):
    join_a_hall_with_steps(member)
    resolve_access_task(task=AccessTask.objects.get(), actor=coordinator, status="done")
    client_for(member).post(
        "/profile/edit/",
        profile_form_data(
            access_needs=["step_free", "other"],
            access_needs_other="A chair with arms",
            access_needs_shared="yes",
        ),
    )
    assert list(AccessTask.objects.values_list("status", flat=True)) == ["done"]
