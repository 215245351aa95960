from django.db import models


class ReportReason(models.TextChoices):
    WORRIED = "worried", "I'm worried about someone's safety"
    UNKIND = "unkind", "It's unkind, bullying or harassment"
    DISCRIMINATION = "discrimination", "It's hateful or discriminatory"
    PERSONAL_INFO = "personal_info", "It shares someone's personal information"
    HARMFUL_ADVICE = "harmful_advice", "It gives harmful advice"
    SPAM = "spam", "It's spam or advertising"
    OTHER = "other", "Something else"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Waiting for a moderator"
    CLAIMED = "claimed", "A moderator is looking at it"
    RESOLVED = "resolved", "Resolved"


class ReportTarget(models.TextChoices):
    POST = "post", "Post"
    MESSAGE = "message", "Chat message"
    MEMBER = "member", "Member"
    COPING_STRATEGY = "coping_strategy", "Coping strategy"
    COPING_COMMENT = "coping_comment", "Comment on a coping strategy"


class CrisisCountry(models.TextChoices):
    """Countries the crisis resources can be listed for (ISO 3166-1 alpha-2)."""

    GB = "GB", "United Kingdom"
    US = "US", "United States"
    IE = "IE", "Ireland"
    CA = "CA", "Canada"
    AU = "AU", "Australia"
    NZ = "NZ", "New Zealand"


class AlertTarget(models.TextChoices):
    POST = "post", "Post"
    MESSAGE = "message", "Chat or direct message"
    COPING_STRATEGY = "coping_strategy", "Coping strategy"
    COPING_COMMENT = "coping_comment", "Comment on a coping strategy"
    PROFILE = "profile", "Profile"
    SUPPORT_REQUEST = "support_request", "Request for mentoring or befriending"
    SUPPORTER_PROFILE = "supporter_profile", "Peer supporter application"
    CHECK_IN = "check_in", "Check-in note"
    MATCH_FEEDBACK = "match_feedback", "Feedback on a match"
    MATCH_REFLECTION = "match_reflection", "Reflection at the end of a match"


class AlertStatus(models.TextChoices):
    OPEN = "open", "Waiting for a moderator"
    CLAIMED = "claimed", "A moderator is looking at it"
    RESOLVED = "resolved", "Resolved"


class ModerationActionKind(models.TextChoices):
    CLAIM = "claim", "Claimed"
    RELEASE = "release", "Released back to the queue"
    APPROVE = "approve", "Approved and shown"
    HIDE = "hide", "Hidden"
    EDIT = "edit", "Edited"
    CONTACT = "contact", "Contacted the member privately"
    SUSPEND = "suspend", "Suspended from posting"
    LIFT_SUSPENSION = "lift_suspension", "Suspension lifted"
    RESOLVE = "resolve", "Resolved"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CaseEntryKind(models.TextChoices):
    NOTE = "note", "Note"
    ACTION = "action", "Action taken"
    CONTACT = "contact", "Contact made"
