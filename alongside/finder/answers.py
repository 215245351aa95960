"""What someone told the finder: the questionnaire's answers, one value object shared by
the pages (kept in the session between steps), the API and enquiries (attached as JSON)."""

from dataclasses import asdict, dataclass, fields

from django.db import models


class Format(models.TextChoices):
    """How someone would like to get support: the finder's "group or 1:1" question."""

    GROUP = "group", "In a group"
    ONE_TO_ONE = "one_to_one", "One to one (mentoring or befriending)"
    ONLINE = "online", "In an online community (forum and chat)"


class DistanceUnit(models.TextChoices):
    MILES = "mi", "miles"
    KILOMETRES = "km", "kilometres"


# The questionnaire, in order: one question a page. Each step's answers are the fields
# named here (see STEP_FIELDS).
class Step(models.TextChoices):
    TOPICS = "topics", "What's on your mind"
    CONNECT = "connect", "Group or one to one"
    WAYS = "ways", "How you'd like to connect"
    WHEN = "when", "When you're free"
    WHERE = "where", "Where you are"
    LANGUAGES = "languages", "Languages"
    ACCESS = "access", "Anything that makes it hard to take part"


STEP_FIELDS = {
    Step.TOPICS: ("topics", "about"),
    Step.CONNECT: ("formats",),
    Step.WAYS: ("modes",),
    Step.WHEN: ("availability",),
    Step.WHERE: ("place_geonameid", "place_name", "latitude", "longitude", "travel_distance",
                 "distance_unit"),
    Step.LANGUAGES: ("languages",),
    Step.ACCESS: ("access_needs", "access_needs_other", "access_flexible"),
}  # fmt: skip


@dataclass(frozen=True)
class FinderAnswers:
    """Every answer is optional: an empty one means "any" (no preference)."""

    topics: tuple[int, ...] = ()  # accounts.Topic ids
    about: str = ""  # what's on their mind, in their words (never stored unless they send it)
    formats: tuple[str, ...] = ()  # Format values
    modes: tuple[str, ...] = ()  # accounts.choices.ContactMode values
    availability: tuple[str, ...] = ()  # accounts.choices.AVAILABILITY_SLOTS ("tue_evening")
    place_geonameid: int | None = None  # a town from the offline gazetteer
    place_name: str = ""  # its label ("Cardiff, Wales, United Kingdom")
    latitude: float | None = None
    longitude: float | None = None
    travel_distance: float | None = None  # in `distance_unit`
    distance_unit: str = DistanceUnit.MILES
    languages: tuple[str, ...] = ()  # accounts.choices.LANGUAGES codes
    access_needs: tuple[str, ...] = ()  # accounts.choices.AccessNeed values
    access_needs_other: str = ""
    # They said places without what they need may be shown too (needs are otherwise hard
    # filters for in-person options).
    access_flexible: bool = False

    @property
    def travel_km(self) -> float | None:
        if self.travel_distance is None:
            return None
        if self.distance_unit == DistanceUnit.MILES:
            return self.travel_distance * 1.609344
        return float(self.travel_distance)

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict:
        """JSON-ready: for the session, the API and an enquiry's `finder_answers`."""
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in asdict(self).items()}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> "FinderAnswers":
        """Back from `to_dict` (a session, a stored enquiry). Unknown keys are ignored; this
        trusts its input: validate what people typed with `finder.validation` first."""
        values = {}
        for field in fields(cls):
            if field.name in data:
                value = data[field.name]
                values[field.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def replace(self, **changes) -> "FinderAnswers":
        return FinderAnswers.from_dict({**self.to_dict(), **changes})


# Where the pages keep the answers between steps (FinderAnswers.to_dict()).
SESSION_KEY = "finder_answers"
