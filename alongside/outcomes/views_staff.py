"""Coordinators' report pages: outcomes (change from baseline, totals only, small cells
suppressed) and activity figures, each with a CSV export of the same figures."""

import csv
import re

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from alongside.outcomes.activity import ActivityFigures, activity_figures
from alongside.outcomes.choices import SupportForm
from alongside.outcomes.forms_staff import PeriodForm, ReportForm
from alongside.outcomes.permissions import check_view_outcome_reports_permission
from alongside.outcomes.report_chart import report_chart
from alongside.outcomes.reports import (
    SUPPRESS_BELOW,
    Breakdown,
    OutcomeReport,
    ReportRow,
    change_in_words,
    direction_in_words,
    format_period,
    outcome_report,
)
from alongside.outcomes.views_measures import CoordinatorPageMixin

SUPPRESSED_CELL = "suppressed"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReportAreaMixin(CoordinatorPageMixin):
    check_permission = staticmethod(check_view_outcome_reports_permission)


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet won't run as a formula: text starting (after any spaces)
    with = + - @ or a tab or return gets a leading apostrophe. Numbers (a negative change
    included) are written as they are, so they stay numbers."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = value.replace("\x00", "")
    if text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text


def _csv_response(filename: str, lines: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for line in lines:
        writer.writerow([safe_cell(cell) for cell in line])
    return response


def _filter_query(cleaned: dict, names) -> str:
    values = {}
    for name in names:
        value = cleaned[name]
        if hasattr(value, "key"):
            value = value.key
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values[name] = value
    return urlencode(values)


# ---- outcomes ---------------------------------------------------------------------------


def _row_view(measure, row: ReportRow) -> dict:
    return {"row": row, "words": change_in_words(measure, row)}


def _report_of(form: ReportForm) -> OutcomeReport:
    cleaned = form.cleaned_data
    return outcome_report(
        measure=cleaned["measure"],
        start=cleaned["start"],
        end=cleaned["end"],
        breakdown=cleaned["breakdown"],
    )


class ReportView(ReportAreaMixin, View):
    def get(self, request):
        form = ReportForm(request.GET)
        if not form.is_valid():
            return render(request, "outcomes/staff/report.html", {"form": form}, status=400)
        cleaned = form.cleaned_data
        report = _report_of(form)
        chart_rows = report.rows if report.rows else [report.total]
        query = _filter_query(cleaned, ("measure", "breakdown", "start", "end"))
        context = {
            "form": form,
            "report": report,
            "definition": report.measure.parsed,
            "period": format_period(report.start, report.end),
            "breakdown_label": Breakdown(report.breakdown).label,
            "total": _row_view(report.measure, report.total),
            "rows": [_row_view(report.measure, row) for row in report.rows],
            "chart": report_chart(chart_rows) if not report.empty_message else None,
            "direction": direction_in_words(report.measure),
            "csv_url": f"{reverse('outcomes_staff:report_csv')}?{query}",
            "suppress_below": SUPPRESS_BELOW,
        }
        return render(request, "outcomes/staff/report.html", context)


def _rate(row: ReportRow) -> str:
    return "" if row.response_rate is None else f"{row.response_rate * 100:.0f}%"


def report_csv_lines(report: OutcomeReport) -> list[list]:
    definition = report.measure.parsed
    lines = [
        ["Measure", definition.short_name or report.measure.name],
        ["Period", report.start.isoformat(), report.end.isoformat()],
        ["Breakdown", Breakdown(report.breakdown).label],
        [
            "Better is",
            "higher" if definition.higher_is_better else "lower",
        ],
        [
            f"Figures describing fewer than {SUPPRESS_BELOW} people are suppressed, and so "
            "are figures that would let them be worked out from the others."
        ],
    ]
    if report.empty_message:
        lines.append([report.empty_message])
    lines.append([])
    lines.append(
        [
            "Row",
            "People",
            "Invited",
            "Responded",
            "Response rate",
            "Mean baseline",
            "Mean latest",
            "Mean change",
            "95% CI low",
            "95% CI high",
        ]
    )
    for row in [report.total, *report.rows]:
        if row.suppressed:
            lines.append([row.label] + [SUPPRESSED_CELL] * 9)
            continue
        rate_cells = (
            [row.invited, row.responded, _rate(row)]
            if row.response_rate is not None
            else [SUPPRESSED_CELL] * 3
        )
        lines.append(
            [
                row.label,
                row.people,
                *rate_cells,
                row.baseline_mean,
                row.latest_mean,
                row.mean_change,
                row.ci_low,
                row.ci_high,
            ]
        )
    return lines


class ReportCsvView(ReportAreaMixin, View):
    def get(self, request):
        form = ReportForm(request.GET)
        if not form.is_valid():
            return _errors_as_text(form)
        report = _report_of(form)
        filename = (
            f"outcomes-{report.measure.key}-{report.breakdown}-"
            f"{report.start.isoformat()}-to-{report.end.isoformat()}.csv"
        )
        return _csv_response(_safe_filename(filename), report_csv_lines(report))


def _safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", name)


def _errors_as_text(form) -> HttpResponse:
    lines = ["The export couldn't be made:"]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else "Form"
        lines += [f"{label}: {error}" for error in errors]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain")


# ---- activity ---------------------------------------------------------------------------


def activity_lines(figures: ActivityFigures) -> list[tuple[str, str]]:
    """(what, figure) pairs in words, the same for the page and the CSV."""

    def people(value):
        return "Hidden to protect privacy" if value is None else str(value)

    def share(value):
        return "No threads started" if value is None else f"{value * 100:.0f}%"

    lines = [
        (f"People supported: {SupportForm(form).label.lower()}", people(count))
        for form, count in figures.people_by_form.items()
    ]
    lines += [
        ("People supported in any form", people(figures.people_in_total)),
        ("Meetings held", str(figures.meetings_held)),
        ("Attendances at those meetings", people(figures.attendances)),
        (
            "Average attendance per meeting (where attendance was recorded)",
            "Not available" if figures.mean_attendance is None else f"{figures.mean_attendance}",
        ),
        ("Mentoring and befriending matches started", str(figures.matches_started)),
        ("Matches ended", str(figures.matches_ended)),
        (
            "Median wait from asking to being matched (days)",
            (
                f"Fewer than {SUPPRESS_BELOW} matches started"
                if figures.median_wait_days is None
                else f"{figures.median_wait_days}"
            ),
        ),
        (
            "People still waiting for a match at the end of the period",
            people(figures.people_waiting),
        ),
        ("Community posts", str(figures.posts)),
        ("Community threads started", str(figures.threads_started)),
        (
            "Threads that got a reply from someone else within 24 hours",
            share(figures.threads_replied_within_24h),
        ),
    ]
    return lines


class ActivityView(ReportAreaMixin, View):
    def get(self, request):
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return render(request, "outcomes/staff/activity.html", {"form": form}, status=400)
        figures = activity_figures(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
        query = _filter_query(form.cleaned_data, ("start", "end"))
        context = {
            "form": form,
            "figures": figures,
            "lines": activity_lines(figures),
            "period": format_period(figures.start, figures.end),
            "csv_url": f"{reverse('outcomes_staff:activity_csv')}?{query}",
            "suppress_below": SUPPRESS_BELOW,
        }
        return render(request, "outcomes/staff/activity.html", context)


class ActivityCsvView(ReportAreaMixin, View):
    def get(self, request):
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return _errors_as_text(form)
        figures = activity_figures(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
        lines = [
            ["Activity", figures.start.isoformat(), figures.end.isoformat()],
            [
                f"Counts of fewer than {SUPPRESS_BELOW} people are suppressed, and so are "
                "counts that would let them be worked out from the others."
            ],
            [],
            ["Figure", "Value"],
            *[list(line) for line in activity_lines(figures)],
        ]
        filename = f"activity-{figures.start.isoformat()}-to-{figures.end.isoformat()}.csv"
        return _csv_response(_safe_filename(filename), lines)
