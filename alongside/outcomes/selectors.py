"""Reads for wellbeing check-ins. A member's answers are read only through functions that
take the member: nothing here returns someone else's."""

from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from alongside.outcomes.choices import LIVE_STATUSES, CheckInStatus, ResponseStatus
from alongside.outcomes.models import (
    CheckIn,
    Measure,
    OutcomesSettings,
    Response,
    WellbeingPreference,
)


def outcomes_settings() -> OutcomesSettings:
    row, _ = OutcomesSettings.objects.get_or_create(pk=1)
    return row


def preference_for(member) -> WellbeingPreference | None:
    """Their choice about check-ins, or None if they have never been asked."""
    return WellbeingPreference.objects.filter(member=member).first()


def has_consented(member) -> bool:
    preference = preference_for(member)
    return preference is not None and preference.consented is True


def ready_measures() -> list[Measure]:
    """The measures members are asked now, in order: active, with all their wording."""
    return [measure for measure in Measure.objects.filter(is_active=True) if measure.is_ready]


def measures_needing_wording() -> list[Measure]:
    """Active measures members can't be asked yet: their licensed wording isn't entered."""
    return [
        measure for measure in Measure.objects.filter(is_active=True) if measure.missing_wording
    ]


def live_check_in(member) -> CheckIn | None:
    """Their held or open check-in, if they have one (never more than one)."""
    return CheckIn.objects.filter(member=member, status__in=LIVE_STATUSES).first()


def open_check_in(member) -> CheckIn | None:
    return CheckIn.objects.filter(member=member, status=CheckInStatus.OPEN).first()


def _latest_urgent_event(member, *, since: datetime) -> datetime | None:
    """When the safety net last saw urgent risk in what this member wrote, after `since`."""
    from alongside.safety.models import SafetyAlert
    from alongside.safety.risk import RiskLevel
    from alongside.staff.models import Enquiry

    times = [
        SafetyAlert.objects.filter(
            member=member, level=RiskLevel.URGENT, created_at__gt=since
        ).aggregate(latest=Max("created_at"))["latest"],
        Enquiry.objects.filter(
            user=member, risk_level=RiskLevel.URGENT, created_at__gt=since
        ).aggregate(latest=Max("created_at"))["latest"],
    ]
    times = [time for time in times if time is not None]
    return max(times) if times else None


def quiet_until(member, *, now: datetime | None = None) -> datetime | None:
    """Until when no check-in may be offered to this member (always later than `now`),
    or None: the quiet period after the last urgent safety-net event in what they wrote."""
    now = now or timezone.now()
    quiet = timedelta(days=outcomes_settings().quiet_days_after_urgent)
    event = _latest_urgent_event(member, since=now - quiet)
    return event + quiet if event is not None else None


def responses_of(member, *, check_in: CheckIn | None = None):
    """This member's own responses, oldest first."""
    responses = Response.objects.filter(member=member).select_related("measure", "check_in")
    if check_in is not None:
        responses = responses.filter(check_in=check_in)
    return responses


def completed_responses_of(member):
    return (
        responses_of(member)
        .filter(status=ResponseStatus.COMPLETE)
        .order_by("measure__position", "completed_at", "id")
    )
