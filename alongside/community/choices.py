from django.db import models


class ContentStatus(models.TextChoices):
    """Where a piece of member text stands. Only VISIBLE text is shown to other members."""

    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for a moderator to review"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted by its writer"


class ReactionKind(models.TextChoices):
    """Reactions that fit peer support: no likes, no scores."""

    ME_TOO = "me_too", "Me too"
    HELPED = "helped", "This helped me"
    SUPPORT = "support", "Sending support"


class RoomKind(models.TextChoices):
    SPACE = "space", "Space chat"
    GROUP = "group", "Group chat"
    CONVERSATION = "conversation", "Conversation"


class ConversationKind(models.TextChoices):
    DIRECT = "direct", "Direct messages"
    MATCH = "match", "Mentoring or befriending"
    MODERATOR = "moderator", "From a moderator"


class DigestFrequency(models.TextChoices):
    NEVER = "never", "Never"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "Reply to your thread"
    MENTION = "mention", "Mention"
    REACTION = "reaction", "Reaction"
    MESSAGE = "message", "New message"
    COMMENT = "comment", "Comment on your coping strategy"
    MODERATION = "moderation", "About something you wrote"
    SAFETY_ALERT = "safety_alert", "Safety alert"
    MATCH = "match", "Mentoring or befriending"
    WELLBEING = "wellbeing", "Wellbeing check-in"
