"""The overview, the waiting list, one request with its suggestions, and a request entered
on a member's behalf."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect

from alongside.accounts.choices import AccessNeed
from alongside.matching import engine
from alongside.matching.actions import proposals
from alongside.matching.choices import MatchStatus, RequestStatus
from alongside.matching.forms_staff import ProposeForm
from alongside.matching.models import Match, SupportRequest
from alongside.matching.permissions import access_support_request_by_id
from alongside.matching.selectors import coordinator_alerts
from alongside.matching.selectors_people import waiting_list
from alongside.matching.staff_views.base import (
    CoordinatorView,
    age_group_names,
    first_message,
    gender_names,
    labels,
    language_names,
    mode_names,
    render_page,
    waited,
)
from alongside.matching.waiting import EngineInputs, why_waiting

WAITING_PER_PAGE = 50
SUGGESTIONS = 5
NO_SUCH_SUPPORTER = "That supporter isn't available any more. Choose from the suggestions below."


class OverviewView(CoordinatorView):
    def get(self, request):
        counts = SupportRequest.objects.aggregate(
            waiting=Count("pk", filter=Q(status=RequestStatus.WAITING)),
        )
        counts |= Match.objects.aggregate(
            proposed=Count("pk", filter=Q(status=MatchStatus.PROPOSED)),
            active=Count("pk", filter=Q(status=MatchStatus.ACTIVE)),
        )
        alerts = coordinator_alerts()
        context = {
            "counts": counts,
            "alerts": alerts,
            "alert_total": sum(len(items) for items in alerts.values()),
        }
        return render_page(request, "overview.html", context)


class WaitingListView(CoordinatorView):
    def get(self, request):
        page = Paginator(waiting_list().prefetch_related("topics"), WAITING_PER_PAGE).get_page(
            request.GET.get("page")
        )
        inputs = EngineInputs.load()
        rows = []
        for support_request in page.object_list:
            why = why_waiting(support_request, inputs)
            rows.append(
                {
                    "request": support_request,
                    "waited": waited(support_request.waiting_since),
                    "why": why,
                    **describe(support_request),
                }
            )
        return render_page(request, "waiting.html", {"page": page, "rows": rows})


def describe(support_request) -> dict:
    """The request's choices as words (topics must be prefetched)."""
    return {
        "topics": [topic.name for topic in support_request.topics.all()],
        "modes": mode_names(support_request.modes),
        "languages": language_names(support_request.languages),
        "town": support_request.place_name,
    }


class RequestDetailView(CoordinatorView):
    def get(self, request, request_id):
        support_request = access_support_request_by_id(user=request.user, request_id=request_id)
        return render_request(request, support_request)


def suggestions_for(support_request) -> list[dict]:
    if support_request.status != RequestStatus.WAITING or support_request.text_held:
        return []
    inputs = EngineInputs.load(kind=support_request.kind)
    found = inputs.suggest(engine.request_facts(support_request), limit=SUGGESTIONS)
    users = (
        get_user_model()
        .objects.select_related("profile")
        .in_bulk([proposal.supporter_id for proposal in found])
    )
    return [
        {"proposal": proposal, "supporter": users.get(proposal.supporter_id)}
        for proposal in found
        if proposal.supporter_id in users
    ]


def render_request(request, support_request, *, problem="", status=200):
    support_request = (
        SupportRequest.objects.prefetch_related("topics")
        .select_related("member__profile", "entered_by__profile")
        .get(pk=support_request.pk)
    )
    context = {
        "support_request": support_request,
        "waited": waited(support_request.waiting_since),
        "suggestions": suggestions_for(support_request),
        "history": support_request.matches.select_related("supporter__profile").order_by(
            "-created_at", "-id"
        ),
        "supporter_genders": gender_names(support_request.supporter_genders),
        "supporter_age_groups": age_group_names(support_request.supporter_age_groups),
        "access_needs": labels(support_request.access_needs, AccessNeed.choices),
        "problem": problem,
        **describe(support_request),
    }
    return render_page(request, "request.html", context, status=status)


class RequestProposeView(CoordinatorView):
    def post(self, request, request_id):
        support_request = access_support_request_by_id(user=request.user, request_id=request_id)
        form = ProposeForm(request.POST)
        if not form.is_valid():
            return render_request(
                request, support_request, problem=form.errors["supporter"][0], status=400
            )
        supporter = (
            get_user_model()
            .objects.select_related("profile")
            .filter(pk=form.cleaned_data["supporter"])
            .first()
        )
        if supporter is None:
            return render_request(
                request,
                support_request,
                problem=NO_SUCH_SUPPORTER,
                status=400,
            )
        try:
            # No score given: the action checks the pair against every hard constraint
            # while it holds the locks, and scores it as the suggestions did.
            match = proposals.propose_match(
                support_request=support_request, supporter=supporter, actor=request.user
            )
        except ValidationError as error:
            return render_request(
                request, support_request, problem=first_message(error), status=400
            )
        messages.success(request, "Match proposed. We've let them both know.")
        return redirect("matching_staff:match", match_id=match.pk)
