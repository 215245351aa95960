"""A member's own safety plan: one selector to read it, actions to save and delete it.

There is never an id in the way: every function works on the member's own plan only.
"""

from django.db import transaction

from alongside.common.audit import record_audit
from alongside.community.text import tidy
from alongside.safety.models import SAFETY_PLAN_STEPS, SafetyPlan


def get_own_safety_plan(*, user) -> SafetyPlan | None:
    """The signed-in member's plan, or None if they have not made one."""
    if not user.is_authenticated:
        return None
    return SafetyPlan.objects.filter(owner=user).first()


@transaction.atomic
def save_safety_plan(*, owner, steps: dict[str, str]) -> SafetyPlan:
    """Create or replace the owner's plan. The audit entry never holds any of its text."""
    plan, created = SafetyPlan.objects.select_for_update().get_or_create(owner=owner)
    for name, _ in SAFETY_PLAN_STEPS:
        setattr(plan, name, tidy(steps.get(name, "")))
    plan.save()
    record_audit(actor=owner, verb="safety.plan_updated", target=plan, data={"created": created})
    return plan


@transaction.atomic
def delete_safety_plan(*, owner) -> bool:
    """Remove the owner's plan. Returns False if there was none."""
    plan = SafetyPlan.objects.select_for_update().filter(owner=owner).first()
    if plan is None:
        return False
    record_audit(actor=owner, verb="safety.plan_deleted", target=plan)
    plan.delete()
    return True
