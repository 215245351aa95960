"""What moderators do with an alert or a report: claim, release, approve, hide, edit and
resolve, one module per verb. Each action locks the item (select_for_update) so that two
moderators, or one moderator's double click, can't act on it at once; a refusal raises
ModerationError with a message the moderator can read, and changes nothing. Every action
is recorded with `record_moderation` (the item's history and the audit log)."""

from alongside.safety.moderation.actions.claims import claim_item, release_item
from alongside.safety.moderation.actions.common import (
    CONTENT_NAMES,
    ModerationError,
    awaits_decision,
    content_name,
    content_state,
    is_held,
    is_hidden,
    is_private_message,
    note_private_message_read,
)
from alongside.safety.moderation.actions.content import (
    approve_alert_content,
    hide_alert_content,
    hide_reported_content,
)
from alongside.safety.moderation.actions.editing import (
    EDITABLE_FIELDS,
    EditableField,
    edit_alert_content,
    editable_fields,
    keeps_revision,
)
from alongside.safety.moderation.actions.resolving import resolve_alert, resolve_report

__all__ = [
    "CONTENT_NAMES",
    "EDITABLE_FIELDS",
    "EditableField",
    "ModerationError",
    "approve_alert_content",
    "awaits_decision",
    "claim_item",
    "content_name",
    "content_state",
    "edit_alert_content",
    "editable_fields",
    "hide_alert_content",
    "hide_reported_content",
    "is_held",
    "is_hidden",
    "is_private_message",
    "keeps_revision",
    "note_private_message_read",
    "release_item",
    "resolve_alert",
    "resolve_report",
]
