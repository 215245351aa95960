"""The coordinators' matching pages, under /staff/matching/."""

from django.urls import path

from alongside.matching.staff_views import (
    matches,
    request_new,
    requests,
    runs,
    settings,
    supporters,
)

app_name = "matching_staff"
urlpatterns = [
    path("", requests.OverviewView.as_view(), name="overview"),
    path("waiting/", requests.WaitingListView.as_view(), name="waiting"),
    path("requests/new/", request_new.RequestNewView.as_view(), name="request_new"),
    path("requests/<int:request_id>/", requests.RequestDetailView.as_view(), name="request"),
    path(
        "requests/<int:request_id>/propose/",
        requests.RequestProposeView.as_view(),
        name="request_propose",
    ),
    path("runs/", runs.RunListView.as_view(), name="runs"),
    path("runs/<int:run_id>/", runs.RunDetailView.as_view(), name="run"),
    path("runs/<int:run_id>/send/", runs.RunSendView.as_view(), name="run_send"),
    path("runs/<int:run_id>/discard/", runs.RunDiscardView.as_view(), name="run_discard"),
    path("supporters/", supporters.SupporterListView.as_view(), name="supporters"),
    path(
        "supporters/<int:profile_id>/",
        supporters.SupporterDetailView.as_view(),
        name="supporter",
    ),
    path(
        "supporters/<int:profile_id>/onboarding/",
        supporters.SupporterOnboardingView.as_view(),
        name="supporter_onboarding",
    ),
    path(
        "supporters/<int:profile_id>/training/",
        supporters.SupporterTrainingView.as_view(),
        name="supporter_training",
    ),
    path(
        "supporters/<int:profile_id>/decision/",
        supporters.SupporterDecisionView.as_view(),
        name="supporter_decision",
    ),
    path(
        "supporters/<int:profile_id>/hold/",
        supporters.SupporterHoldView.as_view(),
        name="supporter_hold",
    ),
    path("matches/", matches.MatchListView.as_view(), name="matches"),
    path("matches/<int:match_id>/", matches.MatchDetailView.as_view(), name="match"),
    path("matches/<int:match_id>/cancel/", matches.MatchCancelView.as_view(), name="match_cancel"),
    path("matches/<int:match_id>/end/", matches.MatchEndView.as_view(), name="match_end"),
    path(
        "matches/<int:match_id>/ended-badly/",
        matches.MatchEndedBadlyView.as_view(),
        name="match_ended_badly",
    ),
    path(
        "matches/<int:match_id>/rematch/",
        matches.MatchRematchView.as_view(),
        name="match_rematch",
    ),
    path("settings/", settings.SettingsView.as_view(), name="settings"),
]
