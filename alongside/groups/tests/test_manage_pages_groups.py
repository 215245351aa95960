"""Starting, proposing and changing groups, publishing agreements and reviewing proposals
from their pages: who may, and plain messages for bad input."""

import pytest

from alongside.groups.choices import GroupKind, GroupStatus
from alongside.groups.models import Group, GroupAgreement
from alongside.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def group_input(**changes) -> dict:
    data = {
        "group-kind": "support",
        "group-name": "Morning Walkers",
        "group-purpose": "We walk and talk.",
        "group-who_for": "",
        "group-languages": ["en"],
        "group-mode": "video",
        "group-online_details": "",
        "group-join_policy": "open",
        "group-capacity": "",
        "group-status": "active",
        "agreement-ground_rules": "We listen.",
        "agreement-confidentiality": "What is said here stays here.",
        "agreement-how_we_treat_each_other": "Kindly.",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_a_peer_supporter_starts_a_group_with_its_agreement(client_for, peer_supporter):
    response = client_for(peer_supporter).post("/groups/new/", group_input())

    group = Group.objects.get(name="Morning Walkers")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/{group.slug}/"
    assert group.status == GroupStatus.ACTIVE
    assert list(group.facilitators.all()) == [peer_supporter]
    assert GroupAgreement.objects.get(group=group).ground_rules == "We listen."


def test_a_coordinator_sees_the_status_field(client_for, coordinator):
    page = client_for(coordinator).get("/groups/new/").content.decode()
    assert 'name="group-status"' in page
    assert "Start a group" in page


def test_a_group_with_bad_input_saves_nothing(client_for, peer_supporter):
    response = client_for(peer_supporter).post(
        "/groups/new/",
        group_input(
            **{"group-mode": "in_person", "group-capacity": "0"}, **{"agreement-ground_rules": ""}
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Capacity must be at least 1" in page
    assert "Choose a venue for a group that meets in person" in page
    assert "Ground rules: This field is required." in page
    assert not Group.objects.exists()


def test_a_member_can_not_start_a_group(client_for, member):
    assert client_for(member).get("/groups/new/").status_code == 403
    assert client_for(member).post("/groups/new/", group_input()).status_code == 403
    assert not Group.objects.exists()


def test_any_member_proposes_a_self_help_group(client_for, member):
    data = group_input(**{"group-kind": None, "group-status": None})

    response = client_for(member).post("/groups/propose/", data)

    group = Group.objects.get()
    assert response.status_code == 302
    assert group.status == GroupStatus.PROPOSED
    assert group.kind == GroupKind.SELF_HELP
    assert group.proposed_by == member


def test_visitors_are_asked_to_log_in_to_propose(client):
    response = client.get("/groups/propose/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_facilitator_edits_their_group(client_for, facilitator, group):
    client = client_for(facilitator)
    assert "Change Evening Circle" in client.get(f"/groups/{group.slug}/edit/").content.decode()

    data = group_input(**{"group-name": "Evening Circle", "group-purpose": "We listen."})
    response = client.post(f"/groups/{group.slug}/edit/", data)

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.purpose == "We listen."


def test_editing_with_bad_input_changes_nothing(client_for, facilitator, group):
    data = group_input(**{"group-name": "", "group-purpose": "Changed."})

    response = client_for(facilitator).post(f"/groups/{group.slug}/edit/", data)

    assert response.status_code == 400
    group.refresh_from_db()
    assert group.purpose == "We talk and listen."


def test_a_member_can_not_edit_a_group(client_for, member, group):
    assert client_for(member).get(f"/groups/{group.slug}/edit/").status_code == 403


def test_a_facilitator_publishes_a_new_agreement(client_for, facilitator, group):
    client = client_for(facilitator)
    page = client.get(f"/groups/{group.slug}/agreement/new/").content.decode()
    assert "This becomes version 2." in page

    response = client.post(
        f"/groups/{group.slug}/agreement/new/",
        {
            "ground_rules": "New rules.",
            "confidentiality": "Same.",
            "how_we_treat_each_other": "Kindly.",
        },
    )

    assert response.status_code == 302
    assert group.agreements.order_by("-version").first().version == 2


def test_an_empty_agreement_is_not_published(client_for, facilitator, group):
    response = client_for(facilitator).post(f"/groups/{group.slug}/agreement/new/", {})
    assert response.status_code == 400
    assert group.agreements.count() == 1


def test_a_member_can_not_publish_an_agreement(client_for, member, group):
    response = client_for(member).post(
        f"/groups/{group.slug}/agreement/new/",
        {"ground_rules": "x", "confidentiality": "x", "how_we_treat_each_other": "x"},
    )
    assert response.status_code == 403
    assert group.agreements.count() == 1


def test_a_coordinator_approves_and_declines_proposed_groups(client_for, coordinator, member):
    wanted = GroupFactory(name="Carers Together", status=GroupStatus.PROPOSED, proposed_by=member)
    unwanted = GroupFactory(name="Not This", status=GroupStatus.PROPOSED, proposed_by=member)
    client = client_for(coordinator)
    page = client.get("/staff/groups/proposed/").content.decode()
    assert "Carers Together" in page

    client.post(f"/staff/groups/proposed/{wanted.pk}/", {"decision": "approve"})
    client.post(
        f"/staff/groups/proposed/{unwanted.pk}/", {"decision": "decline", "reason": "Duplicate."}
    )

    wanted.refresh_from_db()
    unwanted.refresh_from_db()
    assert wanted.status == GroupStatus.ACTIVE
    assert unwanted.status == GroupStatus.DECLINED


def test_a_peer_supporter_can_not_review_proposals(client_for, peer_supporter, member):
    proposed = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=member)
    client = client_for(peer_supporter)
    assert client.get("/staff/groups/proposed/").status_code == 403
    response = client.post(f"/staff/groups/proposed/{proposed.pk}/", {"decision": "approve"})
    assert response.status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == GroupStatus.PROPOSED


def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(client_for, coordinator_without_2fa):
    response = client_for(coordinator_without_2fa).get("/staff/groups/proposed/")
    assert response.status_code == 302
    assert "totp" in response["Location"]
