"""The one way to write to the audit log. Every action that changes something calls it."""

from django.db import models

from alongside.common.models import AuditLogEntry
from alongside.common.request_context import client_ip


def record_audit(
    *,
    actor,
    verb: str,
    target: models.Model | None = None,
    data: dict | None = None,
) -> AuditLogEntry:
    """Record that `actor` did `verb` to `target`. Call it inside the action's transaction."""
    return AuditLogEntry.objects.create(
        actor=actor,
        actor_label=str(actor) if actor is not None else "",
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        ip_address=client_ip.get(),
        data=data or {},
    )
