"""The fixed vocabularies of enquiries, the information library and access tasks."""

from django.db import models


class EnquiryTopic(models.TextChoices):
    CONCERN = "concern", "A concern"
    SUPPORT_NEEDS = "support_needs", "Discussing my support needs"
    ACCESS_NEEDS = "access_needs", "Access needs"
    VOLUNTEERING = "volunteering", "Becoming a volunteer"
    FEEDBACK = "feedback", "Feedback or a complaint"
    OTHER = "other", "Something else"


class EnquiryStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING_FOR_REPLY = "waiting_for_reply", "Waiting for their reply"
    CLOSED = "closed", "Closed"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"


class EntryKind(models.TextChoices):
    """One line of an enquiry's log. Notes are internal; the rest record a reply."""

    NOTE = "note", "Internal note"
    EMAIL_REPLY = "email_reply", "Email sent to them"
    PHONE_CALL = "phone_call", "Phone call"
    TEXT_MESSAGE = "text_message", "Text message sent"
    THEIR_REPLY = "their_reply", "Their reply"


class AccessTaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Arranged"
    NOT_NEEDED = "not_needed", "No longer needed"
