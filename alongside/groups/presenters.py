"""What the group pages show, and to whom: online details to members only, the member
list to members and the group's facilitators and coordinators."""

from alongside.accounts.choices import LANGUAGE_NAMES
from alongside.groups.choices import MembershipStatus, VenueFeature
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_edit_group
from alongside.groups.selectors import (
    current_agreement,
    groups_for_user,
    join_requests_of,
    member_list,
    membership_of,
    pending_join_requests,
)
from alongside.meetings.models import CalendarFeedToken
from alongside.meetings.selectors import upcoming_for_group, upcoming_for_user

UPCOMING_SHOWN = 10


def feature_labels(features: list[str]) -> list[str]:
    return [VenueFeature(value).label for value in features if value in VenueFeature.values]


def language_names(codes: list[str]) -> list[str]:
    return [LANGUAGE_NAMES.get(code, code) for code in codes]


def agreement_is_outdated(membership: Membership | None, agreement) -> bool:
    if membership is None or membership.status != MembershipStatus.ACTIVE:
        return False
    return agreement is not None and membership.agreement_version != agreement.version


def group_page(*, viewer, group: Group) -> dict:
    """The group page's context, in a fixed number of queries."""
    membership = membership_of(group=group, user=viewer)
    is_member = membership is not None and membership.status == MembershipStatus.ACTIVE
    can_manage = can_edit_group(viewer, group)
    agreement = current_agreement(group=group)
    return {
        "group": group,
        "membership": membership,
        "is_member": is_member,
        "can_manage": can_manage,
        "agreement": agreement,
        "agreement_outdated": agreement_is_outdated(membership, agreement),
        "features": feature_labels(group.venue.features) if group.venue else [],
        "languages": language_names(group.languages),
        "topics": list(group.topics.all()),
        "facilitators": [
            str(user) for user in group.facilitators.select_related("profile").order_by("pk")
        ],
        "members": member_list(group=group) if is_member or can_manage else None,
        "join_requests": list(pending_join_requests(group=group)) if can_manage else [],
        "upcoming": list(upcoming_for_group(group)[:UPCOMING_SHOWN]),
    }


def my_page(*, user) -> dict:
    """The "my groups and meetings" page's context, in a fixed number of queries."""
    return {
        "groups": list(groups_for_user(user=user)),
        "facilitating": set(user.facilitated_groups.values_list("pk", flat=True)),
        "join_requests": list(join_requests_of(user=user)),
        "meetings": list(upcoming_for_user(user)),
        "has_calendar_feed": CalendarFeedToken.objects.filter(user=user).exists(),
    }
