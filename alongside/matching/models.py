"""Mentoring and befriending: peer supporters, requests for support, and matches.

Availability is a list of weekly times, each {"day": "tue", "start": "18:00", "end": "20:00"}
(days as accounts.choices.Day, times on the hour or half hour, start before end, no two
overlapping on one day); see matching.availability. Modes are MatchMode values, languages
accounts.choices.LANGUAGES codes. A home place is a town from the offline gazetteer.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from alongside.accounts.models import Topic
from alongside.common.models import TimeStampedModel
from alongside.matching.choices import (
    LIVE_MATCH_STATUSES,
    AgeGroup,
    BackgroundCheck,
    BlockReason,
    EndReason,
    Gender,
    HowItsGoing,
    MatchMode,
    MatchStatus,
    RequestSource,
    RequestStatus,
    Response,
    ReviewOutcome,
    RunStatus,
    SupporterStatus,
    SupportKind,
)
from alongside.safety.risk.stored import AssessedContent

MAX_CAPACITY = 10
OPEN_REQUEST_STATUSES = (RequestStatus.WAITING, RequestStatus.PROPOSED, RequestStatus.MATCHED)


class HomePlace(models.Model):
    """A town or city from the gazetteer, never a street address."""

    place_geonameid = models.PositiveIntegerField(null=True, blank=True)
    place_name = models.CharField(max_length=200, blank=True)
    place_latitude = models.FloatField(null=True, blank=True)
    place_longitude = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True


class SupporterProfile(AssessedContent, HomePlace, TimeStampedModel):
    """A member who offers mentoring or befriending: their application, what the
    coordinator recorded during onboarding, and what matching needs to know."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporter_profile"
    )
    kinds = models.JSONField(default=list)  # SupportKind values
    status = models.CharField(
        max_length=20,
        choices=SupporterStatus.choices,
        default=SupporterStatus.APPLIED,
        db_index=True,
    )
    motivation = models.TextField("why you'd like to be a peer supporter", max_length=2000)
    experience = models.TextField("your experience, in your own words", max_length=3000)
    topics = models.ManyToManyField(Topic, blank=True, related_name="supporters")
    languages = models.JSONField(default=list)
    modes = models.JSONField(default=list)
    availability = models.JSONField(default=list)
    # How far they will travel to meet in person; needed when they offer in person.
    max_distance_km = models.PositiveSmallIntegerField(null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "how many people at once",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    age_group = models.CharField(max_length=10, choices=AgeGroup.choices, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    comfortable_age_groups = models.JSONField(default=list, blank=True)  # empty: any age
    is_paused = models.BooleanField(default=False)  # taking a break: no new matches
    paused_at = models.DateTimeField(null=True, blank=True)
    # A coordinator can stop new matches for safeguarding reasons, whatever the supporter says.
    safeguarding_hold = models.BooleanField(default=False)
    text_held = models.BooleanField(default=False)  # urgent risk in their text: held
    # Onboarding, recorded by a coordinator.
    interviewed_on = models.DateField(null=True, blank=True)
    interview_notes = models.TextField(max_length=3000, blank=True)
    background_check = models.CharField(
        max_length=20, choices=BackgroundCheck.choices, default=BackgroundCheck.NOT_REQUIRED
    )
    background_checked_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY),
                name="supporter_capacity_in_range",
            ),
        ]

    def __str__(self):
        return f"Supporter profile {self.pk}"


class TrainingRecord(models.Model):
    """A course a supporter has completed, recorded by a coordinator."""

    supporter = models.ForeignKey(
        SupporterProfile, on_delete=models.CASCADE, related_name="training"
    )
    course_name = models.CharField(max_length=120)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-id"]

    def __str__(self):
        return f"{self.course_name} ({self.completed_on})"


class SupportRequest(AssessedContent, HomePlace, TimeStampedModel):
    """A member asking for a mentor or befriender. Waits in the pool until matched."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_requests"
    )
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="support_requests")
    about = models.TextField("what you'd like support with", max_length=3000, blank=True)
    modes = models.JSONField(default=list)
    availability = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    age_group = models.CharField(max_length=10, choices=AgeGroup.choices, blank=True)
    # What they'd like in a supporter; empty lists mean "no preference".
    supporter_genders = models.JSONField(default=list, blank=True)
    supporter_age_groups = models.JSONField(default=list, blank=True)
    shared_experience_important = models.BooleanField(default=False)
    access_needs = models.JSONField(default=list, blank=True)  # accounts AccessNeed values
    access_needs_other = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.WAITING,
        db_index=True,
    )
    # Kept when a proposal is declined and the request goes back in the pool, so that
    # nobody loses their place.
    waiting_since = models.DateTimeField(db_index=True)
    source = models.CharField(
        max_length=20, choices=RequestSource.choices, default=RequestSource.SELF
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text_held = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["waiting_since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=Q(status__in=OPEN_REQUEST_STATUSES),
                name="one_open_request_per_kind",
            ),
        ]

    def __str__(self):
        return f"Support request {self.pk}"


class MatchingSettings(models.Model):
    """How much each preference counts, set by coordinators. One row (pk 1)."""

    weight_topics = models.PositiveSmallIntegerField(default=30)
    weight_text = models.PositiveSmallIntegerField(default=15)
    weight_availability = models.PositiveSmallIntegerField(default=20)
    weight_distance = models.PositiveSmallIntegerField(default=10)
    weight_waiting = models.PositiveSmallIntegerField(default=25)
    # A hard constraint: a pair must share at least this much time each week.
    min_overlap_minutes = models.PositiveSmallIntegerField(default=60)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = "matching settings"

    def __str__(self):
        return "Matching settings"


class MatchingRun(models.Model):
    """One run of the solver: previewed by a coordinator, then sent (all proposals made
    at once) or discarded. `proposals` is the preview, each
    {"request": id, "supporter": user id, "score": float, "explanation": str}."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=RunStatus.choices, default=RunStatus.PREVIEW, db_index=True
    )
    settings_snapshot = models.JSONField(default=dict)
    proposals = models.JSONField(default=list)
    request_count = models.PositiveIntegerField(default=0)
    supporter_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0.0)
    seconds = models.FloatField(default=0.0)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Matching run {self.pk}"


class Match(TimeStampedModel):
    """A person asking for support and a peer supporter: proposed, then (when both
    accept) active, until it ends."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="matches")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_as_member"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_as_supporter"
    )
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    status = models.CharField(
        max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED, db_index=True
    )
    score = models.FloatField(default=0.0)
    explanation = models.TextField(blank=True)
    run = models.ForeignKey(
        MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="matches"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supporter_response = models.CharField(
        max_length=20, choices=Response.choices, default=Response.PENDING
    )
    supporter_responded_at = models.DateTimeField(null=True, blank=True)
    member_response = models.CharField(
        max_length=20, choices=Response.choices, default=Response.PENDING
    )
    member_responded_at = models.DateTimeField(null=True, blank=True)
    # Why a side declined: for coordinators only, never shown to the other person.
    decline_reason = models.TextField(max_length=1000, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conversation = models.ForeignKey(
        "community.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches",
    )
    # When coordinators were told the supporter hadn't answered (3 days) or hadn't
    # logged contact (3 weeks); each is told once per stretch.
    no_response_alerted_at = models.DateTimeField(null=True, blank=True)
    no_contact_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=LIVE_MATCH_STATUSES),
                name="one_live_match_per_request",
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("supporter")), name="match_not_with_self"
            ),
        ]

    def __str__(self):
        return f"Match {self.pk}"


class MatchAgreement(TimeStampedModel):
    """What the pair agree: focus, how often and how they'll meet, boundaries, a review
    date and a planned end. Any edit makes a new version that both confirm again."""

    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="agreement")
    version = models.PositiveIntegerField(default=1)
    focus = models.TextField("what we'll focus on", max_length=2000)
    frequency = models.CharField("how often we'll meet", max_length=200)
    modes = models.JSONField(default=list)  # how we'll meet: MatchMode values
    boundaries = models.TextField(max_length=2000)
    review_on = models.DateField("review date")
    planned_end_on = models.DateField("planned end date")
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    supporter_confirmed_version = models.PositiveIntegerField(null=True, blank=True)
    supporter_confirmed_at = models.DateTimeField(null=True, blank=True)
    member_confirmed_version = models.PositiveIntegerField(null=True, blank=True)
    member_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__gte=models.F("review_on")),
                name="agreement_ends_after_review",
            ),
        ]

    def __str__(self):
        return f"Agreement for match {self.match_id} v{self.version}"

    @property
    def is_confirmed(self) -> bool:
        return self.supporter_confirmed_version == self.member_confirmed_version == self.version


class CheckIn(AssessedContent):
    """The supporter logs a contact with the person they support."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_on = models.DateField()
    mode = models.CharField(max_length=20, choices=MatchMode.choices)
    minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    # For the supporter and coordinators only.
    notes = models.TextField(max_length=2000, blank=True)
    # "I'm worried about them": tells a coordinator.
    worried = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contact_on", "-id"]

    def __str__(self):
        return f"Check-in {self.pk}"


class MatchFeedback(AssessedContent):
    """The person supported says how it's going."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    how_its_going = models.PositiveSmallIntegerField(choices=HowItsGoing.choices)
    comment = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Feedback {self.pk}"


class MatchReview(models.Model):
    """A review of how the match is going, around its review date."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    note = models.TextField(max_length=2000, blank=True)
    new_end_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Review {self.pk}"


class MatchReflection(AssessedContent):
    """At the end, each side's reflection on the match."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["match", "author"], name="one_reflection_each"),
        ]

    def __str__(self):
        return f"Reflection {self.pk}"


class PairBlock(models.Model):
    """This person and this supporter are never matched again."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=BlockReason.choices)
    note = models.TextField(max_length=2000, blank=True)
    match = models.ForeignKey(
        Match, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "supporter"], name="unique_pair_block"),
        ]

    def __str__(self):
        return f"Pair block {self.pk}"
