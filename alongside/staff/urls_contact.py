from django.urls import path

from alongside.staff import views_contact

app_name = "contact"
urlpatterns = [
    path("", views_contact.ContactView.as_view(), name="new"),
    path("sent/", views_contact.ContactSentView.as_view(), name="sent"),
]
