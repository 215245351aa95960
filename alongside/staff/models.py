from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.accounts.models import Topic
from alongside.common.models import TimeStampedModel
from alongside.safety.risk.stored import AssessedContent
from alongside.staff.choices import AccessTaskStatus, EnquiryStatus, EnquiryTopic, EntryKind


class Enquiry(AssessedContent, TimeStampedModel):
    """A message to the organisation from the "contact us" form, signed in or not. The
    message is risk-checked when it arrives; urgent ones go to the top of the inbox."""

    # Quoted back to the person in the acknowledgement ("ALG-7K3P9Q").
    reference = models.CharField(max_length=12, unique=True)
    topic = models.CharField(max_length=20, choices=EnquiryTopic.choices)
    message = models.TextField(max_length=5000)
    name = models.CharField("what we should call you", max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    contact_methods = models.JSONField(default=list, blank=True)  # ContactMethod values
    # None: they didn't say. False: don't leave a voicemail or a message with anyone else.
    ok_to_leave_message = models.BooleanField(null=True, blank=True)
    best_times = models.CharField("when is best to contact you", max_length=200, blank=True)
    # The finder's answers (finder.answers.FinderAnswers.to_dict), when they chose to send them.
    finder_answers = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
    )
    status = models.CharField(
        max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"

    def __str__(self):
        return self.reference


class EnquiryEntry(models.Model):
    """One line of an enquiry's log: an internal note, or a reply and how it was sent."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    body = models.TextField(max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "enquiry entries"

    def __str__(self):
        return f"{self.get_kind_display()} on {self.enquiry}"


class ResourceLink(TimeStampedModel):
    """An entry in the "more information" library: a link to another site, or a short page
    of our own (markdown), grouped by topic. Managed by coordinators."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    summary = models.CharField(max_length=300)
    url = models.URLField("link to another site", max_length=500, blank=True)
    body = models.TextField("page text (markdown)", max_length=20000, blank=True)
    body_html = models.TextField(blank=True)  # rendered and sanitised from `body` on save
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    show_on_home = models.BooleanField(default=False)
    is_published = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)  # lower first within a topic
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(body=""), name="resource_has_link_or_page"
            )
        ]

    def __str__(self):
        return self.title


class AccessTask(TimeStampedModel):
    """Something a coordinator needs to arrange so that a member can take part: an access
    need the venue can't meet, or one that always needs arranging (an interpreter)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tasks"
    )
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="+")
    # The date it is for; empty when it came from joining the group.
    occurrence = models.ForeignKey(
        "meetings.Occurrence", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    needs = models.JSONField(default=list)  # accounts AccessNeed values still to arrange
    status = models.CharField(
        max_length=20,
        choices=AccessTaskStatus.choices,
        default=AccessTaskStatus.OPEN,
        db_index=True,
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "occurrence"],
                condition=Q(status="open", occurrence__isnull=False),
                name="one_open_access_task_per_date",
            ),
            models.UniqueConstraint(
                fields=["member", "group"],
                condition=Q(status="open", occurrence__isnull=True),
                name="one_open_access_task_per_group",
            ),
        ]

    def __str__(self):
        return f"access needs of {self.member} for {self.group}"
