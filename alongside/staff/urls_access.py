from django.urls import path

from alongside.staff import views

# Included by staff/urls.py: names are in the "staff" namespace.
urlpatterns = [
    path("<int:task_id>/", views.AccessTaskView.as_view(), name="access_task"),
]
