"""Safeguarding case pages for moderators and coordinators. To everyone else every one of
these URLs is a 404, whether or not the case exists. Each view checks permission, validates
its form, calls one action or selector and renders or redirects."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.safety import cases
from alongside.safety.cases import CaseError
from alongside.safety.choices import CaseEntryKind, CaseStatus
from alongside.safety.forms_cases import (
    CaseEntryForm,
    CaseFilterForm,
    CaseOpenForm,
    CaseTargetForm,
    CloseCaseForm,
    LinkAlertForm,
    MemberSearchForm,
)
from alongside.safety.staff_views_base import SafeguardingView

CASES_PER_PAGE = 25
ENTRY_ADDED = {
    CaseEntryKind.NOTE: "Note added.",
    CaseEntryKind.ACTION: "Action recorded.",
    CaseEntryKind.CONTACT: "Contact recorded.",
}


class CaseListView(SafeguardingView):
    def get(self, request):
        form = CaseFilterForm(request.GET or None)
        filters = form.filters()
        page = Paginator(
            cases.cases_for_list(viewer=request.user, **filters), CASES_PER_PAGE
        ).get_page(request.GET.get("page"))
        cases.note_cases_listed(
            viewer=request.user,
            cases=page.object_list,
            filters={**filters, "page": page.number},
        )
        member = None
        if filters["member_id"] is not None:
            member = cases.member_for_case(member_id=filters["member_id"])
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "member": member,
            "filters": filters,
            "query_string": query.urlencode(),
        }
        return render(request, "safety/staff/cases/list.html", context)


class CaseCreateView(SafeguardingView):
    """Choose the member (from the link, or by searching), write a summary, open the case.
    If the member already has an open case, offer that case instead."""

    template_name = "safety/staff/cases/create.html"

    def get(self, request):
        target = CaseTargetForm(request.GET)
        return self.render_page(request, target=target, form=None)

    def post(self, request):
        form = CaseOpenForm(request.POST)
        target = CaseTargetForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, target=target, form=form, status=400)
        member, alert, problem = self.resolve(request, target)
        if member is None or problem:
            return self.render_page(
                request,
                target=target,
                form=form,
                status=400,
                problem=problem or "Choose who the case is about first.",
            )
        try:
            case = cases.open_case(
                actor=request.user, member=member, summary=form.cleaned_data["summary"], alert=alert
            )
        except CaseError as error:
            form.add_error("summary" if error.case is None else None, error)
            return self.render_page(request, target=target, form=form, status=400)
        messages.success(request, f"{case} is open.")
        return redirect("safety:case_detail", case_id=case.pk)

    def resolve(self, request, target: CaseTargetForm):
        """(member, alert, problem) from the link or form; problem is in plain words."""
        if not target.is_valid():
            return None, None, "That link isn't quite right. Search for the member below."
        return cases.case_subject(
            viewer=request.user,
            member_id=target.cleaned_data["member"],
            alert_id=target.cleaned_data["alert"],
        )

    def render_page(self, request, *, target, form, status=200, problem=""):
        member, alert, found_problem = self.resolve(request, target)
        problem = problem or found_problem
        search_form = MemberSearchForm(request.GET if "q" in request.GET else None)
        search, results, more = "", [], False
        if member is None and search_form.is_bound and search_form.is_valid():
            search = search_form.cleaned_data["q"]
            results = cases.members_matching(search=search)
            more = len(results) > cases.MEMBER_SEARCH_LIMIT
            results = results[: cases.MEMBER_SEARCH_LIMIT]
        existing = None
        if member is not None:
            existing = cases.open_case_about(member=member, viewer=request.user)
            if form is None:
                initial = {"member": member.pk, "alert": alert.pk if alert else None}
                form = CaseOpenForm(initial=initial)
        context = {
            "member": member,
            "alert": alert,
            "problem": problem,
            "form": form,
            "search_form": search_form,
            "search": search,
            "results": results,
            "more_results": more,
            "existing": existing,
            "alert_in_existing": bool(
                existing and alert and existing.alerts.filter(pk=alert.pk).exists()
            ),
            "alert_linkable": bool(
                existing and alert and cases.linkable_alerts(existing).filter(pk=alert.pk).exists()
            ),
        }
        if problem and status == 200:
            status = 400
        return render(request, self.template_name, context, status=status)


class CaseDetailView(SafeguardingView):
    def get(self, request, case_id):
        case = cases.access_case_by_id(viewer=request.user, case_id=case_id)
        return render_case(request, case)


def render_case(request, case, *, bound=None, problem="", status=200):
    """The case page, with `bound` (a form that failed) in place of its empty twin and
    `problem` (why an action was refused) at the top. Every time it is shown, the view is
    written to the audit log."""
    bound = bound or {}
    linkable = cases.linkable_alerts(case)
    entry_forms = [
        bound.get(kind) or CaseEntryForm(kind=kind)
        for kind in (CaseEntryKind.NOTE, CaseEntryKind.ACTION, CaseEntryKind.CONTACT)
    ]
    link_form = bound.get("link") or LinkAlertForm(alerts=linkable)
    context = {
        "case": case,
        "is_open": case.status == CaseStatus.OPEN,
        "alerts": cases.case_alerts(case),
        "entries": cases.case_entries(case),
        "entry_forms": entry_forms,
        "link_form": link_form,
        "has_linkable": link_form.is_bound or linkable.exists(),
        "close_form": bound.get("close") or CloseCaseForm(),
        "problem": problem,
        "has_errors": bool(problem) or any(form.errors for form in bound.values()),
    }
    cases.note_case_viewed(viewer=request.user, case=case)
    return render(request, "safety/staff/cases/detail.html", context, status=status)


def _case_url(case, anchor: str = "") -> str:
    return reverse("safety:case_detail", kwargs={"case_id": case.pk}) + anchor


class CaseEntryAddView(SafeguardingView):
    def post(self, request, case_id, kind):
        if kind not in CaseEntryKind.values:
            raise Http404("No such page.")
        case = cases.access_case_by_id(viewer=request.user, case_id=case_id)
        form = CaseEntryForm(request.POST, kind=kind)
        if form.is_valid():
            try:
                cases.add_entry(
                    actor=request.user,
                    case=case,
                    kind=kind,
                    text=form.cleaned_data["text"],
                    happened_at=form.cleaned_data.get("happened_at"),
                )
            except CaseError as error:
                return render_case(request, case, problem=error.messages[0], status=400)
            messages.success(request, ENTRY_ADDED[CaseEntryKind(kind)])
            return redirect(_case_url(case, "#entries"))
        return render_case(request, case, bound={kind: form}, status=400)


class CaseLinkAlertView(SafeguardingView):
    def post(self, request, case_id):
        case = cases.access_case_by_id(viewer=request.user, case_id=case_id)
        form = LinkAlertForm(request.POST, alerts=cases.linkable_alerts(case))
        if form.is_valid():
            try:
                cases.link_alert(actor=request.user, case=case, alert=form.cleaned_data["alert"])
            except CaseError as error:
                return render_case(request, case, problem=error.messages[0], status=400)
            messages.success(request, f"Alert {form.cleaned_data['alert'].pk} is linked.")
            return redirect(_case_url(case, "#alerts"))
        return render_case(request, case, bound={"link": form}, status=400)


class CaseCloseView(SafeguardingView):
    def post(self, request, case_id):
        case = cases.access_case_by_id(viewer=request.user, case_id=case_id)
        form = CloseCaseForm(request.POST)
        if form.is_valid():
            try:
                cases.close_case(
                    actor=request.user, case=case, outcome=form.cleaned_data["outcome"]
                )
            except CaseError as error:
                return render_case(request, case, problem=error.messages[0], status=400)
            messages.success(request, f"{case} is closed.")
            return redirect(_case_url(case))
        return render_case(request, case, bound={"close": form}, status=400)


class CaseReopenView(SafeguardingView):
    def post(self, request, case_id):
        case = cases.access_case_by_id(viewer=request.user, case_id=case_id)
        try:
            cases.reopen_case(actor=request.user, case=case)
        except CaseError as error:
            return render_case(request, case, problem=error.messages[0], status=400)
        messages.success(request, f"{case} is open again.")
        return redirect(_case_url(case))
