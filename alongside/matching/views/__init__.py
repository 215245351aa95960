"""Member pages for mentoring and befriending: asking for support, offering it, and one
page per match. Every page is for a signed-in member; a match or request of someone else's
is a 404."""

from alongside.matching.views.match import (
    MatchAgreementConfirmView,
    MatchAgreementView,
    MatchCheckInView,
    MatchEndView,
    MatchFeedbackView,
    MatchReflectionView,
    MatchRespondView,
    MatchReviewView,
    MatchView,
)
from alongside.matching.views.people import (
    MatchingHomeView,
    SupporterAreaView,
    SupporterEditView,
    SupporterFormView,
    SupportRequestView,
    WithdrawRequestView,
)

__all__ = [
    "MatchAgreementConfirmView",
    "MatchAgreementView",
    "MatchCheckInView",
    "MatchEndView",
    "MatchFeedbackView",
    "MatchReflectionView",
    "MatchRespondView",
    "MatchReviewView",
    "MatchView",
    "MatchingHomeView",
    "SupportRequestView",
    "SupporterAreaView",
    "SupporterEditView",
    "SupporterFormView",
    "WithdrawRequestView",
]
