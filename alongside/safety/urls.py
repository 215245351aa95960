from django.urls import path

from alongside.safety import views

app_name = "safety"
urlpatterns = [
    path("help-now/", views.HelpNowView.as_view(), name="help_now"),
]
