"""URL patterns for the safety net's moderation pages, part of the `safety` namespace."""

from django.urls import path

from alongside.safety import staff_views_moderation as views

urlpatterns = [
    path("staff/moderation/", views.ModerationQueueView.as_view(), name="moderation_queue"),
    path(
        "staff/moderation/alerts/<int:alert_id>/",
        views.AlertDetailView.as_view(),
        name="alert_detail",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/claim/",
        views.AlertClaimView.as_view(),
        name="alert_claim",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/release/",
        views.AlertReleaseView.as_view(),
        name="alert_release",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/approve/",
        views.AlertApproveView.as_view(),
        name="alert_approve",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/hide/",
        views.AlertHideView.as_view(),
        name="alert_hide",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/edit/",
        views.AlertEditView.as_view(),
        name="alert_edit",
    ),
    path(
        "staff/moderation/alerts/<int:alert_id>/resolve/",
        views.AlertResolveView.as_view(),
        name="alert_resolve",
    ),
    path(
        "staff/moderation/reports/<int:report_id>/",
        views.ReportDetailView.as_view(),
        name="report_detail",
    ),
    path(
        "staff/moderation/reports/<int:report_id>/claim/",
        views.ReportClaimView.as_view(),
        name="report_claim",
    ),
    path(
        "staff/moderation/reports/<int:report_id>/release/",
        views.ReportReleaseView.as_view(),
        name="report_release",
    ),
    path(
        "staff/moderation/reports/<int:report_id>/hide/",
        views.ReportHideView.as_view(),
        name="report_hide",
    ),
    path(
        "staff/moderation/reports/<int:report_id>/resolve/",
        views.ReportResolveView.as_view(),
        name="report_resolve",
    ),
]
