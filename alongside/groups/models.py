from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from alongside.accounts.models import Topic
from alongside.common.models import TimeStampedModel
from alongside.groups.choices import (
    GroupKind,
    GroupStatus,
    JoinPolicy,
    MeetingMode,
    MembershipStatus,
)


class Venue(TimeStampedModel):
    """A place where groups meet, with what makes it accessible. Entered by staff."""

    name = models.CharField(max_length=120)
    address = models.TextField(max_length=500)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    features = models.JSONField(default=list, blank=True)  # VenueFeature values
    accessibility_notes = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Group(TimeStampedModel):
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    purpose = models.TextField("what we meet about", max_length=2000)
    who_for = models.TextField("who it is for", max_length=1000, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="groups")
    languages = models.JSONField(default=list, blank=True)  # accounts.choices.LANGUAGES codes
    mode = models.CharField(max_length=20, choices=MeetingMode.choices)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="groups"
    )
    # Join link or dial-in details: shown only to members (and per meeting, to those going).
    online_details = models.TextField(max_length=1000, blank=True)
    join_policy = models.CharField(
        max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)  # None: no limit
    status = models.CharField(max_length=20, choices=GroupStatus.choices, db_index=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_groups"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_groups",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="group_capacity_positive",
            )
        ]
        # The finder checks the latest change to know when its snapshot is out of date.
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.name


class GroupAgreement(models.Model):
    """One version of a group's agreement. Versions are never edited, only added."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    ground_rules = models.TextField(max_length=5000)
    confidentiality = models.TextField("what is confidential", max_length=3000)
    how_we_treat_each_other = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="unique_agreement_version")
        ]

    def __str__(self):
        return f"{self.group} agreement v{self.version}"


class Membership(TimeStampedModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(max_length=20, choices=MembershipStatus.choices, db_index=True)
    agreement_version = models.PositiveIntegerField(null=True, blank=True)
    agreement_accepted_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.status})"
