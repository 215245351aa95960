from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.common.models import TimeStampedModel
from alongside.groups.choices import MeetingMode
from alongside.groups.models import Group, Venue


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class RsvpStatus(models.TextChoices):
    GOING = "going", "Going"
    WAITLISTED = "waitlisted", "On the waiting list"
    NOT_GOING = "not_going", "Can't go"


class Meeting(TimeStampedModel):
    """A one-off meeting or a recurring series. Its occurrences are stored one per row, so
    each can be cancelled or moved on its own and RSVPs belong to one date."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=3000, blank=True)
    mode = models.CharField(max_length=20, choices=MeetingMode.choices)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    join_url = models.URLField(max_length=500, blank=True)
    dial_in = models.CharField(max_length=200, blank=True)
    # The first occurrence's local start, in the meeting's own IANA timezone.
    timezone = models.CharField(max_length=64, default="Europe/London")
    first_start = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField()
    # An RFC 5545 RRULE ("FREQ=WEEKLY;COUNT=10"), always bounded by COUNT or UNTIL; blank
    # for a one-off meeting.
    rrule = models.CharField(max_length=300, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)  # None: the group's, or none

    class Meta:
        ordering = ["first_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="meeting_capacity_positive",
            ),
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="meeting_has_length"),
        ]
        # The finder checks the latest change to know when its snapshot is out of date.
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.title


class Occurrence(models.Model):
    """One date of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="occurrences")
    # Where the series put it (RFC 5545 RECURRENCE-ID); starts_at differs once moved.
    original_start = models.DateTimeField()
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=OccurrenceStatus.choices, default=OccurrenceStatus.SCHEDULED
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "original_start"], name="unique_occurrence_per_date"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.meeting} on {self.starts_at:%Y-%m-%d %H:%M}"


class Rsvp(TimeStampedModel):
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    status = models.CharField(max_length=20, choices=RsvpStatus.choices)
    # When they joined the waiting list: first come, first promoted.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    access_needs = models.JSONField(default=list, blank=True)  # accounts AccessNeed values
    access_note = models.CharField(max_length=500, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user"], name="one_rsvp_per_person")
        ]
        indexes = [models.Index(fields=["occurrence", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.user} {self.status} {self.occurrence}"


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day_before", "A day before"
    HOUR_BEFORE = "hour_before", "An hour before"
    CANCELLED = "cancelled", "Cancelled"


class ReminderSent(models.Model):
    """A reminder that has been queued. Its uniqueness is what makes a reminder go once."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    # The start it was about: a moved occurrence is reminded again for its new time.
    for_start = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user", "kind", "for_start"], name="remind_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} reminder to {self.user} for {self.occurrence}"


class CalendarFeedToken(models.Model):
    """The secret in a member's private calendar feed URL. Only its SHA-256 is stored; the
    URL is shown once. Revoking deletes the row, and with it the URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar feed of {self.user}"
