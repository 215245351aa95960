"""Matching runs: preview what the solver proposes, then send it all at once or discard it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect

from alongside.matching import engine
from alongside.matching.actions import runs
from alongside.matching.choices import RunStatus
from alongside.matching.models import MatchingRun, SupportRequest
from alongside.matching.permissions import access_matching_run_by_id
from alongside.matching.staff_views.base import (
    CoordinatorView,
    first_message,
    render_page,
    waited,
)
from alongside.matching.waiting import EngineInputs

RUNS_PER_PAGE = 25


class RunListView(CoordinatorView):
    def get(self, request):
        return render_runs(request)

    def post(self, request):
        try:
            run = runs.preview_matching_run(actor=request.user)
        except ValidationError as error:
            return render_runs(request, problem=first_message(error), status=400)
        return redirect("matching_staff:run", run_id=run.pk)


def render_runs(request, *, problem="", status=200):
    page = Paginator(
        MatchingRun.objects.select_related("created_by__profile", "sent_by__profile"),
        RUNS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render_page(request, "runs.html", {"page": page, "problem": problem}, status=status)


class RunDetailView(CoordinatorView):
    def get(self, request, run_id):
        run = access_matching_run_by_id(user=request.user, run_id=run_id)
        return render_run(request, run)


def render_run(request, run, *, problem="", status=200):
    proposals = run.proposals or []
    request_ids = [item["request"] for item in proposals]
    requests = SupportRequest.objects.in_bulk(request_ids)
    supporters = (
        get_user_model()
        .objects.select_related("profile")
        .in_bulk([item["supporter"] for item in proposals])
    )
    rows = [
        {
            "request": requests.get(item["request"]),
            "request_id": item["request"],
            "waited": waited(getattr(requests.get(item["request"]), "waiting_since", None)),
            "supporter": supporters.get(item["supporter"]),
            "score": item["score"],
            "explanation": item["explanation"],
        }
        for item in proposals
    ]
    unmatched = []
    if run.status == RunStatus.PREVIEW:
        unmatched = unmatched_now(set(request_ids))
    context = {
        "run": run,
        "rows": rows,
        "unmatched": unmatched,
        "unmatched_count": max(run.request_count - len(proposals), 0),
        "is_preview": run.status == RunStatus.PREVIEW,
        "problem": problem,
    }
    return render_page(request, "run.html", context, status=status)


def unmatched_now(proposed: set[int]) -> list[dict]:
    """Requests waiting now that this run doesn't match, each with why, in words."""
    waiting = [facts for facts in engine.load_requests() if facts.id not in proposed]
    if not waiting:
        return []
    inputs = EngineInputs.load()
    requests = SupportRequest.objects.in_bulk([facts.id for facts in waiting])
    return [
        {
            "request": requests.get(facts.id),
            "waited": waited(getattr(requests.get(facts.id), "waiting_since", None)),
            "why": inputs.explain(facts),
        }
        for facts in waiting
    ]


class RunSendView(CoordinatorView):
    def post(self, request, run_id):
        run = access_matching_run_by_id(user=request.user, run_id=run_id)
        try:
            made = runs.send_matching_run(run=run, actor=request.user)
        except ValidationError as error:
            run.refresh_from_db()
            return render_run(request, run, problem=first_message(error), status=400)
        count = len(made)
        messages.success(
            request,
            f"Sent {count} proposal{'' if count == 1 else 's'}. We've let everyone know.",
        )
        return redirect("matching_staff:run", run_id=run.pk)


class RunDiscardView(CoordinatorView):
    def post(self, request, run_id):
        run = access_matching_run_by_id(user=request.user, run_id=run_id)
        try:
            runs.discard_matching_run(run=run, actor=request.user)
        except ValidationError as error:
            run.refresh_from_db()
            return render_run(request, run, problem=first_message(error), status=400)
        messages.success(request, "Discarded that preview. Nobody was told anything.")
        return redirect("matching_staff:runs")
