from django.db import models


class GroupKind(models.TextChoices):
    COMMUNITY = "community", "Community group"
    SUPPORT = "support", "Support group"
    SELF_HELP = "self_help", "Self-help group"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    HYBRID = "hybrid", "In person and online"


# Modes that meet at a venue, and so need one with coordinates.
VENUE_MODES = frozenset({MeetingMode.IN_PERSON, MeetingMode.HYBRID})


class GroupStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed (waiting for a coordinator)"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Not approved"


class JoinPolicy(models.TextChoices):
    OPEN = "open", "Anyone can join"
    BY_REQUEST = "by_request", "Ask to join (a facilitator approves)"


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", "Asked to join"
    ACTIVE = "active", "Member"
    LEFT = "left", "Left"
    REMOVED = "removed", "Removed"
    DECLINED = "declined", "Request not accepted"


class VenueFeature(models.TextChoices):
    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    QUIET_ROOM = "quiet_room", "Quiet room"
    PARKING = "parking", "Parking"
    PUBLIC_TRANSPORT = "public_transport", "Near public transport"
