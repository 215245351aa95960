from django.urls import path

from alongside.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.GroupDirectoryView.as_view(), name="directory"),
]
