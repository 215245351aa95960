"""Starting, editing, proposing, approving, declining, pausing and closing groups."""

import pytest

from alongside.accounts.models import Topic
from alongside.groups import actions
from alongside.groups.choices import GroupKind, GroupStatus
from alongside.groups.tests.factories import GroupFactory
from alongside.groups.tests.helpers import AGREEMENT, audit_entry, group_details


def test_a_coordinator_creates_a_group_with_its_first_agreement(coordinator, peer_supporter):
    bereavement = Topic.objects.get(slug="bereavement")

    group = actions.create_group(
        actor=coordinator,
        details=group_details(topics=[bereavement]),
        agreement=AGREEMENT,
        facilitators=[peer_supporter],
    )

    assert group.slug == "walk-and-talk"
    assert group.status == GroupStatus.ACTIVE
    assert list(group.topics.all()) == [bereavement]
    assert list(group.facilitators.all()) == [peer_supporter]
    agreement = group.agreements.get()
    assert (agreement.version, agreement.ground_rules) == (1, AGREEMENT["ground_rules"])
    entry = audit_entry("group.created")
    assert (entry.actor, entry.target_id) == (coordinator, str(group.pk))
    assert entry.data == {"facilitators": [peer_supporter.pk]}


def test_a_peer_supporter_who_creates_a_group_facilitates_it(peer_supporter):
    group = actions.create_group(actor=peer_supporter, details=group_details())

    assert list(group.facilitators.all()) == [peer_supporter]


def test_slugs_stay_unique_when_names_repeat(coordinator):
    first = actions.create_group(actor=coordinator, details=group_details())
    second = actions.create_group(actor=coordinator, details=group_details())

    assert (first.slug, second.slug) == ("walk-and-talk", "walk-and-talk-2")


def test_only_peer_supporters_can_facilitate(coordinator, member):
    with pytest.raises(actions.GroupActionError, match="Only peer supporters can facilitate"):
        actions.create_group(actor=coordinator, details=group_details(), facilitators=[member])


def test_updating_records_which_fields_changed_not_their_values(group, facilitator):
    bereavement = Topic.objects.get(slug="bereavement")

    actions.update_group(
        group=group,
        actor=facilitator,
        details=group_details(name="Evening Circle", purpose="Grief", topics=[bereavement]),
    )

    group.refresh_from_db()
    assert group.purpose == "Grief"
    entry = audit_entry("group.updated")
    assert entry.data["fields"] == sorted(entry.data["fields"])
    assert {"purpose", "topics"} <= set(entry.data["fields"])
    assert "name" not in entry.data["fields"]
    assert "Grief" not in str(entry.data)


def test_any_member_can_propose_a_self_help_group_and_facilitates_it(member):
    group = actions.propose_self_help_group(
        proposer=member, details=group_details(kind=GroupKind.SUPPORT), agreement=AGREEMENT
    )

    assert group.kind == GroupKind.SELF_HELP
    assert group.status == GroupStatus.PROPOSED
    assert group.proposed_by == member
    assert list(group.facilitators.all()) == [member]
    assert group.agreements.get().version == 1
    assert audit_entry("group.proposed").actor == member


def test_a_coordinator_approves_a_proposed_group(coordinator, member):
    group = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=member)

    actions.approve_group(group=group, actor=coordinator)

    group.refresh_from_db()
    assert group.status == GroupStatus.ACTIVE
    assert audit_entry("group.approved").actor == coordinator


def test_a_coordinator_declines_a_proposed_group(coordinator, member):
    group = GroupFactory(status=GroupStatus.PROPOSED, proposed_by=member)

    actions.decline_group(group=group, actor=coordinator, reason="We have one like it.")

    group.refresh_from_db()
    assert group.status == GroupStatus.DECLINED
    assert audit_entry("group.declined").data == {"reason": "We have one like it."}


@pytest.mark.parametrize("review", [actions.approve_group, actions.decline_group])
def test_a_group_is_reviewed_once(coordinator, group, review):
    with pytest.raises(actions.GroupActionError, match="already been approved or declined"):
        review(group=group, actor=coordinator)


def test_pausing_and_closing_a_group(group, facilitator):
    assert actions.set_group_status(group=group, actor=facilitator, status=GroupStatus.PAUSED)

    group.refresh_from_db()
    assert group.status == GroupStatus.PAUSED
    assert audit_entry("group.status_changed").data == {"from": "active", "to": "paused"}
    # Setting the status it already has changes nothing and records nothing.
    assert not actions.set_group_status(group=group, actor=facilitator, status="paused")


def test_a_proposed_group_gets_its_status_by_approval(coordinator):
    group = GroupFactory(status=GroupStatus.PROPOSED)

    with pytest.raises(actions.GroupActionError, match="approve this group first"):
        actions.set_group_status(group=group, actor=coordinator, status=GroupStatus.ACTIVE)


def test_status_is_only_active_paused_or_closed(group, coordinator):
    with pytest.raises(actions.GroupActionError, match="active, paused or closed"):
        actions.set_group_status(group=group, actor=coordinator, status=GroupStatus.PROPOSED)


def test_editing_cannot_skip_a_coordinators_approval(member):
    group = GroupFactory(status=GroupStatus.PROPOSED, facilitators=[member])

    with pytest.raises(actions.GroupActionError, match="approved or declined by a coordinator"):
        actions.update_group(group=group, actor=member, details={"status": GroupStatus.ACTIVE})

    group.refresh_from_db()
    assert group.status == GroupStatus.PROPOSED


def test_a_coordinator_can_pause_a_group_while_editing_it(group, coordinator):
    actions.update_group(group=group, actor=coordinator, details={"status": GroupStatus.PAUSED})

    group.refresh_from_db()
    assert group.status == GroupStatus.PAUSED
    assert audit_entry("group.updated").data == {"fields": ["status"]}
