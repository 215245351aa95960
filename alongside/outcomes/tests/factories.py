"""Shared helpers for wellbeing tests. Answers go through the real actions; only the
times are moved afterwards, to build a history."""

import itertools
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from alongside.outcomes import actions
from alongside.outcomes.choices import CheckInStatus
from alongside.outcomes.models import CheckIn, Measure, Response

# Placeholder wording for the licensed SWEMWBS statements, so tests can ask them.
TEST_WORDING = "Test statement about {topic}"


def measure(key: str) -> Measure:
    return Measure.objects.get(key=key)


def give_wording(measure_or_key) -> Measure:
    """Fill in wording for every item whose wording is licensed (SWEMWBS), as a
    coordinator would after registering."""
    found = measure(measure_or_key) if isinstance(measure_or_key, str) else measure_or_key
    missing = {item.key: TEST_WORDING.format(topic=item.topic) for item in found.missing_wording}
    if missing:
        found.item_wording = {**found.item_wording, **missing}
        found.save(update_fields=["item_wording"])
    return found


def consent(member, *, by_email: bool = False):
    return actions.set_consent(member=member, consented=True, by_email=by_email)


def answers_for_score(measure_or_key, target) -> dict:
    """Answers whose score (or raw score, for a converted measure) is `target`."""
    found = measure(measure_or_key) if isinstance(measure_or_key, str) else measure_or_key
    definition = found.parsed
    values = sorted(option.value for option in definition.options)
    keys = [item.key for item in definition.items]
    target = Decimal(str(target))

    def value_of(answers):
        result = definition.score(answers)
        return Decimal(result.raw) if definition.conversion else result.score

    answers = {key: values[0] for key in keys}
    if value_of(answers) == target:
        return answers
    # Hill-climb one item at a time towards the target; the measures are small.
    for _ in range(len(keys) * len(values)):
        best = None
        for key, value in itertools.product(keys, values):
            trial = {**answers, key: value}
            distance = abs(value_of(trial) - target)
            if best is None or distance < best[0]:
                best = (distance, trial)
        answers = best[1]
        if best[0] == 0:
            return answers
    raise ValueError(f"No answers to {found.key} score {target}.")


def complete_response(
    member,
    measure_key: str,
    answers_or_score,
    when: datetime | None = None,
    *,
    offered_at: datetime | None = None,
) -> Response:
    """A complete, scored response of `member` to one measure, completed at `when`
    (default now). `answers_or_score` is {item key: value} or the score wanted (the raw
    score for SWEMWBS). Consents for the member if needed; the check-in is finished, so
    the next call makes a new one. `offered_at` (default `when`) is when they were asked."""
    found = give_wording(measure_key)
    if isinstance(answers_or_score, dict):
        answers = answers_or_score
    else:
        answers = answers_for_score(found, answers_or_score)
    consent(member)
    check_in = actions.start_own_check_in(member=member)
    response = actions.save_answers(
        check_in=check_in, member=member, measure=found, answers=answers, finish=True
    )
    when = when or timezone.now()
    Response.objects.filter(pk=response.pk).update(completed_at=when, created_at=when)
    CheckIn.objects.filter(pk=check_in.pk).update(
        status=CheckInStatus.COMPLETED,
        finished_at=when,
        offered_at=offered_at or when,
        created_at=offered_at or when,
    )
    response.refresh_from_db()
    return response


def draft_response(member, measure_key: str, answers: dict) -> Response:
    """A draft (unscored) response: some answers saved without finishing."""
    found = give_wording(measure_key)
    consent(member)
    check_in = actions.start_own_check_in(member=member)
    return actions.save_answers(
        check_in=check_in, member=member, measure=found, answers=answers, finish=False
    )


def offered_check_in(member, when: datetime) -> CheckIn:
    """A check-in offered to `member` at `when` that they haven't answered."""
    consent(member)
    check_in = actions.start_own_check_in(member=member)
    CheckIn.objects.filter(pk=check_in.pk).update(
        status=CheckInStatus.SKIPPED, offered_at=when, created_at=when, finished_at=when
    )
    check_in.refresh_from_db()
    return check_in
