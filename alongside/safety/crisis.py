"""Reading the crisis resources: which to show for a country, and which two or three to
show first so that someone in distress isn't faced with a wall of numbers.

If a country has no active resources in the database (every one turned off, or the tables
emptied), the built-in UK and US defaults are shown instead: the help page is never empty."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from alongside.safety.models import CrisisResource

# The emergency line plus this many 24-hour services come first.
FIRST_SUPPORT_LINES = 2

_ALWAYS = {"opening_hours": "24 hours, every day", "is_24_hours": True}
# The first options of migration 0003's defaults, kept here so the page can never be empty.
FALLBACK_RESOURCES = {
    "GB": [
        {
            "name": "Emergency services",
            "description": "Call 999 or go to your nearest A&E if you have hurt yourself or "
            "can't keep yourself safe.",
            "phone": "999",
            "is_emergency": True,
        },
        {
            "name": "Samaritans",
            "description": "Someone will listen, without judging you. Free to call.",
            "phone": "116 123",
        },
        {
            "name": "Shout",
            "description": "Free, confidential support by text, if you'd rather text than talk.",
            "text_number": "85258",
            "text_keyword": "SHOUT",
        },
    ],
    "US": [
        {
            "name": "Emergency services",
            "description": "Call 911 if you have hurt yourself or can't keep yourself safe.",
            "phone": "911",
            "is_emergency": True,
        },
        {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "Call or text 988 to talk with someone who cares. Free and "
            "confidential.",
            "phone": "988",
            "text_number": "988",
        },
        {
            "name": "Crisis Text Line",
            "description": "Free support by text from a trained volunteer.",
            "text_number": "741741",
            "text_keyword": "HOME",
        },
    ],
}


@dataclass(frozen=True)
class CrisisOptions:
    country: str
    emergency: list[CrisisResource]  # "If your life is at risk now"
    first: list[CrisisResource]  # the best two to turn to now
    more: list[CrisisResource]  # "More ways to get help"

    @property
    def first_options(self) -> list[CrisisResource]:
        return self.emergency + self.first

    @property
    def all(self) -> list[CrisisResource]:
        return self.emergency + self.first + self.more


def crisis_resources(*, country: str, region: str = "") -> QuerySet[CrisisResource]:
    """Active resources for a country (and, given a region, that region's own as well as the
    whole country's): emergency services first, then by order."""
    regions = Q(region="")
    if region:
        regions |= Q(region__iexact=region)
    return (
        CrisisResource.objects.filter(country=country.upper(), is_active=True)
        .filter(regions)
        .order_by("-is_emergency", "order", "name", "pk")
    )


def countries_with_resources() -> set[str]:
    stored = CrisisResource.objects.filter(is_active=True).values_list("country", flat=True)
    return set(stored.distinct()) | set(FALLBACK_RESOURCES)


def fallback_resources(country: str) -> list[CrisisResource]:
    """Unsaved resources for a country with none active in the database."""
    return [
        CrisisResource(country=country, **_ALWAYS, **resource)
        for resource in FALLBACK_RESOURCES.get(country, [])
    ]


def choose_country(requested: str | None) -> str:
    """The requested country if it has resources, else the organisation's own."""
    requested = (requested or "").strip().upper()
    if requested and requested in countries_with_resources():
        return requested
    return settings.ALONGSIDE_COUNTRY


def crisis_options(*, country: str, region: str = "") -> CrisisOptions:
    country = country.upper()
    resources = list(crisis_resources(country=country, region=region))
    if not resources:
        resources = fallback_resources(country)
    emergency = [resource for resource in resources if resource.is_emergency][:1]
    others = [resource for resource in resources if not _among(resource, emergency)]
    # The best first options are open all day and night and for everyone.
    first = [r for r in others if r.is_24_hours and not r.audience][:FIRST_SUPPORT_LINES]
    more = [resource for resource in others if not _among(resource, first)]
    return CrisisOptions(country=country, emergency=emergency, first=first, more=more)


def _among(resource: CrisisResource, resources: list[CrisisResource]) -> bool:
    # By identity: unsaved fallback resources have no primary key to compare.
    return any(resource is other for other in resources)


@dataclass(frozen=True)
class QuickHelp:
    """The one or two numbers every page's footer, the report pages and our emails carry,
    for the organisation's country. Built from the defaults above, without a query, so it
    can be on every page; "I need help now" has the full, coordinator-managed list."""

    emergency_phone: str
    line_name: str
    line_phone: str

    @property
    def sentence(self) -> str:
        if not self.emergency_phone:
            return "If you are in danger now, call your local emergency number."
        text = f"If you are in danger now, call {self.emergency_phone}."
        if self.line_phone:
            text += (
                f" To talk to someone any time, call {self.line_name} free on {self.line_phone}."
            )
        return text

    @property
    def for_someone_else(self) -> str:
        number = self.emergency_phone or "your local emergency number"
        return f"If someone is in danger now, call {number}."


def quick_help(country: str | None = None) -> QuickHelp:
    defaults = FALLBACK_RESOURCES.get((country or settings.ALONGSIDE_COUNTRY).upper(), [])
    emergency = next((r for r in defaults if r.get("is_emergency")), {})
    line = next((r for r in defaults if not r.get("is_emergency") and r.get("phone")), {})
    return QuickHelp(
        emergency_phone=emergency.get("phone", ""),
        line_name=line.get("name", ""),
        line_phone=line.get("phone", ""),
    )
