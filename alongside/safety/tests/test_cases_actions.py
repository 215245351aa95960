"""Safeguarding case actions: what each stores, what it writes to the audit log (never a
member's name or words), and that a refused action changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.community.tests.factories import PostFactory
from alongside.safety import cases
from alongside.safety.cases import CaseError
from alongside.safety.choices import AlertStatus, AlertTarget, CaseEntryKind, CaseStatus
from alongside.safety.models import CaseEntry, SafeguardingCase, SafetyAlert
from alongside.safety.risk import RiskLevel

URGENT_TEXT = "I am going to kill myself tonight, I have the pills ready"
CONCERN_TEXT = "I feel so hopeless and worthless"


def alert_about(member, *, level=RiskLevel.URGENT, status=AlertStatus.OPEN) -> SafetyAlert:
    """A safety alert on a real post that `member` wrote."""
    text = URGENT_TEXT if level == RiskLevel.URGENT else CONCERN_TEXT
    post = PostFactory(thread__author=member, body=text, risk_level=level)
    return SafetyAlert.objects.create(
        member=member,
        target=AlertTarget.POST,
        post=post,
        level=level,
        level_rank=2 if level == RiskLevel.URGENT else 1,
        score=0.9 if level == RiskLevel.URGENT else 0.5,
        signals=["test.signal"],
        detector_version="test",
        status=status,
    )


def case_about(member, *, by, summary="Worried after an urgent post.", alert=None):
    return cases.open_case(actor=by, member=member, summary=summary, alert=alert)


def last_audit() -> AuditLogEntry:
    return AuditLogEntry.objects.order_by("-id").first()


def assert_audit_is_private(entry: AuditLogEntry, *, member) -> None:
    text = f"{entry.target_label} {entry.data}"
    assert member.profile.display_name not in text
    assert member.email not in text
    assert "kill" not in text and "hopeless" not in text


@pytest.mark.django_db
class TestOpenCase:
    def test_it_stores_the_case_and_links_the_alert(self, moderator, member):
        alert = alert_about(member)
        case = case_about(member, by=moderator, summary="  Worried\r\nabout Robin.  ", alert=alert)

        case.refresh_from_db()
        assert case.member == member
        assert case.opened_by == moderator
        assert case.status == CaseStatus.OPEN
        assert case.summary == "Worried\nabout Robin."
        assert list(case.alerts.all()) == [alert]

        entry = last_audit()
        assert entry.verb == "safety.case_opened"
        assert entry.actor == moderator
        assert entry.target_label == f"Safeguarding case {case.pk}"
        assert entry.data == {"member_id": member.pk, "alert_ids": [alert.pk]}
        assert_audit_is_private(entry, member=member)

    def test_the_summary_is_required(self, moderator, member):
        with pytest.raises(CaseError, match="Write a summary first"):
            case_about(member, by=moderator, summary=" \x00 \n ")
        assert not SafeguardingCase.objects.exists()

    def test_one_open_case_per_member(self, moderator, coordinator, member):
        first = case_about(member, by=moderator)
        with pytest.raises(CaseError) as refused:
            case_about(member, by=coordinator)
        assert refused.value.case == first
        assert SafeguardingCase.objects.count() == 1

    def test_an_alert_about_someone_else_is_refused(self, moderator, member, other_member):
        with pytest.raises(CaseError, match="different member"):
            case_about(member, by=moderator, alert=alert_about(other_member))
        assert not SafeguardingCase.objects.exists()
        assert not AuditLogEntry.objects.filter(verb="safety.case_opened").exists()

    def test_nobody_opens_a_case_about_themselves(self, moderator):
        with pytest.raises(CaseError, match="about yourself"):
            case_about(moderator, by=moderator)
        assert not SafeguardingCase.objects.exists()


@pytest.mark.django_db
class TestAddEntry:
    def test_a_note(self, moderator, member):
        case = case_about(member, by=moderator)
        entry = cases.add_entry(actor=moderator, case=case, kind="note", text="Called nobody yet.")

        entry.refresh_from_db()
        assert (entry.case, entry.author, entry.kind) == (case, moderator, CaseEntryKind.NOTE)
        assert entry.text == "Called nobody yet."
        assert entry.happened_at is None
        audit = last_audit()
        assert audit.verb == "safety.case_entry_added"
        assert audit.data == {"entry_id": entry.pk, "kind": "note"}
        assert audit.target_id == str(case.pk)
        assert_audit_is_private(audit, member=member)

    def test_a_contact_keeps_when_it_happened(self, moderator, member):
        case = case_about(member, by=moderator)
        earlier = timezone.now() - timedelta(hours=3)
        entry = cases.add_entry(
            actor=moderator,
            case=case,
            kind="contact",
            text="Spoke by message.",
            happened_at=earlier,
        )
        assert CaseEntry.objects.get(pk=entry.pk).happened_at == earlier

    def test_only_a_contact_has_a_time_it_happened(self, moderator, member):
        case = case_about(member, by=moderator)
        entry = cases.add_entry(
            actor=moderator,
            case=case,
            kind="action",
            text="Hid the post.",
            happened_at=timezone.now(),
        )
        assert CaseEntry.objects.get(pk=entry.pk).happened_at is None

    def test_a_contact_in_the_future_is_refused(self, moderator, member):
        case = case_about(member, by=moderator)
        tomorrow = timezone.now() + timedelta(days=1)
        with pytest.raises(CaseError, match="can't be in the future"):
            cases.add_entry(
                actor=moderator, case=case, kind="contact", text="Call.", happened_at=tomorrow
            )
        with pytest.raises(CaseError, match="when the contact happened"):
            cases.add_entry(actor=moderator, case=case, kind="contact", text="Call.")
        assert not CaseEntry.objects.exists()

    def test_adding_activity_moves_the_case_up(self, moderator, member, other_member):
        older = case_about(member, by=moderator)
        newer = case_about(other_member, by=moderator)
        listed = lambda: list(cases.cases_for_list(viewer=moderator))  # noqa: E731
        assert listed() == [newer, older]
        cases.add_entry(actor=moderator, case=older, kind="note", text="Checked in.")
        assert listed() == [older, newer]

    def test_a_closed_case_takes_no_entries(self, moderator, member):
        case = case_about(member, by=moderator)
        cases.close_case(actor=moderator, case=case, outcome="Doing better.")
        with pytest.raises(CaseError, match="closed"):
            cases.add_entry(actor=moderator, case=case, kind="note", text="Late note.")
        assert not CaseEntry.objects.exists()


@pytest.mark.django_db
class TestLinkAlert:
    def test_an_alert_of_the_same_member(self, moderator, member):
        case = case_about(member, by=moderator)
        alert = alert_about(member, level=RiskLevel.CONCERN)
        cases.link_alert(actor=moderator, case=case, alert=alert)

        assert list(case.alerts.all()) == [alert]
        audit = last_audit()
        assert (audit.verb, audit.data) == ("safety.case_alert_linked", {"alert_id": alert.pk})

    def test_an_alert_of_another_member_is_refused(self, moderator, member, other_member):
        case = case_about(member, by=moderator)
        with pytest.raises(CaseError, match="different member"):
            cases.link_alert(actor=moderator, case=case, alert=alert_about(other_member))
        assert not case.alerts.exists()

    def test_linking_twice_is_refused(self, moderator, member):
        alert = alert_about(member)
        case = case_about(member, by=moderator, alert=alert)
        with pytest.raises(CaseError, match="already linked"):
            cases.link_alert(actor=moderator, case=case, alert=alert)
        assert case.alerts.count() == 1

    def test_linkable_alerts_are_the_members_unresolved_unlinked_ones(
        self, moderator, member, other_member
    ):
        linked = alert_about(member)
        case = case_about(member, by=moderator, alert=linked)
        waiting = alert_about(member, level=RiskLevel.CONCERN)
        alert_about(member, status=AlertStatus.RESOLVED)
        alert_about(other_member)
        assert list(cases.linkable_alerts(case)) == [waiting]


@pytest.mark.django_db
class TestCloseAndReopen:
    def test_close_stores_the_outcome(self, moderator, member):
        case = case_about(member, by=moderator)
        cases.close_case(actor=moderator, case=case, outcome="Member is safe and supported.")

        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED
        assert case.outcome == "Member is safe and supported."
        assert case.closed_by == moderator
        assert case.closed_at is not None
        audit = last_audit()
        assert (audit.verb, audit.data) == ("safety.case_closed", {})
        assert "supported" not in str(audit.data)

    def test_the_outcome_is_required(self, moderator, member):
        case = case_about(member, by=moderator)
        with pytest.raises(CaseError, match="outcome"):
            cases.close_case(actor=moderator, case=case, outcome="   ")
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN

    def test_closing_a_closed_case_is_refused(self, moderator, coordinator, member):
        case = case_about(member, by=moderator)
        cases.close_case(actor=moderator, case=case, outcome="First outcome.")
        with pytest.raises(CaseError, match="already closed"):
            cases.close_case(actor=coordinator, case=case, outcome="Second outcome.")
        case.refresh_from_db()
        assert (case.outcome, case.closed_by) == ("First outcome.", moderator)

    def test_reopen_keeps_the_old_outcome_as_a_note(self, moderator, coordinator, member):
        case = case_about(member, by=moderator)
        cases.close_case(actor=moderator, case=case, outcome="Settled for now.")
        cases.reopen_case(actor=coordinator, case=case)

        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN
        assert (case.outcome, case.closed_by, case.closed_at) == ("", None, None)
        note = case.entries.get()
        assert note.author == coordinator
        assert note.kind == CaseEntryKind.NOTE
        assert "Settled for now." in note.text
        assert last_audit().verb == "safety.case_reopened"

    def test_reopening_an_open_case_is_refused(self, moderator, member):
        case = case_about(member, by=moderator)
        with pytest.raises(CaseError, match="already open"):
            cases.reopen_case(actor=moderator, case=case)
        assert not case.entries.exists()

    def test_reopening_while_another_case_is_open_is_refused(self, moderator, member):
        old = case_about(member, by=moderator)
        cases.close_case(actor=moderator, case=old, outcome="Done.")
        current = case_about(member, by=moderator)
        with pytest.raises(CaseError) as refused:
            cases.reopen_case(actor=moderator, case=old)
        assert refused.value.case == current
        old.refresh_from_db()
        assert old.status == CaseStatus.CLOSED
