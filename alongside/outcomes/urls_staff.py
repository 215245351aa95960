from django.urls import path

from alongside.outcomes import views_measures, views_staff

app_name = "outcomes_staff"
urlpatterns = [
    path("", views_staff.ReportView.as_view(), name="report"),
    path("report.csv", views_staff.ReportCsvView.as_view(), name="report_csv"),
    path("activity/", views_staff.ActivityView.as_view(), name="activity"),
    path("activity.csv", views_staff.ActivityCsvView.as_view(), name="activity_csv"),
    path("measures/", views_measures.MeasureListView.as_view(), name="measures"),
    path("measures/<slug:key>/", views_measures.MeasureDetailView.as_view(), name="measure"),
    path("settings/", views_measures.SettingsView.as_view(), name="settings"),
]
