"""What the member pages show: the home page, the supporter area and the match page, as
template contexts built from the selectors."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from alongside.accounts.choices import LANGUAGE_NAMES
from alongside.matching import selectors, selectors_people
from alongside.matching.availability import weekly_times
from alongside.matching.choices import (
    LIVE_MATCH_STATUSES,
    SUPPORTER_NOUN,
    MatchMode,
    MatchStatus,
    RequestStatus,
    Response,
    SupporterStatus,
    SupportKind,
)
from alongside.matching.forms import (
    AgreementForm,
    CheckInForm,
    ConfirmAgreementForm,
    EndForm,
    FeedbackForm,
    ReflectionForm,
    RespondForm,
    ReviewForm,
)
from alongside.matching.models import OPEN_REQUEST_STATUSES, Match, MatchAgreement

# What a supporter's status means, in the words the supporter area uses.
SUPPORTER_STATUS_WORDS = {
    SupporterStatus.APPLIED: (
        "Thank you for applying. A coordinator will get in touch to arrange a chat and "
        "training. We'll start suggesting matches once that's done."
    ),
    SupporterStatus.APPROVED: "You're a peer supporter. We'll suggest people you could support.",
    SupporterStatus.DECLINED: (
        "A coordinator has looked at your application and it hasn't gone ahead this time. "
        "If you'd like to talk about it, contact us."
    ),
    SupporterStatus.WITHDRAWN: "You've stepped back from peer support.",
}


def supporter_noun(kind: str) -> str:
    return SUPPORTER_NOUN[SupportKind(kind)]


def side_of(user, match: Match) -> str:
    return "supporter" if user.pk == match.supporter_id else "member"


def live_match_of(support_request) -> Match | None:
    return (
        Match.objects.filter(request=support_request, status__in=LIVE_MATCH_STATUSES)
        .order_by("-created_at")
        .first()
    )


def waiting_words(since: datetime.datetime) -> str:
    """ "You've been waiting 3 weeks." (or "You asked today.")"""
    if timezone.now() - since < datetime.timedelta(days=1):
        return "You asked today."
    return f"You've been waiting {timesince(since, depth=1)}."


def _mode_labels(values) -> list[str]:
    return [MatchMode(value).label for value in values if value in MatchMode.values]


def request_summary(support_request) -> dict:
    kind = SupportKind(support_request.kind)
    return {
        "request": support_request,
        "kind_label": kind.label,
        "noun": SUPPORTER_NOUN[kind],
        "waiting": waiting_words(support_request.waiting_since),
        "topics": [topic.name for topic in support_request.topics.all()],
        "modes": _mode_labels(support_request.modes),
        "times": [t.label for t in weekly_times(support_request.availability)],
    }


def match_summary(match: Match, user) -> dict:
    side = side_of(user, match)
    other = match.member if side == "supporter" else match.supporter
    my_response = match.supporter_response if side == "supporter" else match.member_response
    todo = ""
    if match.status == MatchStatus.PROPOSED:
        todo = (
            "Please say whether you'd like to go ahead."
            if my_response == Response.PENDING
            else "You've said yes. We're waiting for the other person to answer."
        )
    return {
        "match": match,
        "side": side,
        "other_name": other.profile.display_name,
        "noun": supporter_noun(match.kind),
        "kind_label": SupportKind(match.kind).label,
        "todo": todo,
    }


STATUS_ORDER = {MatchStatus.PROPOSED: 0, MatchStatus.ACTIVE: 1}


def _ordered(matches):
    return sorted(matches, key=lambda m: STATUS_ORDER.get(m.status, 2))


def home_page(*, user) -> dict:
    requests = [
        request_summary(r)
        for r in selectors_people.requests_of(user)
        if r.status in OPEN_REQUEST_STATUSES
    ]
    open_kinds = {summary["request"].kind for summary in requests}
    as_member = [match_summary(m, user) for m in _ordered(selectors.matches_for_member(user))]
    as_supporter = _ordered(selectors.matches_for_supporter(user))
    return {
        "requests": requests,
        "kinds_to_ask": [
            {"kind": kind, "noun": SUPPORTER_NOUN[kind]}
            for kind in SupportKind
            if kind not in open_kinds
        ],
        "member_matches": [s for s in as_member if s["match"].status in LIVE_MATCH_STATUSES],
        "past_member_matches": [
            s for s in as_member if s["match"].status not in LIVE_MATCH_STATUSES
        ],
        "supporter_matches": [
            match_summary(m, user) for m in as_supporter if m.status in LIVE_MATCH_STATUSES
        ],
        "supporter_profile": selectors_people.supporter_profile_of(user),
    }


def supporter_page(*, user) -> dict:
    profile = selectors_people.supporter_profile_of(user)
    if profile is None:
        return {"profile": None}
    caseload = [match_summary(m, user) for m in _ordered(selectors.matches_for_supporter(user))]
    live = [s for s in caseload if s["match"].status in LIVE_MATCH_STATUSES]
    return {
        "profile": profile,
        "status_words": SUPPORTER_STATUS_WORDS[SupporterStatus(profile.status)],
        "kinds": [SupportKind(kind).label for kind in profile.kinds],
        "languages": [LANGUAGE_NAMES.get(code, code) for code in profile.languages],
        "modes": _mode_labels(profile.modes),
        "times": [t.label for t in weekly_times(profile.availability)],
        "topics": [topic.name for topic in profile.topics.all()],
        "live": live,
        "past": [s for s in caseload if s["match"].status not in LIVE_MATCH_STATUSES],
        "free_places": max(profile.capacity - len(live), 0),
    }


def agreement_of(match: Match) -> MatchAgreement | None:
    """The match's agreement, or None before either side has written one."""
    try:
        return match.agreement
    except MatchAgreement.DoesNotExist:
        return None


def _agreement_state(agreement: MatchAgreement | None, side: str) -> dict:
    if agreement is None:
        return {"agreement": None}
    other = "member" if side == "supporter" else "supporter"
    mine = getattr(agreement, f"{side}_confirmed_version") == agreement.version
    theirs = getattr(agreement, f"{other}_confirmed_version") == agreement.version
    return {
        "agreement": agreement,
        "agreement_modes": _mode_labels(agreement.modes),
        "i_confirmed": mine,
        "they_confirmed": theirs,
        "confirmed": mine and theirs,
    }


def started_on(match: Match) -> datetime.date | None:
    """The local date the match started (check-ins can't be from before it)."""
    return timezone.localdate(match.activated_at) if match.activated_at else None


def _forms(match: Match, side: str, agreement, bound: dict) -> dict:
    started = started_on(match)
    unbound = {
        "respond_form": lambda: RespondForm(),
        "agreement_form": lambda: AgreementForm(
            initial=AgreementForm.initial_from_agreement(agreement)
        ),
        "confirm_form": lambda: ConfirmAgreementForm(
            initial={"version": agreement.version if agreement else None}
        ),
        "check_in_form": lambda: CheckInForm(started_on=started),
        "feedback_form": lambda: FeedbackForm(),
        "review_form": lambda: ReviewForm(),
        "end_form": lambda: EndForm(side=side),
        "reflection_form": lambda: ReflectionForm(),
    }
    return {name: bound.get(name) or make() for name, make in unbound.items()}


def match_page(*, user, match: Match, bound_forms: dict) -> dict:
    """Everything the match page shows `user` (who is in the match)."""
    side = side_of(user, match)
    is_supporter = side == "supporter"
    other = match.member if is_supporter else match.supporter
    support_request = match.request
    agreement = agreement_of(match)
    my_response = match.supporter_response if is_supporter else match.member_response
    reflections = list(match.reflections.all())
    context = {
        "match": match,
        "side": side,
        "is_supporter": is_supporter,
        "other_name": other.profile.display_name,
        "noun": supporter_noun(match.kind),
        "kind_label": SupportKind(match.kind).label,
        "is_proposed": match.status == MatchStatus.PROPOSED,
        "is_active": match.status == MatchStatus.ACTIVE,
        "is_ended": match.status == MatchStatus.ENDED,
        "is_closed": match.status in (MatchStatus.DECLINED, MatchStatus.CANCELLED),
        "my_response": my_response,
        "awaiting_me": my_response == Response.PENDING,
        "request_topics": [topic.name for topic in support_request.topics.all()],
        # What the person asking shared: the supporter reads it, unless the risk check
        # held it for the coordinators.
        "request_about": (
            support_request.about if is_supporter and not support_request.text_held else ""
        ),
        "request_modes": _mode_labels(support_request.modes),
        "conversation_url": (
            reverse("community:conversation", args=[match.conversation_id])
            if match.conversation_id
            else ""
        ),
        "check_ins": list(match.check_ins.all()),
        "feedback": list(match.feedback.all()) if not is_supporter else [],
        "reviews": list(match.reviews.all()),
        "my_reflection": next((r for r in reflections if r.author_id == user.pk), None),
        "today": timezone.localdate(),
        "has_errors": any(form.errors for form in bound_forms.values()),
        # The form just posted, if it came back with errors: summarised above everything,
        # which also covers a refusal about a part of the page no longer shown.
        "bound_form": next(iter(bound_forms.values()), None),
        "request_status_waiting": support_request.status == RequestStatus.WAITING,
        **_agreement_state(agreement, side),
        **_forms(match, side, agreement, bound_forms),
    }
    return context
