"""Asking for a mentor or befriender: a request waits in the pool until it is matched.
A member has at most one open request of each kind. Coordinators may enter one on a
member's behalf (from an enquiry or a referral)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.choices import AccessNeed
from alongside.common.audit import record_audit
from alongside.matching import notifications
from alongside.matching.actions.details import (
    FieldErrors,
    check_availability,
    check_languages,
    check_modes,
    checked_place,
    checked_texts,
    choice_list,
    current_value,
    one_choice,
    set_place,
)
from alongside.matching.choices import (
    AgeGroup,
    Gender,
    MatchStatus,
    RequestSource,
    RequestStatus,
    SupportKind,
)
from alongside.matching.errors import MatchingError
from alongside.matching.models import OPEN_REQUEST_STATUSES, Match, SupportRequest
from alongside.safety.alerts import raise_alert
from alongside.safety.risk.stored import apply_risk

REQUEST_TEXT = {
    "about": ("what you'd like support with", False),
    "access_needs_other": ("what would help you take part", False),
}
REQUEST_FIELDS = (
    "modes", "availability", "languages", "age_group", "supporter_genders",
    "supporter_age_groups", "shared_experience_important", "access_needs",
)  # fmt: skip
CLOSED_STATUSES = (RequestStatus.WITHDRAWN, RequestStatus.CLOSED)


def _checked_details(data: dict, *, support_request: SupportRequest | None) -> dict:
    """The request's details from `data` (on an update, keys left out keep their stored
    value), checked again for what matters to matching. Raises ValidationError by field."""

    def current(name, default=None):
        return current_value(data, support_request, name, default)

    errors = FieldErrors()
    details = {
        "modes": errors.run("modes", check_modes, current("modes")),
        "availability": errors.run("availability", check_availability, current("availability")),
        "languages": errors.run("languages", check_languages, current("languages")),
        "age_group": errors.run(
            "age_group", one_choice, current("age_group"), AgeGroup.values,
            message="Choose an age group from the list.",
        ),
        "supporter_genders": errors.run(
            "supporter_genders", choice_list, current("supporter_genders"), Gender.values,
            message="Choose from the list, or leave them all unticked.",
        ),
        "supporter_age_groups": errors.run(
            "supporter_age_groups", choice_list, current("supporter_age_groups"),
            AgeGroup.values, message="Choose from the list, or leave them all unticked.",
        ),
        "access_needs": errors.run(
            "access_needs", choice_list, current("access_needs"), AccessNeed.values,
            message="Choose from the list.",
        ),
        "shared_experience_important": bool(current("shared_experience_important", False)),
    }  # fmt: skip
    details["place"] = checked_place(
        errors,
        data,
        support_request,
        modes=details["modes"],
        missing="Tell us your home town or city so we can find someone near you, or untick "
        "\u201cIn person\u201d.",
    )
    if "topics" in data:
        topics = list(data["topics"] or [])
    else:
        topics = list(support_request.topics.all()) if support_request is not None else []
    if details["shared_experience_important"] and not topics:
        errors.add(
            "topics",
            "Choose at least one topic, so that we can find someone who shares your experience.",
        )
    details["topics"] = topics
    errors.raise_any()
    return details


def _apply(support_request: SupportRequest, details: dict, texts: dict) -> list[str]:
    changed = []
    for name in REQUEST_FIELDS:
        if getattr(support_request, name) != details[name]:
            changed.append(name)
        setattr(support_request, name, details[name])
    for name, value in texts.items():
        if getattr(support_request, name) != value:
            changed.append(name)
        setattr(support_request, name, value)
    place = details["place"]
    if support_request.place_geonameid != (place.geonameid if place else None):
        changed.append("place")
    set_place(support_request, place)
    return changed


def _already_open(member, kind: str, *, actor) -> MatchingError:
    noun = SupportKind(kind).label.lower()
    if actor is not None and actor.pk == member.pk:
        return MatchingError(
            f"You already have a request for {noun}. You can change it instead of asking again."
        )
    return MatchingError(f"This member already has an open request for {noun}.")


@transaction.atomic
def create_support_request(
    *, member, actor, data: dict, source: str = RequestSource.SELF
) -> SupportRequest:
    """`member` asks for a mentor or befriender (or a coordinator, `actor`, asks for them:
    source ENQUIRY or REFERRAL). The request joins the waiting pool now."""
    kind = data.get("kind")
    if kind not in SupportKind.values:
        raise ValidationError({"kind": ["Choose mentoring or befriending."]})
    if source not in RequestSource.values:
        raise ValidationError({"source": ["Choose where this request came from."]})
    open_requests = SupportRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
    if open_requests.filter(member=member, kind=kind).exists():
        raise _already_open(member, kind, actor=actor)
    details = _checked_details(data, support_request=None)
    texts, risk = checked_texts(
        data, model=SupportRequest, stored=None, labels=REQUEST_TEXT, author=actor
    )
    support_request = SupportRequest(
        member=member,
        kind=kind,
        source=source,
        entered_by=actor if actor is not None and actor.pk != member.pk else None,
        waiting_since=timezone.now(),
    )
    _apply(support_request, details, texts)
    if risk is not None:
        apply_risk(support_request, risk)
    try:
        with transaction.atomic():
            support_request.save()
    except IntegrityError as error:  # another open request of this kind arrived meanwhile
        raise _already_open(member, kind, actor=actor) from error
    support_request.topics.set(details["topics"])
    if risk is not None:
        # The words are about the member even when a coordinator typed them in: the alert
        # is raised for the member, so moderators look out for them.
        raise_alert(content=support_request, member=member)
    record_audit(
        actor=actor,
        verb="matching.request_created",
        target=support_request,
        data={
            "request_id": support_request.pk,
            "member_id": member.pk,
            "kind": kind,
            "source": source,
        },
    )
    return support_request


def _locked(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=support_request.pk)


@transaction.atomic
def update_support_request(*, support_request: SupportRequest, actor, data: dict) -> SupportRequest:
    """Change an open request (by its member or a coordinator). Keys left out of `data`
    stay as they are; the kind never changes, and the member keeps their place."""
    support_request = _locked(support_request)
    if support_request.status in CLOSED_STATUSES:
        raise MatchingError("This request is closed, so it can't be changed. You can ask again.")
    if "kind" in data and data["kind"] != support_request.kind:
        raise ValidationError(
            {"kind": ["A request can't change between mentoring and befriending. Ask again."]}
        )
    details = _checked_details(data, support_request=support_request)
    texts, risk = checked_texts(
        data, model=SupportRequest, stored=support_request, labels=REQUEST_TEXT, author=actor
    )
    changed = _apply(support_request, details, texts)
    if risk is not None:
        apply_risk(support_request, risk)
    support_request.save()
    if {t.pk for t in support_request.topics.all()} != {t.pk for t in details["topics"]}:
        support_request.topics.set(details["topics"])
        changed.append("topics")
    if risk is not None:
        raise_alert(content=support_request, member=support_request.member)
    record_audit(
        actor=actor,
        verb="matching.request_updated",
        target=support_request,
        data={"request_id": support_request.pk, "fields": sorted(changed)},
    )
    return support_request


@transaction.atomic
def withdraw_support_request(*, support_request: SupportRequest, actor) -> SupportRequest:
    """The member no longer wants a match. A proposed match is cancelled (its supporter is
    told, and their place is free again). A request with a match under way is not
    withdrawn: the match is ended instead."""
    support_request = _locked(support_request)
    if support_request.status in CLOSED_STATUSES:
        raise MatchingError("This request has already been closed.")
    if support_request.status == RequestStatus.MATCHED:
        raise MatchingError(
            "You're matched with someone at the moment. To stop, end the match from its page."
        )
    now = timezone.now()
    cancelled = list(
        Match.objects.select_for_update().filter(
            request=support_request, status=MatchStatus.PROPOSED
        )
    )
    for match in cancelled:
        match.status = MatchStatus.CANCELLED
        match.ended_at = now
        match.ended_by = actor
        match.save(update_fields=["status", "ended_at", "ended_by", "updated_at"])
        notifications.tell_proposal_withdrawn(match)
    support_request.status = RequestStatus.WITHDRAWN
    support_request.closed_at = now
    support_request.save(update_fields=["status", "closed_at", "updated_at"])
    record_audit(
        actor=actor,
        verb="matching.request_withdrawn",
        target=support_request,
        data={
            "request_id": support_request.pk,
            "cancelled_match_ids": [match.pk for match in cancelled],
        },
    )
    return support_request
