"""The moderation queue's reports. Screens for moderators come with the safety net; what a
member reports is stored here, whole, from the start."""

import operator
from functools import reduce
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from alongside.common.models import TimeStampedModel
from alongside.safety.choices import (
    AlertStatus,
    AlertTarget,
    CaseEntryKind,
    CaseStatus,
    CrisisCountry,
    ModerationActionKind,
    ReportReason,
    ReportStatus,
    ReportTarget,
)
from alongside.safety.risk import RiskLevel

REPORT_DETAILS_MAX_LENGTH = 2000

# Which foreign key holds the reported thing, for each kind of target.
TARGET_FIELDS = {
    ReportTarget.POST: "post",
    ReportTarget.MESSAGE: "message",
    ReportTarget.MEMBER: "member",
    ReportTarget.COPING_STRATEGY: "coping_strategy",
    ReportTarget.COPING_COMMENT: "coping_comment",
}


def names_one_target(target_fields: dict[str, str]) -> Q:
    """Exactly one of the target fields is set, and it is the one `target` names."""

    def only(field: str) -> Q:
        condition = Q(**{f"{field}__isnull": False})
        for other in target_fields.values():
            if other != field:
                condition &= Q(**{f"{other}__isnull": True})
        return condition

    return reduce(
        operator.or_, (only(field) & Q(target=kind) for kind, field in target_fields.items())
    )


ONE_TARGET = names_one_target(TARGET_FIELDS)


class Report(TimeStampedModel):
    """A member reported a post, a chat message, a coping strategy or comment, or a member."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
    )
    target = models.CharField(max_length=20, choices=ReportTarget.choices)
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    message = models.ForeignKey(
        "community.Message",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports_about",
    )
    coping_strategy = models.ForeignKey(
        "community.CopingStrategy",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    coping_comment = models.ForeignKey(
        "community.CopingComment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    # The author of what was reported, at the time (for a member report, the member).
    reported_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    details = models.TextField(max_length=REPORT_DETAILS_MAX_LENGTH, blank=True)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]  # oldest first: the queue's order
        constraints = [
            models.CheckConstraint(
                condition=ONE_TARGET,
                name="report_names_one_target",
            )
        ]

    def __str__(self):
        return f"Report {self.pk} ({self.get_target_display()}, {self.get_reason_display()})"

    @property
    def reported_object(self):
        return getattr(self, TARGET_FIELDS[self.target])


def _validate_web_url(value: str) -> None:
    if value and urlsplit(value).scheme.lower() not in ("http", "https"):
        raise ValidationError("Enter a web address starting with https:// or http://.")


class CrisisResource(TimeStampedModel):
    """A service someone can turn to in a crisis: shown on "I need help now" for its country.
    Coordinators manage them; a resource is turned off rather than deleted."""

    country = models.CharField(max_length=2, choices=CrisisCountry.choices)
    region = models.CharField(
        max_length=100, blank=True, help_text="Leave blank if it covers the whole country."
    )
    name = models.CharField(max_length=100)
    description = models.CharField(
        max_length=300, blank=True, help_text="One calm sentence about what they offer."
    )
    phone = models.CharField(max_length=30, blank=True, help_text="For example 116 123.")
    text_number = models.CharField(max_length=30, blank=True, help_text="For example 85258.")
    text_keyword = models.CharField(
        max_length=30, blank=True, help_text="The word to text, if any, for example SHOUT."
    )
    web_url = models.URLField(
        "web address", max_length=300, blank=True, validators=[_validate_web_url]
    )
    opening_hours = models.CharField(
        max_length=100, blank=True, help_text="For example: 24 hours, every day."
    )
    audience = models.CharField(
        "who it is for", max_length=100, blank=True, help_text="For example: under 19s."
    )
    is_emergency = models.BooleanField(
        "emergency service",
        default=False,
        help_text='Shown first, under "If your life is at risk now".',
    )
    is_24_hours = models.BooleanField("open 24 hours", default=False)
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first.")
    is_active = models.BooleanField("shown to members", default=True)

    class Meta:
        ordering = ["country", "-is_emergency", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(text_number="") | ~Q(web_url=""),
                name="crisis_resource_has_a_way_to_reach_it",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"

    def clean(self):
        super().clean()
        if not (self.phone or self.text_number or self.web_url):
            raise ValidationError(
                {
                    "phone": "Give at least one way to reach this service: a phone number, "
                    "a number to text, or a web address."
                }
            )
        if self.text_keyword and not self.text_number:
            raise ValidationError(
                {"text_number": "Add the number to text the word to, or leave the word blank."}
            )

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def text_link(self) -> str:
        number = "".join(ch for ch in self.text_number if ch.isdigit() or ch == "+")
        if self.text_keyword:
            return f"{number}?body={quote(self.text_keyword)}"
        return number


SAFETY_PLAN_STEP_MAX_LENGTH = 2000

# The plan's steps in the order they are shown, as (field name, heading).
SAFETY_PLAN_STEPS = [
    ("warning_signs", "Signs that a difficult time may be coming"),
    ("coping_on_my_own", "Things I can do on my own to feel a little better"),
    ("distractions", "People and places that help take my mind off things"),
    ("people_to_ask", "People I can ask for help"),
    ("professionals", "Professionals and services I can contact"),
    ("safer_surroundings", "Making my surroundings safer"),
    ("reasons_to_live", "What matters to me and is worth living for"),
]


def _plan_step(label: str):
    return models.TextField(label, max_length=SAFETY_PLAN_STEP_MAX_LENGTH, blank=True)


class SafetyPlan(TimeStampedModel):
    """A member's own safety plan, in their own words. Only its owner ever sees it."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    warning_signs = _plan_step(SAFETY_PLAN_STEPS[0][1])
    coping_on_my_own = _plan_step(SAFETY_PLAN_STEPS[1][1])
    distractions = _plan_step(SAFETY_PLAN_STEPS[2][1])
    people_to_ask = _plan_step(SAFETY_PLAN_STEPS[3][1])
    professionals = _plan_step(SAFETY_PLAN_STEPS[4][1])
    safer_surroundings = _plan_step(SAFETY_PLAN_STEPS[5][1])
    reasons_to_live = _plan_step(SAFETY_PLAN_STEPS[6][1])

    def __str__(self):
        return f"Safety plan {self.pk}"

    def steps(self) -> list[tuple[str, str]]:
        """(heading, text) for every step, in order, including empty ones."""
        return [(label, getattr(self, name)) for name, label in SAFETY_PLAN_STEPS]

    def first_steps(self) -> list[tuple[str, str]]:
        """The filled-in steps worth seeing first in a crisis: who to reach out to."""
        labels = dict(SAFETY_PLAN_STEPS)
        names = ["people_to_ask", "professionals", "coping_on_my_own"]
        return [(labels[name], getattr(self, name)) for name in names if getattr(self, name)]

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name, _ in SAFETY_PLAN_STEPS)


# Which foreign key holds the content an alert is about, for each kind of target.
ALERT_TARGET_FIELDS = {
    AlertTarget.POST: "post",
    AlertTarget.MESSAGE: "message",
    AlertTarget.COPING_STRATEGY: "coping_strategy",
    AlertTarget.COPING_COMMENT: "coping_comment",
    AlertTarget.PROFILE: "profile",
    AlertTarget.SUPPORT_REQUEST: "support_request",
    AlertTarget.SUPPORTER_PROFILE: "supporter_profile",
    AlertTarget.CHECK_IN: "check_in",
    AlertTarget.MATCH_FEEDBACK: "match_feedback",
    AlertTarget.MATCH_REFLECTION: "match_reflection",
}


ONE_ALERT_TARGET = names_one_target(ALERT_TARGET_FIELDS)

# Writing inside a match, private to the match and coordinators: it has no status,
# so a moderator reads it and acts (contacting the writer, a case) but never hides it.
PRIVATE_MATCH_TARGETS = frozenset(
    {AlertTarget.CHECK_IN, AlertTarget.MATCH_FEEDBACK, AlertTarget.MATCH_REFLECTION}
)


class SafetyAlert(TimeStampedModel):
    """The risk check found concern or urgent risk in something a member wrote. One open
    alert per piece of content: writing it again (an edit) raises the same alert's level
    if it is higher. The queue shows urgent first, then by score, oldest first."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_alerts"
    )
    target = models.CharField(max_length=20, choices=AlertTarget.choices)
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    message = models.ForeignKey(
        "community.Message",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    coping_strategy = models.ForeignKey(
        "community.CopingStrategy",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    coping_comment = models.ForeignKey(
        "community.CopingComment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    profile = models.ForeignKey(
        "accounts.Profile",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    support_request = models.ForeignKey(
        "matching.SupportRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    supporter_profile = models.ForeignKey(
        "matching.SupporterProfile",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    check_in = models.ForeignKey(
        "matching.CheckIn",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    match_feedback = models.ForeignKey(
        "matching.MatchFeedback",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    match_reflection = models.ForeignKey(
        "matching.MatchReflection",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    # 0 for none, 1 for concern, 2 for urgent: the queue sorts on it.
    level_rank = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField()
    signals = models.JSONField(default=list)
    detector_version = models.CharField(max_length=40)
    status = models.CharField(
        max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN, db_index=True
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When on-duty moderators were told that an urgent alert was still unclaimed.
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-level_rank", "-score", "created_at", "id"]  # the queue's order
        indexes = [models.Index(fields=["status", "-level_rank", "-score", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=ONE_ALERT_TARGET, name="alert_names_one_target"),
        ]

    def __str__(self):
        return f"Safety alert {self.pk} ({self.get_level_display()})"

    @property
    def content(self):
        return getattr(self, ALERT_TARGET_FIELDS[self.target])

    @property
    def is_about_private_match_writing(self) -> bool:
        return self.target in PRIVATE_MATCH_TARGETS


class ModerationAction(models.Model):
    """One thing a moderator did, about an alert, a report or a member. The audit log
    records it too; this table is what the queue shows as an item's history."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ModerationActionKind.choices)
    alert = models.ForeignKey(
        SafetyAlert, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_actions_about",
    )
    reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alert__isnull=False)
                | Q(report__isnull=False)
                | Q(member__isnull=False),
                name="moderation_action_is_about_something",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ModeratorDuty(models.Model):
    """Whether a moderator is on duty: unclaimed urgent alerts are escalated to those who
    are (and to every moderator when nobody is, so that no alert goes unseen)."""

    moderator = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_duty"
    )
    on_duty = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.moderator} ({'on' if self.on_duty else 'off'} duty)"


class Suspension(models.Model):
    """A member may not post, comment or send messages until `ends_at` (or until lifted).
    They can still read, use their safety plan and reach "I need help now"."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=2000)
    starts_at = models.DateTimeField(auto_now_add=True)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Blank: until lifted.")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return f"Suspension {self.pk}"


class SafeguardingCase(TimeStampedModel):
    """A moderator's record of concern about one member over time. Only moderators and
    coordinators see cases; to everyone else a case does not exist (404). Every view is
    written to the audit log."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safeguarding_cases"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    alerts = models.ManyToManyField(SafetyAlert, blank=True, related_name="cases")
    outcome = models.TextField(max_length=5000, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        # Never the member's name: audit labels and logs are read more widely than cases.
        return f"Safeguarding case {self.pk}"


class CaseEntry(models.Model):
    """A note, an action taken or a contact made, on a safeguarding case. Entries are
    never edited or deleted; a correction is a new entry."""

    case = models.ForeignKey(SafeguardingCase, on_delete=models.CASCADE, related_name="entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=CaseEntryKind.choices)
    text = models.TextField(max_length=5000)
    # For a contact: when it happened (may be earlier than when it was written down).
    happened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "case entries"

    def __str__(self):
        return f"{self.get_kind_display()} on case {self.case_id}"
