"""Self-protection (blocks, muted threads, settings) and notifications."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.community.choices import DigestFrequency, NotificationKind
from alongside.community.models.forum import Thread


class Block(models.Model):
    """`blocker` no longer hears from `blocked`: no messages, no presence, posts collapsed."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="no_blocking_yourself"
            ),
        ]

    def __str__(self):
        return f"{self.blocker} blocked {self.blocked}"


class ThreadMute(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_mutes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="unique_thread_mute")
        ]

    def __str__(self):
        return f"{self.user} muted {self.thread_id}"


class CommunitySettings(models.Model):
    """A member's choices about the community. Created on first change; absent means the
    defaults (no direct messages, no muted words, no break, no digest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_settings"
    )
    allow_direct_messages = models.BooleanField(default=False)
    muted_words = models.JSONField(default=list, blank=True)
    break_until = models.DateTimeField(null=True, blank=True)
    email_digest = models.CharField(
        max_length=20, choices=DigestFrequency.choices, default=DigestFrequency.NEVER
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "community settings"

    def __str__(self):
        return f"Community settings of {self.user}"


class Notification(models.Model):
    """Something a member may want to know about. `text` is written by the action that
    notifies, from display names and titles, never from the body of a post or message."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.kind} for {self.user}: {self.text}"
