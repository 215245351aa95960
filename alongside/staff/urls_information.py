from django.urls import path

from alongside.staff import views_information

app_name = "information"
urlpatterns = [
    path("", views_information.InformationIndexView.as_view(), name="index"),
    path("<slug:slug>/", views_information.InformationPageView.as_view(), name="page"),
]
