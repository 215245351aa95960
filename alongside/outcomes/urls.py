from django.urls import path

from alongside.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.ProgressView.as_view(), name="progress"),
    path("choice/", views.ConsentView.as_view(), name="consent"),
    path("check-in/", views.CheckInView.as_view(), name="check_in"),
    path("check-in/skip/", views.SkipCheckInView.as_view(), name="skip"),
    path("check-in/<slug:key>/", views.MeasureView.as_view(), name="measure"),
    path("delete/", views.DeleteAnswersView.as_view(), name="delete"),
]
