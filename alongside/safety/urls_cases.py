"""URL patterns for the safety net's cases pages, part of the `safety` namespace."""

from django.urls import path

from alongside.safety import staff_views_cases as views

urlpatterns = [
    path("staff/safeguarding/", views.CaseListView.as_view(), name="case_list"),
    path("staff/safeguarding/new/", views.CaseCreateView.as_view(), name="case_create"),
    path(
        "staff/safeguarding/<int:case_id>/",
        views.CaseDetailView.as_view(),
        name="case_detail",
    ),
    path(
        "staff/safeguarding/<int:case_id>/entries/<slug:kind>/",
        views.CaseEntryAddView.as_view(),
        name="case_add_entry",
    ),
    path(
        "staff/safeguarding/<int:case_id>/alerts/",
        views.CaseLinkAlertView.as_view(),
        name="case_link_alert",
    ),
    path(
        "staff/safeguarding/<int:case_id>/close/",
        views.CaseCloseView.as_view(),
        name="case_close",
    ),
    path(
        "staff/safeguarding/<int:case_id>/reopen/",
        views.CaseReopenView.as_view(),
        name="case_reopen",
    ),
]
