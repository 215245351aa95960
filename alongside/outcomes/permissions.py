"""May this person do this, with wellbeing measures and reports? Checks raise
PermissionDenied. A member's own answers need no check here: they are only ever read
and written through functions that take the member (selectors.responses_of, actions)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.permissions.roles import is_coordinator
from alongside.outcomes.models import Measure


def check_manage_measures_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can change wellbeing measures.")


def check_view_outcome_reports_permission(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only coordinators can see outcome reports.")


def access_measure_by_key(*, viewer, key: str) -> Measure:
    check_manage_measures_permission(viewer)
    measure = Measure.objects.filter(key=key).first()
    if measure is None:
        raise Http404("No such measure.")
    return measure
