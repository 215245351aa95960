"""What the moderation queue shows: selectors only (reads), each built so that a page of
the queue costs a fixed number of queries however long it is."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from alongside.accounts.models import Profile
from alongside.community.choices import ContentStatus, RoomKind
from alongside.community.models import CopingComment, CopingStrategy, Message, Post
from alongside.matching.choices import SupportKind
from alongside.matching.models import (
    CheckIn,
    MatchFeedback,
    MatchReflection,
    SupporterProfile,
    SupportRequest,
)
from alongside.safety.choices import AlertStatus, ReportStatus
from alongside.safety.models import ModerationAction, Report, SafetyAlert
from alongside.safety.permissions import check_moderate_permission
from alongside.safety.risk import RiskLevel

ACTIVE = "active"  # open or claimed: the queue's default
STATUS_FILTERS = {
    ACTIVE: [AlertStatus.OPEN, AlertStatus.CLAIMED],
    "open": [AlertStatus.OPEN],
    "claimed": [AlertStatus.CLAIMED],
    "resolved": [AlertStatus.RESOLVED],
}
ACTIVE_REPORT_STATUSES = [ReportStatus.OPEN, ReportStatus.CLAIMED]
ALERT_CONTENT = [
    "post__thread", "message__room", "coping_strategy", "coping_comment", "profile",
    "support_request", "supporter_profile", "check_in", "match_feedback", "match_reflection",
]  # fmt: skip
HELD_LIMIT = 500  # per kind; far more than a queue should ever hold


def alerts_for_queue(*, status: str = ACTIVE):
    """Alerts in queue order: urgent first, then highest score, then oldest (the model's
    ordering, served by its index). Resolved ones: most recently resolved first."""
    alerts = SafetyAlert.objects.filter(status__in=STATUS_FILTERS[status]).select_related(
        "member__profile", "claimed_by__profile", *ALERT_CONTENT
    )
    if status == "resolved":
        alerts = alerts.select_related("resolved_by__profile").order_by("-resolved_at", "-id")
    return alerts


def reports_for_queue(*, status: str = ACTIVE):
    """Reports, oldest first (resolved ones: most recently resolved first)."""
    reports = Report.objects.filter(status__in=STATUS_FILTERS[status]).select_related(
        "reporter__profile", "reported_member__profile", "claimed_by__profile"
    )
    if status == "resolved":
        reports = reports.select_related("resolved_by__profile").order_by("-resolved_at", "-id")
    return reports


def queue_rows(*, section: str, status: str = ACTIVE):
    """The rows of one section of the queue: "alerts", "reports" or "held"."""
    if section == "alerts":
        return alerts_for_queue(status=status)
    if section == "reports":
        return reports_for_queue(status=status)
    return held_content()


@dataclass(frozen=True)
class HeldItem:
    """One piece of held content, and the alert it belongs to (if any)."""

    kind: str
    content: object
    writer: object
    held_since: datetime
    alert: SafetyAlert | None


def _alerts_prefetch():
    newest_first = SafetyAlert.objects.select_related("claimed_by__profile").order_by(
        "-created_at", "-id"
    )
    return Prefetch("alerts", queryset=newest_first, to_attr="alert_list")


def _held_sources():
    """(kind, held queryset, writer field) for each kind of content that can be held."""
    held = Q(status=ContentStatus.HELD)
    return [
        ("Post", Post.objects.filter(held), "author"),
        ("Message", Message.objects.filter(held), "author"),
        ("Coping strategy", CopingStrategy.objects.filter(held), "author"),
        ("Comment", CopingComment.objects.filter(held), "author"),
        ("Profile", Profile.objects.filter(text_held=True), "user"),
        ("Request for support", SupportRequest.objects.filter(text_held=True), "member"),
        ("Supporter application", SupporterProfile.objects.filter(text_held=True), "user"),
    ]


def held_content() -> list[HeldItem]:
    """Everything held for review, oldest first: posts, messages, coping strategies and
    comments with status HELD, and profiles, requests for support and supporter
    applications whose free text is held."""
    items = []
    for kind, queryset, writer_field in _held_sources():
        rows = queryset.select_related(f"{writer_field}__profile").prefetch_related(
            _alerts_prefetch()
        )
        for content in rows.order_by("pk")[:HELD_LIMIT]:
            alert = content.alert_list[0] if content.alert_list else None
            held_since = alert.created_at if alert else content.created_at
            writer = getattr(content, writer_field)
            items.append(HeldItem(kind, content, writer, held_since, alert))
    items.sort(key=lambda item: item.held_since)
    return items


@dataclass(frozen=True)
class QueueCounts:
    open_alerts: int
    urgent_alerts: int
    unclaimed_alerts: int
    open_reports: int
    held: int

    @property
    def total(self) -> int:
        return self.open_alerts + self.open_reports


def queue_counts() -> QueueCounts:
    active = Q(status__in=STATUS_FILTERS[ACTIVE])
    alerts = SafetyAlert.objects.aggregate(
        open=Count("pk", filter=active),
        urgent=Count("pk", filter=active & Q(level=RiskLevel.URGENT)),
        unclaimed=Count("pk", filter=Q(status=AlertStatus.OPEN)),
    )
    held = sum(queryset.count() for _kind, queryset, _writer in _held_sources())
    return QueueCounts(
        open_alerts=alerts["open"],
        urgent_alerts=alerts["urgent"],
        unclaimed_alerts=alerts["unclaimed"],
        open_reports=Report.objects.filter(status__in=ACTIVE_REPORT_STATUSES).count(),
        held=held,
    )


# ---- One item ---------------------------------------------------------------------------


ITEM_CONTENT = [
    "claimed_by__profile",
    "resolved_by__profile",
    "post__thread__space",
    "message__room__space",
    "message__room__group",
    "coping_strategy",
    "coping_comment__strategy",
]
# Alerts only: reports are never about mentoring and befriending.
ALERT_ITEM_CONTENT = [
    "profile",
    "support_request",
    "supporter_profile",
    "check_in__match",
    "match_feedback__match",
    "match_reflection__match",
]


def _access_item(*, user, queryset, item_id: int, missing: str):
    check_moderate_permission(user)
    item = queryset.select_related(*ITEM_CONTENT).filter(pk=item_id).first()
    if item is None:
        raise Http404(missing)
    return item


def access_alert_by_id(*, user, alert_id: int) -> SafetyAlert:
    """An alert for a moderator to read or act on; 404 for anyone else or no such alert."""
    alerts = SafetyAlert.objects.select_related("member__profile", *ALERT_ITEM_CONTENT)
    return _access_item(user=user, queryset=alerts, item_id=alert_id, missing="No such alert.")


def access_report_by_id(*, user, report_id: int) -> Report:
    """A report for a moderator to read or act on; 404 for anyone else or no such report."""
    reports = Report.objects.select_related(
        "reporter__profile", "reported_member__profile", "member__profile"
    )
    return _access_item(user=user, queryset=reports, item_id=report_id, missing="No such report.")


def history_of(*, alert: SafetyAlert | None = None, report: Report | None = None):
    """What moderators did about this item, oldest first."""
    actions = ModerationAction.objects.select_related("moderator__profile")
    return actions.filter(alert=alert) if alert is not None else actions.filter(report=report)


def other_alerts_for(alert: SafetyAlert, limit: int = 20):
    """The member's other alerts (earlier and later), newest first."""
    return (
        SafetyAlert.objects.filter(member_id=alert.member_id)
        .exclude(pk=alert.pk)
        .select_related("claimed_by__profile")
        .order_by("-created_at", "-id")[:limit]
    )


def alerts_for_content(content, limit: int = 20):
    """Alerts raised about one piece of content (for a report about it), newest first."""
    if content is None or not hasattr(content, "alerts"):
        return SafetyAlert.objects.none()
    return content.alerts.order_by("-created_at", "-id")[:limit]


# ---- Where content was written -----------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a piece of content lives, in words, with a link when a moderator may open it."""

    label: str
    url: str = ""


def place_of(content) -> Place:
    if isinstance(content, Post):
        thread = content.thread
        return Place(
            f"Thread \u201c{thread.title}\u201d in {thread.space.name}",
            reverse("community:post", args=[content.pk]),
        )
    if isinstance(content, Message):
        return _place_of_message(content)
    if isinstance(content, CopingStrategy):
        return Place("Coping strategies", reverse("community:coping_detail", args=[content.pk]))
    if isinstance(content, CopingComment):
        return Place(
            f"A comment on the coping strategy \u201c{content.strategy.title}\u201d",
            reverse("community:coping_detail", args=[content.strategy_id]),
        )
    if isinstance(content, Profile):
        return Place("Their profile", reverse("accounts:member", args=[content.user_id]))
    return _place_in_matching(content)


def _kind_of(content) -> str:
    kind = content.kind if isinstance(content, SupportRequest) else content.match.kind
    return SupportKind(kind).label.lower()


def _place_in_matching(content) -> Place:
    """Mentoring and befriending are private to the people in them and coordinators, so
    these are described, never linked."""
    if isinstance(content, SupportRequest):
        return Place(f"Their request for {_kind_of(content)}")
    if isinstance(content, SupporterProfile):
        return Place("Their application to be a peer supporter")
    if isinstance(content, CheckIn):
        return Place(f"A supporter's check-in note on a {_kind_of(content)} match")
    if isinstance(content, MatchFeedback):
        return Place(f"Feedback on a {_kind_of(content)} match")
    if isinstance(content, MatchReflection):
        return Place(f"A reflection at the end of a {_kind_of(content)} match")
    return Place("")


def _place_of_message(message: Message) -> Place:
    room = message.room
    if room.kind == RoomKind.SPACE:
        return Place(
            f"Chat in {room.space.name}", reverse("community:chat_space", args=[room.space.slug])
        )
    if room.kind == RoomKind.GROUP:
        return Place(
            f"Group chat of {room.group.name}",
            reverse("community:chat_group", args=[room.group.slug]),
        )
    # A private conversation: moderators read only the flagged message, never the rest.
    conversation = room.conversation
    names = [
        user.profile.display_name for user in (conversation.first_user, conversation.second_user)
    ]
    return Place(f"{conversation.get_kind_display()} between {names[0]} and {names[1]}")


def content_url_for_writer(content) -> str:
    """Where the writer finds the content (used in their notifications)."""
    if isinstance(content, Message) and content.room.kind == RoomKind.CONVERSATION:
        return reverse("community:conversation", args=[content.room.conversation.pk])
    if isinstance(content, Profile):
        return reverse("accounts:profile")
    if isinstance(content, SupportRequest):
        return _matching_url("matching:request", content.kind, f"/matching/request/{content.kind}/")
    if isinstance(content, SupporterProfile):
        return _matching_url("matching:supporter", None, "/matching/supporter/")
    if isinstance(content, CheckIn | MatchFeedback | MatchReflection):
        match_id = content.match_id
        return _matching_url("matching:match", match_id, f"/matching/matches/{match_id}/")
    return place_of(content).url


def _matching_url(name: str, arg, fallback: str) -> str:
    try:
        return reverse(name, args=[arg] if arg is not None else [])
    except NoReverseMatch:  # the matching pages are not wired up (API-only setups)
        return fallback
