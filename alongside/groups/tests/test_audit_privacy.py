"""Group audit entries say who did what, never what a group is about or a member's needs."""

from alongside.accounts.models import Topic
from alongside.common.models import AuditLogEntry
from alongside.groups import actions
from alongside.groups.tests.helpers import AGREEMENT, group_details

PURPOSE = "Living with grief after losing a parent."
# Keys that name records, versions, statuses and changed fields; nothing more.
ALLOWED_KEYS = {"facilitators", "fields", "from", "to", "user", "version", "group"}
ALLOWED_KEYS |= {"agreement_version", "reason"}


def test_no_group_audit_entry_holds_health_information(coordinator, peer_supporter, member):
    bereavement = Topic.objects.get(slug="bereavement")
    details = group_details(purpose=PURPOSE, topics=[bereavement], who_for="Bereaved adults")
    group = actions.create_group(actor=peer_supporter, details=details, agreement=AGREEMENT)
    actions.update_group(
        group=group, actor=peer_supporter, details={**details, "purpose": PURPOSE + " Again."}
    )
    actions.publish_agreement(group=group, actor=peer_supporter, terms=AGREEMENT)
    membership = actions.join_group(group=group, user=member, accepted_version=2)
    actions.leave_group(membership=membership)
    actions.propose_self_help_group(proposer=member, details=details, agreement=AGREEMENT)

    entries = AuditLogEntry.objects.filter(verb__startswith="group.")
    assert entries.count() == 6
    for entry in entries:
        assert set(entry.data) <= ALLOWED_KEYS, entry.verb
        text = str(entry.data)
        for private in ("grief", "Bereave", "bereavement", AGREEMENT["ground_rules"]):
            assert private not in text, entry.verb
