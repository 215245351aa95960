"""Shared by the groups tests: details as a valid form gives them, and audit look-ups."""

from alongside.common.models import AuditLogEntry
from alongside.groups.choices import GroupKind, JoinPolicy, MeetingMode

AGREEMENT = {
    "ground_rules": "One person speaks at a time.",
    "confidentiality": "Names and stories stay in the room.",
    "how_we_treat_each_other": "Gently.",
}


def group_details(**overrides) -> dict:
    details = {
        "kind": GroupKind.SUPPORT,
        "name": "Walk and Talk",
        "purpose": "We walk in the park and talk about how the week went.",
        "who_for": "Anyone finding things hard.",
        "topics": [],
        "languages": ["en"],
        "mode": MeetingMode.VIDEO,
        "venue": None,
        "online_details": "https://video.example.org/walk",
        "join_policy": JoinPolicy.OPEN,
        "capacity": None,
    }
    details.update(overrides)
    return details


def audit_entry(verb: str) -> AuditLogEntry:
    """The one audit entry with this verb."""
    (entry,) = AuditLogEntry.objects.filter(verb=verb)
    return entry
