"""Agreements are versioned: publishing adds a version, never edits one."""

from alongside.groups import actions
from alongside.groups.selectors import current_agreement
from alongside.groups.tests.factories import GroupFactory
from alongside.groups.tests.helpers import AGREEMENT, audit_entry


def test_publishing_adds_the_next_version(group, facilitator):
    agreement = actions.publish_agreement(group=group, actor=facilitator, terms=AGREEMENT)

    assert agreement.version == 2
    assert agreement.created_by == facilitator
    assert current_agreement(group=group) == agreement
    assert group.agreements.get(version=1).ground_rules == "We listen without interrupting."
    entry = audit_entry("group.agreement_published")
    assert (entry.actor, entry.data) == (facilitator, {"version": 2})


def test_a_group_without_an_agreement_publishes_version_1(coordinator):
    group = GroupFactory(agreement=False)

    assert actions.publish_agreement(group=group, actor=coordinator, terms=AGREEMENT).version == 1
