"""Demo wellbeing check-ins for `manage.py seed_demo`. Safe to run again, and quick.

The demo members say yes to check-ins (unless they have already chosen). Robin has a year
of check-ins, so his wellbeing page shows a chart. Forty quiet demo participants (no
password, pseudonymous names) have a year of answers with a gentle average improvement, so
the coordinators' report has rows of 5 or more people by form of support, group, topic and
quarter. They are *past* members of the demo groups: reports count people who have left,
but group pages list only current members, and a group's places count only them, so the
participants neither crowd the member lists nor fill the Evening Support Circle (12 places).

The history is written to the models directly: the actions only record answers given now,
and SWEMWBS isn't asked until a coordinator enters its licensed wording (the demo doesn't:
the measures page shows it still needs it). Scores come from each measure's definition.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from alongside.accounts.actions import create_profile
from alongside.accounts.models import Topic, User
from alongside.groups.choices import MembershipStatus
from alongside.groups.models import Group, Membership
from alongside.outcomes.actions import set_consent
from alongside.outcomes.choices import CheckInStatus, Occasion, ResponseStatus
from alongside.outcomes.models import CheckIn, Measure, Response, WellbeingPreference
from alongside.outcomes.selectors import preference_for

PARTICIPANTS = 40
PARTICIPANT_EMAIL = "demo-participant-{}@demo.alongside.example"
DEMO_GROUPS = ("Evening Support Circle", "Carers' Cuppa by Phone", "Riverside Walk and Talk")
CONSENTING = ("robin", "sam", "magda", "dylan", "amara", "jamie", "nadia", "tom")
NAMES = (
    "Heron", "Willow", "Otter", "Rowan", "Wren", "Hazel", "Kestrel", "Alder", "Finch", "Birch",
)  # fmt: skip
PARTICIPANT_TOPICS = ("anxiety", "bereavement", "loneliness", "caring-for-someone")
CHECK_IN_DAYS = 91  # every 3 months
# Every 8th participant (5 people) is in no group. Robin's group began after his answers,
# so without them he alone would be outside every form of support, and the report would
# have to hide a whole row to keep him from being worked out by subtraction.
UNGROUPED_EVERY = 8


def ensure_demo_outcomes(*, people: dict[str, User]) -> int:
    """Returns how many participants were added."""
    groups = list(Group.objects.filter(name__in=DEMO_GROUPS).order_by("name"))
    measures = list(Measure.objects.all())
    topics = list(Topic.objects.filter(slug__in=PARTICIPANT_TOPICS).order_by("slug"))
    now = timezone.now()
    if "robin" in people and not Response.objects.filter(member=people["robin"]).exists():
        _add_history(people["robin"], measures, seed=0, start=now - timedelta(days=330), now=now)
    for local in CONSENTING:
        if local in people and preference_for(people[local]) is None:
            set_consent(member=people[local], consented=True, by_email=False)
    emails = {number: PARTICIPANT_EMAIL.format(number) for number in range(1, PARTICIPANTS + 1)}
    there = set(User.objects.filter(email__in=emails.values()).values_list("email", flat=True))
    added = 0
    for number, email in emails.items():
        if email in there:
            continue
        user = _participant(email, number)
        if groups and number % UNGROUPED_EVERY:
            _join(user, groups[number % len(groups)], now - timedelta(days=365))
            if number % 4 == 0:
                _join(user, groups[(number + 1) % len(groups)], now - timedelta(days=200))
        # Topics of their own, not their group's: a topic row that matched a group row but
        # for a person or two would have to be hidden.
        user.profile.topics.add(*topics[(number // 2) % len(topics) :][:1])
        start = now - timedelta(days=335 + number % 30)
        _add_history(user, measures, seed=number, start=start, now=now)
        WellbeingPreference.objects.create(
            member=user,
            consented=True,
            decided_at=start,
            by_email=False,
            next_routine_at=None,
        )
        added += 1
    return added


def _participant(email: str, number: int) -> User:
    user = User.objects.create_user(email=email, password=None)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    create_profile(user=user, display_name=f"{NAMES[number % len(NAMES)]} {number}")
    return user


def _join(user: User, group: Group, when) -> None:
    Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={"status": MembershipStatus.LEFT, "joined_at": when},
    )


def _add_history(member: User, measures: list[Measure], *, seed: int, start, now) -> None:
    """Completed check-ins every 3 months from `start`, each answering every measure,
    slowly getting better on average (some people not, as in life)."""
    chance = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    level = chance.uniform(0.25, 0.55)  # how well things are going, 0..1
    trend = chance.uniform(-0.02, 0.08)
    when, occasion = start, Occasion.BASELINE
    while when < now - timedelta(days=7):
        check_in = CheckIn.objects.create(
            member=member,
            occasion=occasion,
            status=CheckInStatus.COMPLETED,
            offered_at=when,
            finished_at=when,
        )
        CheckIn.objects.filter(pk=check_in.pk).update(created_at=when, updated_at=when)
        Response.objects.bulk_create(
            [_response(check_in, measure, level, chance, when) for measure in measures]
        )
        level = min(0.95, max(0.05, level + trend + chance.uniform(-0.04, 0.04)))
        when, occasion = when + timedelta(days=CHECK_IN_DAYS), Occasion.ROUTINE


def _response(check_in: CheckIn, measure: Measure, level: float, chance, when) -> Response:
    definition = measure.parsed
    values = sorted(definition.option_values)
    answers = {}
    for item in definition.items:
        good = min(1.0, max(0.0, level + chance.uniform(-0.2, 0.2)))
        if not definition.higher_is_better:
            good = 1 - good
        if item.reverse:
            good = 1 - good
        answers[item.key] = values[round(good * (len(values) - 1))]
    result = definition.score(answers)
    return Response(
        check_in=check_in,
        member=check_in.member,
        measure=measure,
        measure_version=measure.version,
        status=ResponseStatus.COMPLETE,
        answers=answers,
        raw_score=result.raw,
        score=result.score,
        completed_at=when,
    )
