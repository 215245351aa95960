"""Matching runs: the solver proposes pairs for everyone waiting; a coordinator previews
them, then sends them all at once (or discards the preview).

Sending makes every proposal in one transaction or none. Anything that changed since the
preview (a request no longer waiting, a supporter now full, taking a break or on hold)
stops the whole send, and the coordinator is told what changed and to run matching again.
"""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.matching.actions.proposals import pair_taken, propose_match, supporter_problems
from alongside.matching.choices import RequestStatus, RunStatus
from alongside.matching.errors import MatchingError
from alongside.matching.models import (
    Match,
    MatchingRun,
    SupporterProfile,
    SupportRequest,
)
from alongside.matching.selectors_people import matching_settings

WEIGHT_FIELDS = (
    "weight_topics",
    "weight_text",
    "weight_availability",
    "weight_distance",
    "weight_waiting",
    "min_overlap_minutes",
)


@transaction.atomic
def preview_matching_run(*, actor) -> MatchingRun:
    """Run the solver over everyone waiting and every supporter with a free place, and
    keep the result as a preview. Nothing is proposed yet."""
    from alongside.matching import engine

    requests = engine.load_requests()
    if not requests:
        raise MatchingError("Nobody is waiting for a match right now, so there's nothing to run.")
    supporters = engine.load_supporters()
    if not supporters:
        raise MatchingError(
            "No peer supporter has a free place right now, so nobody can be matched yet."
        )
    settings_row = matching_settings()
    result = engine.solve(
        requests,
        supporters,
        engine.Weights.from_settings(settings_row),
        engine.load_blocks(),
        engine.load_topic_names(),
    )
    run = MatchingRun.objects.create(
        created_by=actor,
        settings_snapshot={field: getattr(settings_row, field) for field in WEIGHT_FIELDS},
        proposals=[
            {
                "request": proposal.request_id,
                "supporter": proposal.supporter_id,
                "score": round(float(proposal.score), 4),
                "explanation": proposal.explanation,
            }
            for proposal in result.proposals
        ],
        request_count=result.request_count,
        supporter_count=result.supporter_count,
        total_score=float(result.total_score),
        seconds=float(result.seconds),
    )
    record_audit(
        actor=actor,
        verb="matching.run_previewed",
        target=run,
        data={
            "proposals": len(run.proposals),
            "requests": run.request_count,
            "supporters": run.supporter_count,
        },
    )
    return run


def _locked_run(run: MatchingRun) -> MatchingRun:
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.SENT:
        raise MatchingError("These proposals have already been sent.")
    if run.status == RunStatus.DISCARDED:
        raise MatchingError("This preview was discarded. Run matching again for a new one.")
    return run


def _what_changed(run: MatchingRun) -> list[str]:
    """Lock every request and supporter in the preview (in id order, so two sends can't
    deadlock) and say what no longer holds."""
    request_ids = sorted({item["request"] for item in run.proposals})
    supporter_ids = sorted({item["supporter"] for item in run.proposals})
    requests = {
        row.pk: row
        for row in SupportRequest.objects.select_for_update(of=("self",))
        .select_related("member__profile")
        .filter(pk__in=request_ids)
        .order_by("pk")
    }
    profiles = {
        row.user_id: row
        for row in SupporterProfile.objects.select_for_update(of=("self",))
        .select_related("user__profile")
        .filter(user_id__in=supporter_ids)
        .order_by("user_id")
    }
    places_needed = Counter(item["supporter"] for item in run.proposals)
    changes = []
    for item in run.proposals:
        support_request = requests.get(item["request"])
        if support_request is None or support_request.status != RequestStatus.WAITING:
            changes.append(f"request {item['request']} is no longer waiting")
            continue
        if support_request.text_held:
            changes.append(f"request {item['request']} is held for a safety review")
        if support_request.updated_at > run.created_at:
            changes.append(f"request {item['request']} was changed")
        profile = profiles.get(item["supporter"])
        name = profile.user.profile.display_name if profile else "A supporter"
        for problem in supporter_problems(
            profile, kind=support_request.kind, places_needed=places_needed[item["supporter"]]
        ):
            changes.append(f"{name} {problem}")
        if profile is not None and profile.updated_at > run.created_at:
            changes.append(f"{name} changed their supporter details")
        if profile is not None:
            taken = pair_taken(support_request.member, profile.user)
            if taken:
                changes.append(f"request {item['request']}: {taken.rstrip('.').lower()}")
    return list(dict.fromkeys(changes))


@transaction.atomic
def send_matching_run(*, run, actor) -> list[Match]:
    """Propose every pair in the preview, all or none."""
    run = _locked_run(run)
    if not run.proposals:
        raise MatchingError("This preview has no proposals to send.")
    changes = _what_changed(run)
    if changes:
        raise MatchingError(
            "Things have changed since this preview, so nothing was sent: "
            + "; ".join(changes)
            + ". Please run matching again."
        )
    requests = SupportRequest.objects.in_bulk([item["request"] for item in run.proposals])
    profiles = {
        row.user_id: row
        for row in SupporterProfile.objects.select_related("user").filter(
            user_id__in=[item["supporter"] for item in run.proposals]
        )
    }
    matches = [
        propose_match(
            support_request=requests[item["request"]],
            supporter=profiles[item["supporter"]].user,
            actor=actor,
            run=run,
            score=item["score"],
            explanation=item["explanation"],
        )
        for item in run.proposals
    ]
    run.status = RunStatus.SENT
    run.sent_at = timezone.now()
    run.sent_by = actor
    run.save(update_fields=["status", "sent_at", "sent_by"])
    record_audit(
        actor=actor,
        verb="matching.run_sent",
        target=run,
        data={"matches": [match.pk for match in matches]},
    )
    return matches


@transaction.atomic
def discard_matching_run(*, run, actor) -> MatchingRun:
    run = _locked_run(run)
    run.status = RunStatus.DISCARDED
    run.save(update_fields=["status"])
    record_audit(actor=actor, verb="matching.run_discarded", target=run, data={})
    return run
