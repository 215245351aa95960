from django.urls import path

from alongside.finder import views

app_name = "finder"
urlpatterns = [
    path("", views.FinderStartView.as_view(), name="start"),
    path("check/", views.FinderCheckView.as_view(), name="check"),
    path("results/", views.FinderResultsView.as_view(), name="results"),
    path("save/", views.FinderSaveView.as_view(), name="save"),
    path("<slug:step>/", views.FinderStepView.as_view(), name="step"),
]
