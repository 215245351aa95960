"""Match history, one match's whole story, and what a coordinator can do about it."""

from datetime import datetime, time

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from alongside.matching.actions import blocks, endings, proposals
from alongside.matching.choices import (
    LIVE_MATCH_STATUSES,
    BlockReason,
    HowItsGoing,
    MatchStatus,
    Response,
)
from alongside.matching.forms_staff import (
    EndedBadlyForm,
    EndMatchForm,
    MatchFilterForm,
    ReasonForm,
)
from alongside.matching.models import PairBlock
from alongside.matching.permissions import access_match_by_id
from alongside.matching.presenters import agreement_of
from alongside.matching.selectors import match_for_page, match_history
from alongside.matching.staff_views.base import (
    CoordinatorFormView,
    CoordinatorView,
    mode_names,
    render_page,
)

MATCHES_PER_PAGE = 50


class MatchListView(CoordinatorView):
    def get(self, request):
        form = MatchFilterForm(request.GET or None)
        status = form.status_or_none()
        page = Paginator(match_history(status=status), MATCHES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context = {"form": form, "page": page, "status": status or ""}
        return render_page(request, "matches.html", context)


def _moment(value):
    """Dates and datetimes on one timeline: a date counts as the start of its day."""
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def _name(user, fallback="a former member"):
    profile = getattr(user, "profile", None) if user else None
    return getattr(profile, "display_name", "") or fallback


def timeline(match) -> list[dict]:
    """Everything that happened in the match, oldest first."""
    supporter = _name(match.supporter)
    member = _name(match.member)
    events = [{"at": match.created_at, "title": "Proposed", "text": match.explanation}]
    for who, response, at in (
        (supporter, match.supporter_response, match.supporter_responded_at),
        (member, match.member_response, match.member_responded_at),
    ):
        if at and response != Response.PENDING:
            events.append({"at": at, "title": f"{who} {Response(response).label.lower()}"})
    if match.activated_at:
        events.append({"at": match.activated_at, "title": "Match started"})
    agreement = agreement_of(match)
    if agreement:
        events.append(
            {
                "at": agreement.updated_at,
                "title": f"Agreement version {agreement.version} written by "
                f"{_name(agreement.last_edited_by, 'someone who has left')}",
                "agreement": agreement,
            }
        )
        for who, version, at in (
            (supporter, agreement.supporter_confirmed_version, agreement.supporter_confirmed_at),
            (member, agreement.member_confirmed_version, agreement.member_confirmed_at),
        ):
            if at:
                events.append({"at": at, "title": f"{who} confirmed agreement version {version}"})
    for check_in in match.check_ins.all():
        events.append(
            {"at": _moment(check_in.contact_on), "title": "Check-in", "check_in": check_in}
        )
    for feedback in match.feedback.all():
        events.append({"at": feedback.created_at, "title": "Feedback", "feedback": feedback})
    for review in match.reviews.all():
        events.append(
            {
                "at": review.created_at,
                "title": f"Review by {_name(review.reviewed_by, 'someone who has left')}",
                "review": review,
            }
        )
    if match.ended_at:
        ended_title = "Ended" if match.status == MatchStatus.ENDED else match.get_status_display()
        events.append(
            {"at": match.ended_at, "title": ended_title, "text": match.get_end_reason_display()}
        )
    for reflection in match.reflections.all():
        events.append(
            {
                "at": reflection.created_at,
                "title": f"Reflection by {_name(reflection.author)}",
                "reflection": reflection,
            }
        )
    return sorted(events, key=lambda event: event["at"])


def render_match(request, match, *, bound=None, problem="", status=200):
    bound = bound or {}
    match = match_for_page(match)
    agreement = agreement_of(match)
    is_live = match.status in LIVE_MATCH_STATUSES
    context = {
        "match": match,
        "events": timeline(match),
        "how_its_going": dict(HowItsGoing.choices),
        "is_live": is_live,
        "is_active": match.status == MatchStatus.ACTIVE,
        "is_proposed": match.status == MatchStatus.PROPOSED,
        "blocked": PairBlock.objects.filter(
            member=match.member_id, supporter=match.supporter_id
        ).first(),
        "cancel_form": bound.get("cancel") or ReasonForm(prefix="cancel"),
        "end_form": bound.get("end") or EndMatchForm(prefix="end"),
        "badly_form": bound.get("badly") or EndedBadlyForm(prefix="badly"),
        "rematch_form": bound.get("rematch") or ReasonForm(prefix="rematch"),
        "agreement_modes": mode_names(agreement.modes) if agreement else [],
        "problem": problem,
        "has_errors": bool(problem) or any(form.errors for form in bound.values()),
    }
    return render_page(request, "match.html", context, status=status)


class MatchDetailView(CoordinatorView):
    def get(self, request, match_id):
        match = access_match_by_id(user=request.user, match_id=match_id)
        return render_match(request, match)


class MatchFormView(CoordinatorFormView):
    """One form on a match's page (each has its own prefix: two use the same form)."""

    prefixed = True

    def access(self, request, *, match_id):
        return access_match_by_id(user=request.user, match_id=match_id)

    def render_again(self, request, match, **kwargs):
        return render_match(request, match, **kwargs)

    def success_url(self, match) -> str:
        return reverse("matching_staff:match", kwargs={"match_id": match.pk})


class MatchCancelView(MatchFormView):
    form_class = ReasonForm
    key = "cancel"

    def save(self, request, match, data) -> str:
        proposals.cancel_match(match=match, actor=request.user, reason=data["reason"])
        return "Cancelled the match. Their request is back on the waiting list."


class MatchEndView(MatchFormView):
    form_class = EndMatchForm
    key = "end"

    def save(self, request, match, data) -> str:
        endings.end_match(
            match=match,
            actor=request.user,
            reason=data["reason"],
            note=data["note"],
            ended_badly=data["ended_badly"],
        )
        if data["ended_badly"]:
            return "Ended the match. These two won't be proposed to each other again."
        return "Ended the match."


class MatchEndedBadlyView(MatchFormView):
    """For a match that has already ended or was cancelled: never pair these two again."""

    form_class = EndedBadlyForm
    key = "badly"

    def save(self, request, match, data) -> str:
        blocks.block_pair(
            member=match.member,
            supporter=match.supporter,
            actor=request.user,
            reason=BlockReason.ENDED_BADLY,
            note=data["note"],
            match=match,
        )
        return "Marked as ended badly. These two won't be proposed to each other again."


class MatchRematchView(MatchFormView):
    form_class = ReasonForm
    key = "rematch"

    def save(self, request, match, data) -> str:
        endings.rematch(match=match, actor=request.user, reason=data["reason"])
        return "Their request is back on the waiting list, keeping its place, for a new match."
