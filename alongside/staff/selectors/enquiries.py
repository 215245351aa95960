"""Reads for the coordinators' enquiry inbox and enquiry page."""

from allauth.mfa.models import Authenticator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from alongside.accounts.models import User
from alongside.accounts.roles import Role
from alongside.safety.risk import RiskLevel
from alongside.staff.choices import EnquiryStatus
from alongside.staff.models import Enquiry, EnquiryEntry

OPEN = ~Q(status=EnquiryStatus.CLOSED)
STATUS_ORDER = [
    EnquiryStatus.NEW,
    EnquiryStatus.IN_PROGRESS,
    EnquiryStatus.WAITING_FOR_REPLY,
    EnquiryStatus.CLOSED,
]


def _ordered(queryset: QuerySet) -> QuerySet:
    """Urgent open ones first, then open concerns, then by status, then oldest first."""
    return queryset.annotate(
        risk_rank=Case(
            When(OPEN & Q(risk_level=RiskLevel.URGENT), then=Value(0)),
            When(OPEN & Q(risk_level=RiskLevel.CONCERN), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        status_rank=Case(
            *(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)),
            default=Value(len(STATUS_ORDER)),
            output_field=IntegerField(),
        ),
    ).order_by("risk_rank", "status_rank", "created_at", "pk")


def inbox(*, status: str = "", assigned_to=None, topic: str = "") -> QuerySet:
    """The enquiries a coordinator works through. Closed ones are left out unless
    `status` asks for them."""
    queryset = Enquiry.objects.select_related("assigned_to__profile")
    queryset = queryset.filter(status=status) if status else queryset.filter(OPEN)
    if assigned_to is not None:
        queryset = queryset.filter(assigned_to=assigned_to)
    if topic:
        queryset = queryset.filter(topic=topic)
    return _ordered(queryset)


def inbox_counts() -> dict:
    """For the staff dashboard: {"new": ..., "urgent": ... (urgent and not closed)}."""
    return Enquiry.objects.aggregate(
        new=Count("pk", filter=Q(status=EnquiryStatus.NEW)),
        urgent=Count("pk", filter=OPEN & Q(risk_level=RiskLevel.URGENT)),
    )


def enquiry_log(enquiry: Enquiry) -> list[EnquiryEntry]:
    """Its notes and replies, oldest first."""
    return list(enquiry.entries.select_related("author__profile").order_by("created_at", "pk"))


def assignable_coordinators() -> list[User]:
    """Who an enquiry can be given to: coordinators with two-factor set up (as
    matching.notifications.coordinators, in one query), by name."""
    return list(
        User.objects.filter(
            is_active=True,
            groups__name=Role.COORDINATOR.value,
            authenticator__type=Authenticator.Type.TOTP,
        )
        .select_related("profile")
        .distinct()
        .order_by("profile__display_name", "pk")
    )
