"""Member pages for mentoring and befriending, under /matching/."""

from django.urls import path

from alongside.matching import views

app_name = "matching"
match_posts = [
    ("respond/", views.MatchRespondView, "match_respond"),
    ("agreement/", views.MatchAgreementView, "match_agreement"),
    ("agreement/confirm/", views.MatchAgreementConfirmView, "match_agreement_confirm"),
    ("check-ins/", views.MatchCheckInView, "match_check_in"),
    ("feedback/", views.MatchFeedbackView, "match_feedback"),
    ("review/", views.MatchReviewView, "match_review"),
    ("end/", views.MatchEndView, "match_end"),
    ("reflection/", views.MatchReflectionView, "match_reflection"),
]
urlpatterns = [
    path("", views.MatchingHomeView.as_view(), name="home"),
    path("request/<str:kind>/", views.SupportRequestView.as_view(), name="request"),
    path(
        "request/<int:request_id>/withdraw/",
        views.WithdrawRequestView.as_view(),
        name="withdraw_request",
    ),
    path("supporter/", views.SupporterAreaView.as_view(), name="supporter"),
    path("supporter/apply/", views.SupporterFormView.as_view(), name="apply"),
    path("supporter/edit/", views.SupporterEditView.as_view(), name="supporter_edit"),
    path("matches/<int:match_id>/", views.MatchView.as_view(), name="match"),
    *[
        path(f"matches/<int:match_id>/{suffix}", view.as_view(), name=name)
        for suffix, view, name in match_posts
    ],
]
