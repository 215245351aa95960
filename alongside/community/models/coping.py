"""The coping strategies library."""

from django.conf import settings
from django.db import models

from alongside.accounts.models import Topic
from alongside.common.models import TimeStampedModel
from alongside.community.choices import ContentStatus
from alongside.community.models.limits import TITLE_MAX_LENGTH
from alongside.safety.risk.stored import AssessedContent


class CopingStrategy(AssessedContent, TimeStampedModel):
    """A coping technique a member shares: what it is and when it helps."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="coping_strategies",
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    what_it_is = models.TextField(max_length=5000)
    what_it_is_html = models.TextField()
    when_it_helps = models.TextField(max_length=3000)
    when_it_helps_html = models.TextField()
    topics = models.ManyToManyField(Topic, blank=True, related_name="coping_strategies")
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.VISIBLE, db_index=True
    )
    # How many members marked "this helped me"; kept by the actions, for sorting.
    helped_count = models.PositiveIntegerField(default=0, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-helped_count", "-created_at", "-id"]
        verbose_name_plural = "coping strategies"

    def __str__(self):
        return f"Coping strategy {self.pk}"  # not the title: see Thread.__str__


class CopingStrategyRevision(models.Model):
    """What a coping strategy said before an edit, for moderators (as PostRevision)."""

    strategy = models.ForeignKey(CopingStrategy, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    what_it_is = models.TextField(max_length=5000)
    when_it_helps = models.TextField(max_length=3000)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Revision of coping strategy {self.strategy_id}"


class CopingStrategyHelped(models.Model):
    """A member marked "this helped me" on a coping strategy."""

    strategy = models.ForeignKey(CopingStrategy, on_delete=models.CASCADE, related_name="helped")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "user"], name="unique_strategy_helped")
        ]

    def __str__(self):
        return f"{self.user} found {self.strategy_id} helpful"


class CopingComment(AssessedContent, TimeStampedModel):
    strategy = models.ForeignKey(CopingStrategy, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="coping_comments",
    )
    body = models.TextField(max_length=5000)
    body_html = models.TextField()
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.VISIBLE, db_index=True
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Comment {self.pk} on {self.strategy_id}"
