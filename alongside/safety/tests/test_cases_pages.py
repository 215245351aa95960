"""The safeguarding case pages as a moderator uses them: what they show, what each form
stores, the audit entry for every view, plain errors for bad input, and query counts that
don't grow with the number of cases, alerts or entries."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.common.models import AuditLogEntry
from alongside.safety import cases
from alongside.safety.choices import AlertStatus, CaseEntryKind, CaseStatus
from alongside.safety.models import CaseEntry, SafeguardingCase
from alongside.safety.risk import RiskLevel
from alongside.safety.tests.test_cases_actions import alert_about, case_about

LIST = reverse("safety:case_list")
CREATE = reverse("safety:case_create")


def detail_url(case):
    return reverse("safety:case_detail", args=[case.pk])


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def views_of(case) -> int:
    return AuditLogEntry.objects.filter(verb="safety.case_viewed", target_id=str(case.pk)).count()


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def staff(client_for, moderator):
    return client_for(moderator)


# ---------------------------------------------------------------------------- list


@pytest.mark.django_db
class TestList:
    def test_open_cases_first_then_newest_activity(self, staff, moderator, coordinator):
        robin, sam, kit = (UserFactory(profile__display_name=n) for n in ("Robin", "Sam", "Kit"))
        closed = case_about(robin, by=coordinator)
        cases.close_case(actor=coordinator, case=closed, outcome="Resolved.")
        quiet = case_about(sam, by=coordinator)
        busy = case_about(kit, by=coordinator)
        cases.add_entry(actor=coordinator, case=quiet, kind="note", text="Checked in.")

        page = text_of(staff.get(LIST))
        order = [page.index(f"Safeguarding case {case.pk} ") for case in (quiet, busy, closed)]
        assert order == sorted(order)
        assert "3 cases" in page

    def test_every_listing_is_audit_logged(self, staff, moderator, member):
        case = case_about(member, by=UserFactory())
        staff.get(LIST, {"status": "open"})
        entry = AuditLogEntry.objects.get(verb="safety.cases_listed")
        assert entry.actor == moderator
        assert entry.data == {"status": "open", "member_id": None, "page": 1, "case_ids": [case.pk]}

    def test_filters_by_status_and_member(self, staff, coordinator, member, other_member):
        robins = case_about(member, by=coordinator)
        cases.close_case(actor=coordinator, case=robins, outcome="Fine now.")
        sams = case_about(other_member, by=coordinator)

        closed = text_of(staff.get(LIST, {"status": "closed"}))
        assert f"Safeguarding case {robins.pk} " in closed
        assert f"Safeguarding case {sams.pk} " not in closed

        response = staff.get(LIST, {"member": other_member.pk})
        page = text_of(response)
        assert "Safeguarding cases about Sam" in page
        assert f"Safeguarding case {sams.pk} " in page
        assert f"Safeguarding case {robins.pk} " not in page

    @pytest.mark.parametrize(
        "query",
        [
            {"status": "lost"},
            {"member": "Robin"},
            {"member": "-3"},
            {"member": "99999999999999999999999"},
            {"page": "last"},
            {"page": "99999"},
            {"status": "\x00"},
        ],
    )
    def test_bad_filters_are_plain_not_broken(self, staff, coordinator, member, query):
        case_about(member, by=coordinator)
        response = staff.get(LIST, query)
        assert response.status_code == 200
        assert "Safeguarding cases" in text_of(response)

    def test_queries_do_not_grow_with_cases(self, staff, coordinator):
        def add_cases(count):
            for _ in range(count):
                member = UserFactory()
                case = case_about(member, by=coordinator, alert=alert_about(member))
                cases.add_entry(actor=coordinator, case=case, kind="note", text="Hello.")

        add_cases(1)
        few = queries_for(staff, LIST)
        add_cases(5)
        assert queries_for(staff, LIST) == few
        assert few <= 12
        assert "6 cases" in text_of(staff.get(LIST))


# ---------------------------------------------------------------------------- create


@pytest.mark.django_db
class TestCreate:
    def test_from_an_alert_link(self, staff, moderator, member):
        alert = alert_about(member)
        response = staff.get(CREATE, {"member": member.pk, "alert": alert.pk})
        page = text_of(response)
        assert response.status_code == 200
        assert "About Robin, starting from alert" in page
        assert "Summary" in page

        response = staff.post(
            CREATE, {"member": member.pk, "alert": alert.pk, "summary": "Urgent post tonight."}
        )
        case = SafeguardingCase.objects.get()
        assert response.status_code == 302
        assert response["Location"] == detail_url(case)
        assert (case.member, case.opened_by, case.summary) == (
            member,
            moderator,
            "Urgent post tonight.",
        )
        assert list(case.alerts.all()) == [alert]

    def test_the_alert_alone_says_who_it_is_about(self, staff, member):
        alert = alert_about(member)
        assert "About Robin, starting from alert" in text_of(staff.get(CREATE, {"alert": alert.pk}))

    def test_search_by_display_name_or_email(self, staff, member, other_member):
        page = text_of(staff.get(CREATE, {"q": "rob"}))
        assert "Open a case about Robin" in page
        assert "about Sam" not in page
        page = text_of(staff.get(CREATE, {"q": other_member.email.upper()}))
        assert "Open a case about Sam" in page
        assert other_member.email not in page  # found by email, shown by name
        assert "No members match" in text_of(staff.get(CREATE, {"q": "nobody at all"}))
        for nonsense in ["x" * 300, "\x00", "  ", "%", "\u200b"]:
            assert staff.get(CREATE, {"q": nonsense}).status_code == 200

    def test_a_post_without_a_member_asks_for_one(self, staff):
        response = staff.post(CREATE, {"summary": "About whom?"})
        assert response.status_code == 400
        assert "Choose who the case is about first." in text_of(response)
        assert not SafeguardingCase.objects.exists()

    @pytest.mark.parametrize(
        "query, message",
        [
            ({"member": "abc"}, "That link isn't quite right"),
            ({"member": "0"}, "That link isn't quite right"),
            ({"member": "99999999999999999999999"}, "That link isn't quite right"),
            ({"member": "987654"}, "We couldn't find that member"),
            ({"alert": "987654"}, "We couldn't find that alert"),
        ],
    )
    def test_bad_links_say_so_plainly(self, staff, query, message):
        response = staff.get(CREATE, query)
        assert response.status_code == 400
        page = text_of(response)
        assert message in page
        assert "Search by display name or email address" in page

    def test_an_alert_about_someone_else_is_not_linked(self, staff, member, other_member):
        alert = alert_about(other_member)
        response = staff.get(CREATE, {"member": member.pk, "alert": alert.pk})
        assert "That alert is about a different member" in text_of(response)
        response = staff.post(CREATE, {"member": member.pk, "alert": alert.pk, "summary": "Hm."})
        assert response.status_code == 400
        assert not SafeguardingCase.objects.exists()

    def test_not_about_yourself(self, staff, moderator):
        response = staff.get(CREATE, {"member": moderator.pk})
        assert "You can't open a case about yourself" in text_of(response)
        staff.post(CREATE, {"member": moderator.pk, "summary": "Me."})
        assert not SafeguardingCase.objects.exists()

    @pytest.mark.parametrize(
        "summary, message",
        [
            ("", "Write a short summary of why you are opening this case."),
            ("   \n\x00 ", "Write a short summary of why you are opening this case."),
            ("word " * 1001, "Keep this to 5,000 characters or fewer (you have 5,004)."),
        ],
    )
    def test_summary_errors_sit_beside_the_field(self, staff, member, summary, message):
        response = staff.post(CREATE, {"member": member.pk, "summary": summary})
        html = response.content.decode()
        assert response.status_code == 400
        assert message.replace(",", "") in text_of(response).replace(",", "")
        assert 'aria-describedby="id_summary_helptext id_summary_error"' in html
        assert 'aria-invalid="true"' in html
        assert "maxlength" not in html
        assert not SafeguardingCase.objects.exists()

    def test_a_member_with_an_open_case_is_offered_that_case(self, staff, coordinator, member):
        existing = case_about(member, by=coordinator)
        alert = alert_about(member, level=RiskLevel.CONCERN)
        page = text_of(staff.get(CREATE, {"member": member.pk, "alert": alert.pk}))
        assert "Robin already has an open case" in page
        assert f"Go to safeguarding case {existing.pk}" in page
        assert f"Link alert {alert.pk} to safeguarding case {existing.pk}" in page
        assert "Open the case" not in page

        response = staff.post(
            reverse("safety:case_link_alert", args=[existing.pk]), {"alert": alert.pk}
        )
        assert response["Location"] == detail_url(existing) + "#alerts"
        assert list(existing.alerts.all()) == [alert]

        page = text_of(staff.get(CREATE, {"member": member.pk, "alert": alert.pk}))
        assert f"Alert {alert.pk} is already linked to it." in page

        response = staff.post(CREATE, {"member": member.pk, "summary": "Another one."})
        assert response.status_code == 400
        assert SafeguardingCase.objects.count() == 1


# ---------------------------------------------------------------------------- detail


@pytest.mark.django_db
class TestDetail:
    def test_shows_the_case_and_logs_the_view(self, staff, moderator, coordinator, member):
        alert = alert_about(member)
        case = case_about(member, by=coordinator, summary="Worried <b>tonight</b>.", alert=alert)
        response = staff.get(detail_url(case))
        html, page = response.content.decode(), text_of(response)

        assert "About Robin. Open." in page
        assert "Worried &lt;b&gt;tonight&lt;/b&gt;." in html
        assert f"Alert {alert.pk} Urgent" in page
        assert f'<time datetime="{timezone.localtime(alert.created_at).isoformat()}' in html
        assert "Opened " in page and " by Casey" in page

        entry = AuditLogEntry.objects.get(verb="safety.case_viewed")
        assert (entry.actor, entry.target_id) == (moderator, str(case.pk))
        assert entry.target_label == f"Safeguarding case {case.pk}"
        staff.get(detail_url(case))
        assert views_of(case) == 2

    def test_entries_in_the_order_things_happened(self, staff, coordinator, member):
        case = case_about(member, by=coordinator)
        cases.add_entry(actor=coordinator, case=case, kind="note", text="Written first.")
        cases.add_entry(
            actor=coordinator,
            case=case,
            kind="contact",
            text="Phoned yesterday.",
            happened_at=timezone.now() - timedelta(days=1),
        )
        page = text_of(staff.get(detail_url(case)))
        assert page.index("Phoned yesterday.") < page.index("Written first.")
        assert "Contact made Happened" in page

    def test_add_a_note_an_action_and_a_contact(self, staff, moderator, member):
        case = case_about(member, by=UserFactory())
        url = lambda kind: reverse("safety:case_add_entry", args=[case.pk, kind])  # noqa: E731
        earlier = timezone.now() - timedelta(hours=2)

        assert staff.post(url("note"), {"note-text": "A note."}).status_code == 302
        assert staff.post(url("action"), {"action-text": "Hid the post."}).status_code == 302
        response = staff.post(
            url("contact"),
            {"contact-text": "Messaged them.", "contact-happened_at": local_input(earlier)},
        )
        assert response["Location"] == detail_url(case) + "#entries"

        stored = list(case.entries.order_by("id").values_list("kind", "text", "author"))
        assert stored == [
            (CaseEntryKind.NOTE, "A note.", moderator.pk),
            (CaseEntryKind.ACTION, "Hid the post.", moderator.pk),
            (CaseEntryKind.CONTACT, "Messaged them.", moderator.pk),
        ]
        happened = case.entries.get(kind="contact").happened_at
        assert abs(happened - earlier) < timedelta(minutes=1)
        assert AuditLogEntry.objects.filter(verb="safety.case_entry_added").count() == 3

    @pytest.mark.parametrize(
        "data, message",
        [
            (
                {"contact-text": "Call.", "contact-happened_at": ""},
                "Say when the contact happened.",
            ),
            ({"contact-text": "Call.", "contact-happened_at": "soon"}, "Enter a date and time"),
            (
                {"contact-text": "Call.", "contact-happened_at": "1066-10-14T09:00"},
                "Check the year",
            ),
            (
                {"contact-text": "", "contact-happened_at": "2026-01-01T09:00"},
                "Write what was said",
            ),
            ({"contact-text": "x" * 5001, "contact-happened_at": "2026-01-01T09:00"}, "5,000"),
        ],
    )
    def test_bad_entries_are_refused_beside_the_field(self, staff, member, data, message):
        case = case_about(member, by=UserFactory())
        response = staff.post(reverse("safety:case_add_entry", args=[case.pk, "contact"]), data)
        assert response.status_code == 400
        assert message in text_of(response)
        assert 'aria-invalid="true"' in response.content.decode()
        assert not CaseEntry.objects.exists()

    def test_a_contact_in_the_future_is_refused(self, staff, member):
        case = case_about(member, by=UserFactory())
        tomorrow = local_input(timezone.now() + timedelta(days=1))
        response = staff.post(
            reverse("safety:case_add_entry", args=[case.pk, "contact"]),
            {"contact-text": "Will call.", "contact-happened_at": tomorrow},
        )
        assert response.status_code == 400
        assert text_of(response).startswith("Error: Safeguarding case")
        assert "A contact can't be in the future." in text_of(response)
        assert 'id="id_contact-happened_at_error"' in response.content.decode()
        assert not CaseEntry.objects.exists()

    def test_an_unknown_entry_kind_is_404(self, staff, member):
        case = case_about(member, by=UserFactory())
        response = staff.post(f"{detail_url(case)}entries/gossip/", {"gossip-text": "x"})
        assert response.status_code == 404

    def test_link_another_alert_of_the_same_member_only(self, staff, member, other_member):
        case = case_about(member, by=UserFactory())
        mine = alert_about(member, level=RiskLevel.CONCERN)
        theirs = alert_about(other_member)
        page = text_of(staff.get(detail_url(case)))
        assert f"Alert {mine.pk}: Concern" in page
        assert f"Alert {theirs.pk}" not in page

        link = reverse("safety:case_link_alert", args=[case.pk])
        for bad in [theirs.pk, "abc", "", "99999999999999999999999"]:
            response = staff.post(link, {"alert": bad})
            assert response.status_code == 400
            assert "Choose" in text_of(response)
        assert not case.alerts.exists()

        assert staff.post(link, {"alert": mine.pk}).status_code == 302
        assert list(case.alerts.all()) == [mine]

    def test_no_linking_resolved_alerts_from_the_page(self, staff, member):
        case = case_about(member, by=UserFactory())
        alert_about(member, status=AlertStatus.RESOLVED)
        assert "There are no other open alerts about this member." in text_of(
            staff.get(detail_url(case))
        )

    def test_close_then_reopen(self, staff, moderator, member):
        case = case_about(member, by=UserFactory())
        close = reverse("safety:case_close", args=[case.pk])

        response = staff.post(close, {"outcome": "  "})
        assert response.status_code == 400
        assert "Write the outcome before closing the case." in text_of(response)
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN

        assert staff.post(close, {"outcome": "Safe, and linked with their GP."}).status_code == 302
        page = text_of(staff.get(detail_url(case)))
        assert "About Robin. Closed." in page
        assert "Outcome Safe, and linked with their GP." in page
        assert "Reopen the case" in page
        assert "Add a note" not in page

        response = staff.post(close, {"outcome": "Again."})
        assert response.status_code == 400
        assert "This case is already closed." in text_of(response)
        case.refresh_from_db()
        assert case.outcome == "Safe, and linked with their GP."

        note = reverse("safety:case_add_entry", args=[case.pk, "note"])
        response = staff.post(note, {"note-text": "Late."})
        assert response.status_code == 400
        assert "This case is closed. Reopen it first" in text_of(response)

        assert staff.post(reverse("safety:case_reopen", args=[case.pk])).status_code == 302
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN
        response = staff.post(reverse("safety:case_reopen", args=[case.pk]))
        assert response.status_code == 400
        assert "This case is already open." in text_of(response)

    def test_get_only_pages_refuse_other_methods(self, staff, member):
        case = case_about(member, by=UserFactory())
        assert staff.post(detail_url(case)).status_code == 405
        assert staff.get(reverse("safety:case_close", args=[case.pk])).status_code == 405

    def test_queries_do_not_grow_with_alerts_and_entries(self, staff, coordinator, member):
        case = case_about(member, by=coordinator, alert=alert_about(member))
        cases.add_entry(actor=coordinator, case=case, kind="note", text="One.")
        alert_about(member)
        few = queries_for(staff, detail_url(case))
        for number in range(5):
            cases.link_alert(actor=coordinator, case=case, alert=alert_about(member))
            alert_about(member)
            cases.add_entry(actor=UserFactory(), case=case, kind="note", text=f"Note {number}.")
        assert queries_for(staff, detail_url(case)) == few
        assert few <= 15
