"""The fixed vocabularies of wellbeing check-ins."""

from django.db import models


class Occasion(models.TextChoices):
    """Why a member was asked."""

    BASELINE = "baseline", "When you started"
    ROUTINE = "routine", "Regular check-in"
    MATCH_ENDED = "match_ended", "When your mentoring or befriending ended"
    MEMBERSHIP_ENDED = "membership_ended", "When you left a group"
    OWN_CHOICE = "own_choice", "You chose to check in"


class CheckInStatus(models.TextChoices):
    # Waiting to be offered: created while the member was having a hard time (an urgent
    # safety-net event), so it is held until `offer_after`.
    HELD = "held", "Held"
    OPEN = "open", "Waiting for answers"
    COMPLETED = "completed", "Completed"
    SKIPPED = "skipped", "Skipped"
    # Replaced by a newer one, or consent withdrawn: nobody will answer it now.
    CLOSED = "closed", "Closed"


# A member has at most one of these at a time.
LIVE_STATUSES = ("held", "open")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not scored)"
    COMPLETE = "complete", "Complete"


class SupportForm(models.TextChoices):
    """The six forms of peer support, as reports break them down."""

    COMMUNITY_GROUP = "community", "Community group"
    SUPPORT_GROUP = "support", "Support group"
    SELF_HELP_GROUP = "self_help", "Self-help group"
    MENTORING = "mentoring", "Mentoring"
    BEFRIENDING = "befriending", "Befriending"
    ONLINE_COMMUNITY = "online_community", "Online community"
