"""What is stored with every piece of member text: the risk assessment it got when it was
written. Content models inherit `AssessedContent`; actions call `apply_risk` before saving."""

from django.db import models

from .assess import RiskAssessment, RiskLevel

# How serious each level is: for comparing assessments and sorting alerts.
LEVEL_RANK = {RiskLevel.NONE: 0, RiskLevel.CONCERN: 1, RiskLevel.URGENT: 2}


class AssessedContent(models.Model):
    """The risk fields of one stored piece of member text."""

    risk_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, default=RiskLevel.NONE, db_index=True
    )
    risk_signals = models.JSONField(default=list, blank=True)
    risk_score = models.FloatField(default=0.0)
    risk_detector_version = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True

    @property
    def risk(self) -> RiskAssessment:
        return RiskAssessment(
            RiskLevel(self.risk_level),
            tuple(self.risk_signals),
            self.risk_score,
            self.risk_detector_version,
        )


RISK_FIELDS = ["risk_level", "risk_signals", "risk_score", "risk_detector_version"]


def combine(*assessments: RiskAssessment | None) -> RiskAssessment:
    """One assessment for content made of several texts (a title and a body): the highest
    level, every signal once, the highest score."""
    present = [a for a in assessments if a is not None]
    if not present:
        return RiskAssessment(RiskLevel.NONE, (), 0.0)
    highest = max(present, key=lambda a: (LEVEL_RANK[RiskLevel(a.level)], a.score))
    signals: list[str] = []
    for assessment in present:
        signals.extend(s for s in assessment.signals if s not in signals)
    return RiskAssessment(
        highest.level,
        tuple(signals),
        max(a.score for a in present),
        highest.detector_version,
    )


def apply_risk(content: AssessedContent, assessment: RiskAssessment) -> None:
    """Copy `assessment` onto `content` (not saved). Urgent content is held for a
    moderator: nobody else sees it until a moderator approves it."""
    from alongside.community.choices import ContentStatus

    content.risk_level = RiskLevel(assessment.level)
    content.risk_signals = list(assessment.signals)
    content.risk_score = assessment.score
    content.risk_detector_version = assessment.detector_version
    if assessment.level != RiskLevel.URGENT:
        return
    if getattr(content, "status", None) == ContentStatus.VISIBLE:
        content.status = ContentStatus.HELD
    if hasattr(content, "text_held"):  # a profile: its free text is hidden from others
        content.text_held = True


def is_higher(a: RiskAssessment, b: RiskAssessment) -> bool:
    return (LEVEL_RANK[RiskLevel(a.level)], a.score) > (LEVEL_RANK[RiskLevel(b.level)], b.score)
