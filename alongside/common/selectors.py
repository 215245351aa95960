from django.db.models import QuerySet

from alongside.common.models import AuditLogEntry


def audit_entries(*, verb: str = "") -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.all()
    if verb:
        entries = entries.filter(verb__startswith=verb)
    return entries
