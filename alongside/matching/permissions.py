"""May this person do this? Each check raises PermissionDenied (or Http404 where the thing's
existence is private); `access_*` also fetches.

A match, a request and a supporter's onboarding record are private: only the people in it
and coordinators may see them, and everyone else is told there is no such thing (404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.community.permissions.roles import is_coordinator, is_signed_in
from alongside.matching.models import Match, MatchingRun, SupporterProfile, SupportRequest


def check_coordinate_matching_permission(user) -> None:
    """Coordinator pages and actions: coordinators with two-factor set up; 404 otherwise."""
    if not is_coordinator(user):
        raise Http404("No such page.")


def check_signed_in(user) -> None:
    if not is_signed_in(user):
        raise PermissionDenied("Sign in to use mentoring and befriending.")


def is_participant(user, match: Match) -> bool:
    return is_signed_in(user) and user.pk in (match.member_id, match.supporter_id)


def access_match_by_id(*, user, match_id: int) -> Match:
    """A match `user` is in, or any match for a coordinator."""
    check_signed_in(user)
    match = (
        Match.objects.select_related(
            "request", "member__profile", "supporter__profile", "conversation"
        )
        .filter(pk=match_id)
        .first()
    )
    if match is None or not (is_participant(user, match) or is_coordinator(user)):
        raise Http404("No such match.")
    return match


def access_support_request_by_id(*, user, request_id: int) -> SupportRequest:
    """`user`'s own request, or anyone's for a coordinator."""
    check_signed_in(user)
    support_request = (
        SupportRequest.objects.select_related("member__profile").filter(pk=request_id).first()
    )
    if support_request is None or not (
        support_request.member_id == user.pk or is_coordinator(user)
    ):
        raise Http404("No such request.")
    return support_request


def access_supporter_profile_by_id(*, user, profile_id: int) -> SupporterProfile:
    """Any supporter's onboarding record, for a coordinator."""
    check_coordinate_matching_permission(user)
    try:
        return SupporterProfile.objects.select_related("user__profile").get(pk=profile_id)
    except SupporterProfile.DoesNotExist as error:
        raise Http404("No such supporter.") from error


def access_matching_run_by_id(*, user, run_id: int) -> MatchingRun:
    check_coordinate_matching_permission(user)
    try:
        return MatchingRun.objects.get(pk=run_id)
    except MatchingRun.DoesNotExist as error:
        raise Http404("No such matching run.") from error


def check_supporter_side(user, match: Match) -> None:
    if user.pk != match.supporter_id:
        raise PermissionDenied("Only the supporter in this match can do that.")


def check_member_side(user, match: Match) -> None:
    if user.pk != match.member_id:
        raise PermissionDenied("Only the person being supported in this match can do that.")
