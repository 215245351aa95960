"""What the engine knows about each request and supporter: plain frozen values, built from
the database by `load.py` or directly by tests and the benchmark."""

from dataclasses import dataclass, field

# The score is 1 + the weighted components x 100: every feasible pair is worth at least
# 1, so matching one more person always beats leaving them waiting.
SCORE_FLOOR = 1.0
SCORE_SPAN = 100.0
FULL_OVERLAP_MINUTES = 240.0  # four shared hours a week count as fully available
FULL_WAIT_DAYS = 90.0
BLOCK_MINUTES = 30


@dataclass(frozen=True, slots=True)
class RequestFacts:
    id: int
    member_id: int
    kind: str
    topic_ids: frozenset[int]
    text: str
    modes: frozenset[str]
    half_hours: frozenset[int]
    languages: frozenset[str]
    latitude: float | None
    longitude: float | None
    age_group: str
    supporter_genders: frozenset[str]
    supporter_age_groups: frozenset[str]
    shared_experience_important: bool
    waiting_days: float
    place_name: str = ""

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class SupporterFacts:
    user_id: int
    kinds: frozenset[str]
    topic_ids: frozenset[int]
    text: str
    modes: frozenset[str]
    half_hours: frozenset[int]
    languages: frozenset[str]
    latitude: float | None
    longitude: float | None
    max_distance_km: float | None
    free_capacity: int
    age_group: str
    gender: str
    comfortable_age_groups: frozenset[str]
    place_name: str = ""

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Weights:
    topics: float = 30
    text: float = 15
    availability: float = 20
    distance: float = 10
    waiting: float = 25
    min_overlap_minutes: int = 60

    @classmethod
    def from_settings(cls, settings) -> "Weights":
        """From a MatchingSettings row (or anything with the same attributes)."""
        return cls(
            topics=settings.weight_topics,
            text=settings.weight_text,
            availability=settings.weight_availability,
            distance=settings.weight_distance,
            waiting=settings.weight_waiting,
            min_overlap_minutes=settings.min_overlap_minutes,
        )

    @property
    def total(self) -> float:
        return float(self.topics + self.text + self.availability + self.distance + self.waiting)

    @property
    def min_overlap_blocks(self) -> int:
        """The fewest shared half-hour blocks that give at least min_overlap_minutes."""
        return -(-int(self.min_overlap_minutes) // BLOCK_MINUTES)


@dataclass(frozen=True, slots=True)
class Proposal:
    request_id: int
    supporter_id: int
    score: float
    explanation: str

    def as_dict(self) -> dict:
        """The shape MatchingRun.proposals stores."""
        return {
            "request": self.request_id,
            "supporter": self.supporter_id,
            "score": round(self.score, 4),
            "explanation": self.explanation,
        }


@dataclass(slots=True)
class RunResult:
    proposals: list[Proposal] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)
    total_score: float = 0.0
    request_count: int = 0
    supporter_count: int = 0
    seconds: float = 0.0
