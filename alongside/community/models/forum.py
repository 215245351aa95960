"""Spaces, their guidelines, threads, posts, reactions and visits."""

from django.conf import settings
from django.db import models

from alongside.accounts.models import Topic
from alongside.common.models import TimeStampedModel
from alongside.community.choices import ContentStatus, ReactionKind
from alongside.community.models.limits import (
    CONTENT_WARNING_MAX_LENGTH,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from alongside.safety.risk.stored import AssessedContent


class Space(TimeStampedModel):
    """A topic community ("Living with anxiety"), created by coordinators."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)
    description = models.TextField(max_length=2000)
    guidelines = models.TextField("community guidelines", max_length=5000)
    # Goes up by one whenever the guidelines change; members accept the current version.
    guidelines_version = models.PositiveIntegerField(default=1)
    topics = models.ManyToManyField(Topic, blank=True, related_name="spaces")
    is_archived = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class GuidelinesAcceptance(models.Model):
    """A member accepted a space's guidelines (the version they read), before first posting."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="acceptances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guidelines_accepted"
    )
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="unique_guidelines_acceptance")
        ]

    def __str__(self):
        return f"{self.user} accepted {self.space} guidelines v{self.version}"


class Thread(TimeStampedModel):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    # SET_NULL: when a member erases their account, the conversation others had stays.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads"
    )
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.VISIBLE
    )
    is_locked = models.BooleanField(default=False)
    # Kept up to date by the post actions so that lists need no aggregate.
    last_posted_at = models.DateTimeField(db_index=True)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-last_posted_at", "-id"]
        indexes = [models.Index(fields=["space", "status", "-last_posted_at"])]

    def __str__(self):
        # Not the title: str() names the thread in the audit log, which never holds
        # member text. Templates show the title.
        return f"Thread {self.pk}"


class Post(AssessedContent, TimeStampedModel):
    """One post in a thread. The first post of a thread is its opening post."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body = models.TextField(max_length=POST_MAX_LENGTH)
    body_html = models.TextField()
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.VISIBLE, db_index=True
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self):
        return f"Post {self.pk} in {self.thread_id}"


class PostRevision(models.Model):
    """What a post said before an edit. Visible to moderators, never to other members."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=POST_MAX_LENGTH)
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Revision of post {self.post_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="unique_reaction")
        ]

    def __str__(self):
        return f"{self.user} {self.kind} on post {self.post_id}"


class ThreadVisit(models.Model):
    """The newest post a member has seen in a thread: drives "new since your last visit"."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_visits"
    )
    last_seen_post_id = models.PositiveBigIntegerField(default=0)
    visited_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="unique_thread_visit")
        ]

    def __str__(self):
        return f"{self.user} saw {self.thread_id} up to post {self.last_seen_post_id}"
