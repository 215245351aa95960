"""Safeguarding cases: a moderator's record of concern about one member over time.

Reads (selectors) and writes (actions) in one place. Only moderators and coordinators with
two-factor authentication ever reach a case; to everyone else, and to the member a case is
about even if they are staff, a case does not exist (404). Every list and every view of a
case is written to the audit log; audit entries name the case by number, never by member.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import dateformat, timezone

from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.community.text import tidy
from alongside.safety.choices import AlertStatus, CaseEntryKind, CaseStatus
from alongside.safety.models import CaseEntry, SafeguardingCase, SafetyAlert
from alongside.safety.permissions import check_safeguarding_permission

# Ids beyond this are never real rows; refusing them early keeps every database happy.
LARGEST_ID = 2**31 - 1
CASE_TEXT_MAX_LENGTH = 5000
MEMBER_SEARCH_LIMIT = 20
# A contact "now" from a device whose clock runs a little fast is still not in the future.
CLOCK_LEEWAY = timedelta(minutes=2)


class CaseError(ValidationError):
    """A refusal that depends on the state of the case, in words a moderator can read.
    `case` is set when the refusal points at another case (the member's open one)."""

    def __init__(self, message: str, *, case: SafeguardingCase | None = None):
        super().__init__(message)
        self.case = case


# ---------------------------------------------------------------------------- reading


def filter_cases_queryset(queryset: QuerySet, *, viewer) -> QuerySet:
    """The cases `viewer` may see: none about themselves."""
    return queryset.exclude(member_id=viewer.pk)


def access_case_by_id(*, viewer, case_id: int) -> SafeguardingCase:
    """A case for a moderator or coordinator; the same 404 for everyone else as for a case
    that does not exist."""
    check_safeguarding_permission(viewer)
    if not 0 < case_id <= LARGEST_ID:
        raise Http404("No such page.")
    cases = SafeguardingCase.objects.select_related(
        "member__profile", "opened_by__profile", "closed_by__profile"
    )
    try:
        return filter_cases_queryset(cases, viewer=viewer).get(pk=case_id)
    except SafeguardingCase.DoesNotExist as error:
        raise Http404("No such page.") from error


def cases_for_list(*, viewer, status: str = "", member_id: int | None = None) -> QuerySet:
    """Open cases first, then by latest activity (an entry or alert touches the case)."""
    cases = filter_cases_queryset(SafeguardingCase.objects.all(), viewer=viewer)
    if status:
        cases = cases.filter(status=status)
    if member_id is not None:
        cases = cases.filter(member_id=member_id)
    open_first = Case(
        When(status=CaseStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        cases.select_related("member__profile", "opened_by__profile")
        .annotate(
            alert_count=Count("alerts", distinct=True),
            entry_count=Count("entries", distinct=True),
            open_first=open_first,
        )
        .order_by("open_first", "-updated_at", "-id")
    )


def case_entries(case: SafeguardingCase) -> list[CaseEntry]:
    """Entries in the order things happened (a contact at the time it happened)."""
    return list(
        case.entries.select_related("author__profile").order_by(
            Coalesce("happened_at", "created_at"), "created_at", "id"
        )
    )


def case_alerts(case: SafeguardingCase) -> list[SafetyAlert]:
    return list(case.alerts.order_by("-created_at", "-id"))


def linkable_alerts(case: SafeguardingCase) -> QuerySet:
    """The member's unresolved alerts that are not linked to this case yet."""
    return (
        SafetyAlert.objects.filter(member_id=case.member_id)
        .exclude(status=AlertStatus.RESOLVED)
        .exclude(cases=case)
        .order_by("-created_at", "-id")
    )


def open_case_about(*, member, viewer) -> SafeguardingCase | None:
    cases = SafeguardingCase.objects.filter(member=member, status=CaseStatus.OPEN)
    return filter_cases_queryset(cases, viewer=viewer).first()


def member_for_case(*, member_id: int) -> User | None:
    """A member a case can be about, or None when there is no such member."""
    if not 0 < member_id <= LARGEST_ID:
        return None
    return (
        User.objects.select_related("profile").filter(pk=member_id, profile__isnull=False).first()
    )


def alert_by_id(*, alert_id: int) -> SafetyAlert | None:
    if not 0 < alert_id <= LARGEST_ID:
        return None
    return SafetyAlert.objects.select_related("member__profile").filter(pk=alert_id).first()


def case_subject(
    *, viewer, member_id: int | None, alert_id: int | None
) -> tuple[User | None, SafetyAlert | None, str]:
    """Who a new case would be about, from a link's ?member= and ?alert=: (member, alert,
    problem). `problem` says in plain words why neither can be used ("" if nothing was
    chosen yet, or all is well)."""
    alert = None
    if alert_id is not None:
        alert = alert_by_id(alert_id=alert_id)
        if alert is None:
            return None, None, "We couldn't find that alert. Search for the member below."
        if member_id is None:
            member_id = alert.member_id
        elif alert.member_id != member_id:
            return None, None, "That alert is about a different member. Search again below."
    if member_id is None:
        return None, None, ""
    member = member_for_case(member_id=member_id)
    if member is None:
        return None, None, "We couldn't find that member. Search for them below."
    if member.pk == viewer.pk:
        return None, None, "You can't open a case about yourself. Ask another moderator."
    return member, alert, ""


def members_matching(*, search: str) -> list[User]:
    """Members whose display name contains `search`, or whose email is exactly it."""
    search = search.strip()
    if not search:
        return []
    users = (
        User.objects.filter(is_active=True, profile__isnull=False)
        .filter(Q(profile__display_name__icontains=search) | Q(email__iexact=search))
        .select_related("profile")
        .order_by("profile__display_name", "id")
    )
    return list(users[: MEMBER_SEARCH_LIMIT + 1])


# ---------------------------------------------------------------------------- audit of reads


def note_cases_listed(*, viewer, cases: list[SafeguardingCase], filters: dict) -> None:
    record_audit(
        actor=viewer,
        verb="safety.cases_listed",
        data={**filters, "case_ids": [case.pk for case in cases]},
    )


def note_case_viewed(*, viewer, case: SafeguardingCase) -> None:
    record_audit(actor=viewer, verb="safety.case_viewed", target=case)


# ---------------------------------------------------------------------------- actions


def _clean_text(text: str, *, what: str) -> str:
    text = tidy(text or "")
    if not text:
        raise CaseError(f"Write {what} first.")
    if len(text) > CASE_TEXT_MAX_LENGTH:
        raise CaseError(f"Keep {what} to {CASE_TEXT_MAX_LENGTH:,} characters or fewer.")
    return text


def _locked(case: SafeguardingCase) -> SafeguardingCase:
    return SafeguardingCase.objects.select_for_update().get(pk=case.pk)


def _check_open(case: SafeguardingCase) -> None:
    if case.status != CaseStatus.OPEN:
        raise CaseError("This case is closed. Reopen it first to add to it.")


def _touch(case: SafeguardingCase) -> None:
    case.save(update_fields=["updated_at"])


@transaction.atomic
def open_case(*, actor, member, summary: str, alert: SafetyAlert | None = None):
    """Open a case about `member`, linking `alert` if given. One open case per member."""
    summary = _clean_text(summary, what="a summary")
    if member.pk == actor.pk:
        raise CaseError("You can't open a case about yourself. Ask another moderator.")
    User.objects.select_for_update().filter(pk=member.pk).first()  # one opener at a time
    existing = SafeguardingCase.objects.filter(member=member, status=CaseStatus.OPEN).first()
    if existing is not None:
        raise CaseError(f"This member already has an open case ({existing}).", case=existing)
    if alert is not None and alert.member_id != member.pk:
        raise CaseError("That alert is about a different member, so it can't be linked.")
    case = SafeguardingCase.objects.create(member=member, opened_by=actor, summary=summary)
    if alert is not None:
        case.alerts.add(alert)
    record_audit(
        actor=actor,
        verb="safety.case_opened",
        target=case,
        data={"member_id": member.pk, "alert_ids": [alert.pk] if alert else []},
    )
    return case


@transaction.atomic
def add_entry(*, actor, case: SafeguardingCase, kind: str, text: str, happened_at=None):
    """Add a note, an action taken or a contact made. Only a contact has a time it
    happened, and that time is never in the future."""
    kind = CaseEntryKind(kind)
    text = _clean_text(text, what="what happened" if kind != CaseEntryKind.NOTE else "a note")
    case = _locked(case)
    _check_open(case)
    if kind != CaseEntryKind.CONTACT:
        happened_at = None
    elif happened_at is None:
        raise CaseError("Say when the contact happened.")
    elif happened_at > timezone.now() + CLOCK_LEEWAY:
        raise CaseError("A contact can't be in the future. Give the time it happened.")
    entry = CaseEntry.objects.create(
        case=case, author=actor, kind=kind, text=text, happened_at=happened_at
    )
    _touch(case)
    record_audit(
        actor=actor,
        verb="safety.case_entry_added",
        target=case,
        data={"entry_id": entry.pk, "kind": str(kind)},
    )
    return entry


@transaction.atomic
def link_alert(*, actor, case: SafeguardingCase, alert: SafetyAlert) -> None:
    """Link an alert about the case's member to the case."""
    case = _locked(case)
    _check_open(case)
    if alert.member_id != case.member_id:
        raise CaseError("That alert is about a different member, so it can't be linked.")
    if case.alerts.filter(pk=alert.pk).exists():
        raise CaseError("That alert is already linked to this case.")
    case.alerts.add(alert)
    _touch(case)
    record_audit(
        actor=actor, verb="safety.case_alert_linked", target=case, data={"alert_id": alert.pk}
    )


@transaction.atomic
def close_case(*, actor, case: SafeguardingCase, outcome: str) -> SafeguardingCase:
    outcome = _clean_text(outcome, what="the outcome")
    case = _locked(case)
    if case.status == CaseStatus.CLOSED:
        raise CaseError("This case is already closed.")
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.closed_by = actor
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "outcome", "closed_by", "closed_at", "updated_at"])
    record_audit(actor=actor, verb="safety.case_closed", target=case)
    return case


@transaction.atomic
def reopen_case(*, actor, case: SafeguardingCase) -> SafeguardingCase:
    """Open a closed case again. The outcome it was closed with is kept as a note, since
    entries are never lost; the next close records a new outcome."""
    case = _locked(case)
    if case.status == CaseStatus.OPEN:
        raise CaseError("This case is already open.")
    other = (
        SafeguardingCase.objects.filter(member_id=case.member_id, status=CaseStatus.OPEN)
        .exclude(pk=case.pk)
        .first()
    )
    if other is not None:
        raise CaseError(
            f"This member already has an open case ({other}). Add to that one instead.",
            case=other,
        )
    closed = ""
    if case.closed_at is not None:
        closed = " on " + dateformat.format(timezone.localtime(case.closed_at), "j M Y, H:i")
    CaseEntry.objects.create(
        case=case,
        author=actor,
        kind=CaseEntryKind.NOTE,
        text=f"Case reopened. When it was closed{closed}, the outcome was:\n\n"
        f"{case.outcome or '(none recorded)'}",
    )
    case.status = CaseStatus.OPEN
    case.outcome = ""
    case.closed_by = None
    case.closed_at = None
    case.save(update_fields=["status", "outcome", "closed_by", "closed_at", "updated_at"])
    record_audit(actor=actor, verb="safety.case_reopened", target=case)
    return case
