from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from alongside.common.models import TimeStampedModel
from alongside.outcomes.choices import (
    LIVE_STATUSES,
    CheckInStatus,
    Occasion,
    ResponseStatus,
    SupportForm,
)
from alongside.outcomes.definitions import (
    KEY_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Definition,
    Item,
    parse_definition,
)


class Measure(TimeStampedModel):
    """A questionnaire, defined as data (`definitions.py`). `item_wording` holds the
    wording a coordinator entered for items whose wording is licensed."""

    key = models.SlugField(max_length=KEY_MAX_LENGTH, unique=True)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    definition = models.JSONField()
    # Goes up when the scoring changes, so old scores can be told apart.
    version = models.PositiveSmallIntegerField(default=1)
    item_wording = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @cached_property
    def parsed(self) -> Definition:
        return parse_definition(self.definition)

    def items(self) -> list[tuple[Item, str]]:
        """Each item with the wording to show: shipped, or entered by a coordinator."""
        return [
            (item, item.text or self.item_wording.get(item.key, "")) for item in self.parsed.items
        ]

    @property
    def missing_wording(self) -> list[Item]:
        return [item for item, text in self.items() if not text]

    @property
    def is_ready(self) -> bool:
        """Can members be asked it? Active, and every item has wording."""
        return self.is_active and not self.missing_wording


class OutcomesSettings(models.Model):
    """When members are asked, set by coordinators. One row (pk 1)."""

    interval_months = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    ask_when_support_ends = models.BooleanField(default=True)
    # After an urgent safety-net event, no invitation is shown for this many days.
    quiet_days_after_urgent = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "outcomes settings"

    def __str__(self):
        return "Wellbeing check-in settings"


class WellbeingPreference(models.Model):
    """Whether a member wants wellbeing check-ins, and when the next regular one is due."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_preference"
    )
    # None: not decided yet. Nothing is asked or stored without True.
    consented = models.BooleanField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    by_email = models.BooleanField("also invite me by email", default=True)
    next_routine_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"wellbeing check-ins of {self.member}"


class CheckIn(TimeStampedModel):
    """One invitation to answer the measures: a baseline, a regular one, one after support
    ended, or one the member started. Optional: it can be skipped."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_check_ins"
    )
    occasion = models.CharField(max_length=20, choices=Occasion.choices)
    status = models.CharField(
        max_length=20, choices=CheckInStatus.choices, default=CheckInStatus.OPEN, db_index=True
    )
    # What had just ended, for the "after support ended" occasions.
    support_form = models.CharField(max_length=20, choices=SupportForm.choices, blank=True)
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    match = models.ForeignKey(
        "matching.Match", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer_after = models.DateTimeField(null=True, blank=True)  # for HELD ones
    offered_at = models.DateTimeField(null=True, blank=True)  # shown and notified
    emailed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)  # completed, skipped or closed

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status__in=LIVE_STATUSES),
                name="one_live_check_in_per_member",
            )
        ]
        indexes = [models.Index(fields=["status", "offered_at"])]

    def __str__(self):
        return f"{self.get_occasion_display()} check-in of {self.member}"


class Response(TimeStampedModel):
    """A member's answers to one measure in one check-in. A draft keeps what they have
    answered so far and has no score; a complete one is scored when it is completed."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_responses"
    )
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="responses")
    measure_version = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    answers = models.JSONField(default=dict)  # item key -> option value
    raw_score = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["completed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "measure"], name="one_response_a_measure"),
            models.CheckConstraint(
                condition=Q(status="draft", score__isnull=True)
                | Q(status="complete", score__isnull=False, completed_at__isnull=False),
                name="complete_responses_are_scored",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "measure", "status", "completed_at"]),
            models.Index(fields=["measure", "status", "completed_at"]),
        ]

    def __str__(self):
        return f"{self.measure} ({self.get_status_display().lower()}) of {self.member}"
