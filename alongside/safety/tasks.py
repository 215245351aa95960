"""Background work for the safety net: escalating urgent alerts nobody has claimed."""

from datetime import timedelta

ESCALATE_AFTER = timedelta(minutes=5)


def schedule_escalation(alert) -> None:
    """After commit, queue the check that escalates `alert` if it is still unclaimed
    ESCALATE_AFTER after it was raised."""
    # Built by the moderation-queue work: see the module docstring.
