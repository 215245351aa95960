"""What a member sees straight after writing something the risk check flagged.

Urgent: a calm message, the first two or three crisis options for their country, their own
safety plan if they have one, and "a moderator will check in with you"; what they wrote is
held for a moderator (and they are told so, kindly). Concern: gentle resources; what they
wrote is posted as normal. Pages, the API and the websocket all build on `writer_support`,
so that members are told the same thing wherever they wrote."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.safety.crisis import CrisisOptions, crisis_options
from alongside.safety.models import CrisisResource, SafetyPlan
from alongside.safety.plans import get_own_safety_plan
from alongside.safety.risk import RiskAssessment, RiskLevel

URGENT_MESSAGE = (
    "It sounds like things are really hard right now. You don't have to face this alone: "
    "you can talk to someone right now, any time of day or night."
)
HELD_MESSAGE = (
    "We've kept what you wrote safe, and a moderator will read it before anyone else "
    "does. A moderator will check in with you soon."
)
CONCERN_MESSAGE = (
    "Thank you for sharing this. If things feel heavy, support is here whenever you want it."
)
CHECK_IN_MESSAGE = "A moderator will check in with you soon."


@dataclass(frozen=True)
class WriterSupport:
    level: RiskLevel
    held: bool
    message: str
    held_message: str
    options: CrisisOptions
    safety_plan: SafetyPlan | None = None
    help_url: str = field(default="")

    @property
    def next_steps(self) -> str:
        """What happens to what they wrote, and that a moderator will check in."""
        return self.held_message if self.held else CHECK_IN_MESSAGE

    @property
    def support_lines(self) -> list[CrisisResource]:
        """The first one or two lines to talk to (not the emergency number): for the
        gentle panel after a concern."""
        return self.options.first[:2]

    @property
    def resources(self) -> list[CrisisResource]:
        """Two or three options first, never a wall of numbers."""
        if self.level == RiskLevel.URGENT:
            return self.options.first_options
        return self.options.first

    def as_dict(self) -> dict:
        """For the API and the websocket."""
        return {
            "level": str(self.level),
            "held": self.held,
            "message": self.message,
            "held_message": self.held_message,
            "resources": [_resource_dict(resource) for resource in self.resources],
            "has_safety_plan": self.safety_plan is not None,
            "safety_plan_url": reverse("safety:plan") if self.safety_plan else "",
            "help_url": self.help_url,
        }


def _resource_dict(resource: CrisisResource) -> dict:
    return {
        "name": resource.name,
        "description": resource.description,
        "phone": resource.phone,
        "text_number": resource.text_number,
        "text_keyword": resource.text_keyword,
        "web_url": resource.web_url,
        "opening_hours": resource.opening_hours,
        "audience": resource.audience,
        "is_emergency": resource.is_emergency,
    }


def member_country(user) -> str:
    return settings.ALONGSIDE_COUNTRY


def support_for_level(*, user, level: str, held: bool) -> WriterSupport | None:
    """writer_support from a stored level alone (the support page reads it from the
    session); None for no risk or a level it doesn't know."""
    if level not in RiskLevel.values:
        return None
    return writer_support(user=user, risk=RiskAssessment(RiskLevel(level), (), 0.0), held=held)


def writer_support(*, user, risk: RiskAssessment, held: bool) -> WriterSupport | None:
    """What to show `user` after they wrote something with this risk; None for no risk."""
    level = RiskLevel(risk.level)
    if level == RiskLevel.NONE:
        return None
    urgent = level == RiskLevel.URGENT
    return WriterSupport(
        level=level,
        held=held,
        message=URGENT_MESSAGE if urgent else CONCERN_MESSAGE,
        held_message=HELD_MESSAGE if held else "",
        options=crisis_options(country=member_country(user)),
        safety_plan=get_own_safety_plan(user=user) if urgent else None,
        help_url=reverse("safety:help_now"),
    )


def content_safety(*, user, content) -> dict | None:
    """For the API, straight after `user` stored a post, coping strategy or comment: what
    they should see about it (its own risk; held if its status says so), or None."""
    held = content.status == ContentStatus.HELD
    support = writer_support(user=user, risk=content.risk, held=held)
    return support.as_dict() if support else None
