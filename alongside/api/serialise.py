"""Groups, memberships and meeting dates as the API shows them."""

from alongside.groups.models import Group, Membership, Venue
from alongside.meetings.actions import places_at
from alongside.meetings.models import Occurrence


def venue_out(venue: Venue | None) -> dict | None:
    if venue is None:
        return None
    return {
        "id": venue.pk,
        "name": venue.name,
        "address": venue.address,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "features": venue.features,
        "accessibility_notes": venue.accessibility_notes,
    }


def group_summary(group: Group) -> dict:
    """`group` as with_page_details gives it: venue, topics and next meeting loaded."""
    return {
        "slug": group.slug,
        "name": group.name,
        "kind": group.kind,
        "purpose": group.purpose,
        "mode": group.mode,
        "status": group.status,
        "join_policy": group.join_policy,
        "capacity": group.capacity,
        "languages": group.languages,
        "topics": [topic.slug for topic in group.topics.all()],
        "venue": venue_out(group.venue),
        "next_meeting_at": getattr(group, "next_meeting_at", None),
    }


def membership_out(membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "status": membership.status,
        "agreement_version": membership.agreement_version,
        "agreement_accepted_at": membership.agreement_accepted_at,
        "joined_at": membership.joined_at,
    }


def occurrence_out(occurrence: Occurrence) -> dict:
    """A date with its meeting, group and venue loaded, and `going_count` and
    `waiting_count` annotated (meetings.selectors.upcoming_for_group)."""
    meeting = occurrence.meeting
    return {
        "id": occurrence.pk,
        "meeting_id": meeting.pk,
        "group": {"slug": meeting.group.slug, "name": meeting.group.name},
        "title": meeting.title,
        "description": meeting.description,
        "mode": meeting.mode,
        "venue": venue_out(meeting.venue),
        "timezone": meeting.timezone,
        "starts_at": occurrence.starts_at,
        "ends_at": occurrence.ends_at,
        "status": occurrence.status,
        "places": places_at(occurrence),
        "going_count": occurrence.going_count,
        "waiting_count": occurrence.waiting_count,
    }
