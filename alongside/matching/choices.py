"""The fixed vocabularies of mentoring and befriending."""

from django.db import models


class SupportKind(models.TextChoices):
    MENTORING = "mentoring", "Mentoring"
    BEFRIENDING = "befriending", "Befriending"


# What each kind of supporter is called, for sentences ("no Welsh-speaking befriender").
SUPPORTER_NOUN = {SupportKind.MENTORING: "mentor", SupportKind.BEFRIENDING: "befriender"}


class MatchMode(models.TextChoices):
    """How a pair meets. The same values as accounts.choices.ContactMode, without the forum."""

    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    TEXT_CHAT = "text_chat", "Text chat"


class SupporterStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class BackgroundCheck(models.TextChoices):
    """Status only: the certificate itself is never stored."""

    NOT_REQUIRED = "not_required", "Not required"
    PENDING = "pending", "Applied for, waiting"
    CLEAR = "clear", "Clear"
    NOT_CLEAR = "not_clear", "Not clear"


class AgeGroup(models.TextChoices):
    AGE_18_24 = "18_24", "18 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_PLUS = "65_plus", "65 or over"


class Gender(models.TextChoices):
    """Said by the person themselves, only so that requests asking for a supporter of a
    particular gender can be honoured. Optional."""

    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a match"
    PROPOSED = "proposed", "A match has been proposed"
    MATCHED = "matched", "Matched"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed"


class RequestSource(models.TextChoices):
    SELF = "self", "Asked by the member"
    ENQUIRY = "enquiry", "From an enquiry"
    REFERRAL = "referral", "From a referral"


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    ENDED = "ended", "Ended"


LIVE_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.ACTIVE)


class Response(models.TextChoices):
    PENDING = "pending", "Not answered yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class EndReason(models.TextChoices):
    PLANNED = "planned", "Reached its planned end"
    EARLY_BY_MEMBER = "early_member", "Ended early by the person supported"
    EARLY_BY_SUPPORTER = "early_supporter", "Ended early by the supporter"
    BY_COORDINATOR = "coordinator", "Ended by a coordinator"


class HowItsGoing(models.IntegerChoices):
    """The person supported says how the match is going."""

    NOT_WELL = 1, "Not well"
    OKAY = 2, "Okay"
    WELL = 3, "Well"
    VERY_WELL = 4, "Very well"


class BlockReason(models.TextChoices):
    ENDED_BADLY = "ended_badly", "The match ended badly"
    SAFEGUARDING = "safeguarding", "Safeguarding"


class RunStatus(models.TextChoices):
    PREVIEW = "preview", "Preview"
    SENT = "sent", "Proposals sent"
    DISCARDED = "discarded", "Discarded"


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Carry on as agreed"
    EXTEND = "extend", "Carry on, with a new end date"
    END_SOON = "end_soon", "Start planning the ending"
