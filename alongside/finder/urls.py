from django.urls import path

from alongside.finder import views

app_name = "finder"
urlpatterns = [
    path("", views.FinderStartView.as_view(), name="start"),
]
